; C#: shared capture names (see src/facts.rs).
(string_literal) @string
(verbatim_string_literal) @string
(raw_string_literal) @string
(interpolated_string_expression) @string
(interpolated_string_expression (interpolation) @string.hole)
(binary_expression left: (_) operator: "+" right: (_)) @concat

(variable_declarator name: (identifier) @assign.name (_) @assign.value .) @assign
(assignment_expression left: (identifier) @assign.name right: (_) @assign.value) @assign

; new Dictionary<string, string> { { "grant_type", "password" } } (collection initializer)
(initializer_expression
  (initializer_expression . (string_literal) @pair.key . (_) @pair.value .) @pair)
; new Dictionary<string, string> { ["username"] = user }
(initializer_expression
  (assignment_expression
    left: (element_binding_expression . (argument (string_literal) @pair.key) .)
    right: (_) @pair.value) @pair)
; new Config { Password = "x" } (object initializer); new { grant_type = "password" }
(initializer_expression
  (assignment_expression left: (identifier) @pair.key right: (_) @pair.value) @pair)
(anonymous_object_creation_expression) @pairs.flat
; new KeyValuePair<string, string>("grant_type", "password")
(object_creation_expression
  type: (_) @_t
  arguments: (argument_list . (argument (string_literal) @pair.key) . (argument (_) @pair.value) .)
  (#match? @_t "(KeyValuePair|NameValuePair|Parameter)(<|$)")) @pair
; form.Add("k", v), dict.TryAdd("k", v), request.AddParameter("k", v), headers.Add("k", v)
(invocation_expression
  function: (member_access_expression name: (identifier) @_m)
  arguments: (argument_list . (argument (string_literal) @pair.key) . (argument (_) @pair.value) .)
  (#match? @_m "^(Add|TryAdd|Set|Append|AddParameter|AddOrUpdateParameter|AddHeader|AddDefaultHeader|Param)$")) @pair
; Login(username: u, password: p): named arguments
(argument name: (identifier) @pair.key (_) @pair.value) @pair
; const string Grant = "password"; var url = "…" (scalar values only)
(variable_declarator
  name: (identifier) @pair.key
  [(string_literal) (verbatim_string_literal) (raw_string_literal) (interpolated_string_expression)
   (binary_expression) (identifier) (member_access_expression) (invocation_expression)
   (conditional_expression) (element_access_expression)] @pair.value .) @pair
; config.SecurityToken = tok; password = "…"
(expression_statement
  (assignment_expression left: (member_access_expression name: (identifier) @pair.key) right: (_) @pair.value) @pair)
(expression_statement
  (assignment_expression left: (identifier) @pair.key right: (_) @pair.value) @pair)
; public string Password { get; set; } = "…"
(property_declaration name: (identifier) @pair.key value: (_) @pair.value) @pair
; return <value>
(return_statement "return" @pair.key (_) @pair.value) @pair

; Query-parameter builders: the method is a path segment (AddQueryParameter.k), as in Java;
; query["k"] = v on a query collection is one too (query.k).
(invocation_expression
  function: (member_access_expression name: (identifier) @scope.name)
  arguments: (argument_list . (argument (string_literal) @pair.key) . (argument (_) @pair.value) .) @pair
  (#match? @scope.name "^(AddQueryParameter|AddQueryParam|SetQueryParam|AddQueryString)$")) @scope
(assignment_expression
  left: (element_access_expression
    expression: (identifier) @scope.name
    subscript: (bracketed_argument_list . (argument (string_literal) @pair.key) .)) @pair
  right: (_) @pair.value) @scope

; QueryHelpers.AddQueryString(url, "k", v), request.AddParameter("k", v, ParameterType.QueryString)
; (the scope below makes the path AddQueryString.k)
(invocation_expression
  function: (member_access_expression name: (identifier) @_m)
  arguments: (argument_list (argument) . (argument (string_literal) @pair.key) . (argument (_) @pair.value) .) @pair
  (#eq? @_m "AddQueryString"))
(invocation_expression
  function: (member_access_expression name: (identifier) @_m)
  arguments: (argument_list
    . (argument (string_literal) @pair.key) . (argument (_) @pair.value)
    . (argument (member_access_expression name: (identifier) @scope.name)) .) @pair
  (#eq? @_m "AddParameter")) @scope
; AddQueryString(url, new Dictionary {…}), Flurl SetQueryParams(new { … }): everything inside
(invocation_expression
  function: (member_access_expression name: (identifier) @scope.name)
  (#match? @scope.name "^(AddQueryString|SetQueryParams|WithQueryParams)$")) @scope

(invocation_expression function: (_) @call.name arguments: (argument_list) @call.args) @call
(object_creation_expression type: (_) @call.name arguments: (argument_list) @call.args) @call
