; Scala: shared capture names (see src/facts.rs). An interpolated string's interpolator
; (s"…", uri"…") is a name before the string, which folds to the string.
(string) @string
(interpolated_string) @string
(interpolated_string (interpolation) @string.hole)
(infix_expression left: (_) operator: (operator_identifier) @_op right: (_) (#eq? @_op "+")) @concat

(val_definition pattern: (identifier) @assign.name value: (_) @assign.value) @assign

; Map("grant_type" -> "password"), Seq("k" -> v), "k" -> v anywhere
(infix_expression
  left: (string) @pair.key
  operator: (operator_identifier) @_op
  right: (_) @pair.value
  (#eq? @_op "->")) @pair
; form.add("k", v), map.put("k", v), request.param("k", v), headers.set("k", v)
(call_expression
  function: (field_expression field: (identifier) @_m)
  arguments: (arguments . (string) @pair.key . (_) @pair.value .)
  (#match? @_m "^(put|add|set|append|param|queryParam|formParam|addParameter|setParameter|addFormField|addHeader|header|field|setProperty|updated)$")) @pair
; login(username = u, password = p): named arguments
(arguments (assignment_expression left: (identifier) @pair.key right: (_) @pair.value) @pair)
; config.setPassword(x) → key "Password"
(call_expression
  function: (field_expression field: (identifier) @pair.setter)
  arguments: (arguments . (_) @pair.value .)
  (#match? @pair.setter "^set[A-Z]")) @pair
; builder methods named for a credential or endpoint: .password(x), .grantType(x)
(call_expression
  function: (field_expression field: (identifier) @pair.key)
  arguments: (arguments . (_) @pair.value .)
  (#match? @pair.key "(?i)^(user_?name|password|passwd|security_?token|token|client_?secret|client_?id|consumer_?key|consumer_?secret|login_?url|grant_?type|token_?url|auth_?endpoint|instance_?url|endpoint)$")) @pair
; val NAME = value (scalar values only)
(val_definition
  pattern: (identifier) @pair.key
  value: [(string) (interpolated_string_expression) (infix_expression) (identifier)
          (field_expression) (call_expression) (if_expression)] @pair.value) @pair
(var_definition
  pattern: (identifier) @pair.key
  value: [(string) (interpolated_string_expression) (infix_expression) (identifier)
          (field_expression) (call_expression) (if_expression)] @pair.value) @pair
; config.password = "x" (path config.password)
(assignment_expression
  left: (field_expression value: (_) @scope.name field: (identifier) @pair.key) @pair
  right: (_) @pair.value) @scope
(block (assignment_expression left: (identifier) @pair.key right: (_) @pair.value) @pair)
; return <value>
(return_expression "return" @pair.key (_) @pair.value) @pair

; Query-parameter builders: the method is a path segment (withQueryParam.k), as in Java.
(call_expression
  function: (field_expression field: (identifier) @scope.name)
  arguments: (arguments . (string) @pair.key . (_) @pair.value .) @pair
  (#match? @scope.name "^(queryParam|withQueryParam|addQueryParameter|setQueryParameter|addParameter|setParameter)$")) @scope

(call_expression function: (_) @call.name arguments: (arguments) @call.args) @call
(instance_expression (_) @call.name arguments: (arguments) @call.args) @call
