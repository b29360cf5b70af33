; Java: shared capture names (see src/facts.rs).
(string_literal) @string
(binary_expression left: (_) operator: "+" right: (_)) @concat

(variable_declarator name: (identifier) @assign.name value: (_) @assign.value) @assign

; map.put("k", v), form.add("k", v), new BasicNameValuePair("k", v), builder.queryParam("k", v)
(method_invocation
  name: (identifier) @_m
  arguments: (argument_list . (string_literal) @pair.key . (_) @pair.value .)
  (#match? @_m "^(put|add|set|append|addValue|param|queryParam|formParam|addParameter|setParameter|addFormField|addHeader|header|field|with|setProperty)$")) @pair
(object_creation_expression
  type: (_) @_t
  arguments: (argument_list . (string_literal) @pair.key . (_) @pair.value .)
  (#match? @_t "(NameValuePair|KeyValue|Pair|Entry|Parameter)$")) @pair
; config.setPassword(x) → key "Password"
(method_invocation
  name: (identifier) @pair.setter
  arguments: (argument_list . (_) @pair.value .)
  (#match? @pair.setter "^set[A-Z]")) @pair
; @Value("${...}") String password; annotations with key = value
(element_value_pair key: (identifier) @pair.key value: (_) @pair.value) @pair

(method_invocation name: (identifier) @call.name arguments: (argument_list) @call.args) @call
(object_creation_expression type: (_) @call.name arguments: (argument_list) @call.args) @call
; Map.of("grant_type", "password", "username", user): alternating keys and values
(method_invocation
  name: (identifier) @_m
  arguments: (argument_list) @pairs.flat
  (#match? @_m "^(of|copyOf)$"))

; String NAME = value is a pair too
; (scalar values only: a map bound to a name is not a setting called by that name)
(variable_declarator
  name: (identifier) @pair.key
  value: [(string_literal) (binary_expression) (identifier) (field_access) (method_invocation)
          (ternary_expression) (array_access)] @pair.value) @pair

; Query-parameter builders: the method is a path segment (queryParam.k) so that a query
; parameter is told from a form field: UriComponentsBuilder/WebTarget.queryParam("k", v),
; OkHttp addQueryParameter("k", v), URIBuilder.addParameter("k", v).
(method_invocation
  name: (identifier) @scope.name
  arguments: (argument_list . (string_literal) @pair.key . (_) @pair.value .) @pair
  (#match? @scope.name "^(queryParam|addQueryParameter|addEncodedQueryParameter|setQueryParameter|addParameter|setParameter)$")) @scope

; Builder methods named for a credential or endpoint: .securityToken(x), .password(x)
(method_invocation
  name: (identifier) @pair.key
  arguments: (argument_list . (_) @pair.value .)
  (#match? @pair.key "(?i)^(user_?name|password|passwd|security_?token|token|client_?secret|client_?id|consumer_?key|consumer_?secret|login_?url|grant_?type|token_?url|auth_?endpoint|instance_?url|endpoint)$")) @pair

; return <value> is a pair keyed "return" (a function that answers a setting: return "test" if sb else "login")
(return_statement "return" @pair.key (_) @pair.value) @pair
