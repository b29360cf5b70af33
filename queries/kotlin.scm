; Kotlin (kotlin-ng): shared capture names (see src/facts.rs). `$name` inside a string is not
; a node in this grammar, so it stays as its text ($name), which reads as a reference.
(string_literal) @string
(multiline_string_literal) @string
(string_literal (interpolation) @string.hole)
(multiline_string_literal (interpolation) @string.hole)
(binary_expression left: (_) operator: "+" right: (_)) @concat

(property_declaration (variable_declaration . (identifier) @assign.name) . (_) @assign.value .) @assign

; mapOf("grant_type" to "password"), "k" to v anywhere
(infix_expression . (string_literal) @pair.key . (identifier) @_to . (_) @pair.value .
  (#eq? @_to "to")) @pair
; append("k", v), put("k", v), parameter("k", v), form.add("k", v), Ktor formParameters
(call_expression
  [(identifier) @_m (navigation_expression (_) . (identifier) @_m .)]
  (value_arguments . (value_argument . (string_literal) @pair.key .) . (value_argument (_) @pair.value) .)
  (#match? @_m "^(put|add|set|append|param|parameter|queryParam|formParam|addParameter|setParameter|addFormField|addHeader|header|field|setProperty)$")) @pair
; login(username = u, password = p): named arguments
(value_argument . (identifier) @pair.key . (_) @pair.value .) @pair
; config.setPassword(x) → key "Password"
(call_expression
  (navigation_expression (_) . (identifier) @pair.setter .)
  (value_arguments . (value_argument (_) @pair.value) .)
  (#match? @pair.setter "^set[A-Z]")) @pair
; builder methods named for a credential or endpoint: .password(x), .grantType(x)
(call_expression
  (navigation_expression (_) . (identifier) @pair.key .)
  (value_arguments . (value_argument (_) @pair.value) .)
  (#match? @pair.key "(?i)^(user_?name|password|passwd|security_?token|token|client_?secret|client_?id|consumer_?key|consumer_?secret|login_?url|grant_?type|token_?url|auth_?endpoint|instance_?url|endpoint)$")) @pair
; val NAME = value (scalar values only)
(property_declaration
  (variable_declaration . (identifier) @pair.key)
  .
  [(string_literal) (multiline_string_literal) (binary_expression) (identifier)
   (navigation_expression) (call_expression) (if_expression) (when_expression) (index_expression)] @pair.value .) @pair
; config.password = "x" (path config.password); apply { password = p }
(assignment
  left: (navigation_expression (_) @scope.name . (identifier) @pair.key .) @pair
  right: (_) @pair.value) @scope
(assignment left: (identifier) @pair.key right: (_) @pair.value) @pair
; ConnectorConfig().apply { password = p }: the scope function is a path segment (apply.password)
(call_expression
  (navigation_expression (_) . (identifier) @scope.name .)
  (annotated_lambda)
  (#match? @scope.name "^(apply|also|run|let)$")) @scope
; return <value>
(return_expression "return" @pair.key (_) @pair.value) @pair

; Query-parameter builders: the method is a path segment (parameter.k), as in Java; Ktor's
; parameter("k", v) in a request builder goes to the URL.
(call_expression
  [(identifier) @scope.name (navigation_expression (_) . (identifier) @scope.name .)]
  (value_arguments . (value_argument . (string_literal) @pair.key .) . (value_argument (_) @pair.value) .) @pair
  (#match? @scope.name "^(queryParam|parameter|addQueryParameter|addEncodedQueryParameter|setQueryParameter|addParameter|setParameter)$")) @scope

(call_expression . (_) @call.name . (value_arguments) @call.args) @call
