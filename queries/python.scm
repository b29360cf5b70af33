; Python: shared capture names (see src/facts.rs).
(string) @string
(string (interpolation) @string.hole)
(concatenated_string) @concat
(binary_operator left: (_) operator: "+" right: (_)) @concat

(assignment left: (identifier) @assign.name right: (_) @assign.value) @assign

; {"k": v}, f(k=v), data["k"] = v
(pair key: (_) @pair.key value: (_) @pair.value) @pair
(keyword_argument name: (identifier) @pair.key value: (_) @pair.value) @pair
(assignment left: (subscript subscript: (string) @pair.key) right: (_) @pair.value) @pair
; form.add("k", v), headers.update / params.setdefault-style two-argument setters
(call
  function: (attribute attribute: (identifier) @_m)
  arguments: (argument_list . (string) @pair.key . (_) @pair.value .)
  (#match? @_m "^(add|append|put|set|setdefault|add_field|set_field)$")) @pair

(call function: (_) @call.name arguments: (argument_list) @call.args) @call

; NAME = value is a pair too: SF_PASSWORD = "…", GRANT_TYPE_PASSWORD = "password"
; An annotated field with an empty default (`token: str = ""`) declares a type, not a value.
; Only scalar values: a dict bound to a name is not a setting called by that name.
(assignment
  left: (identifier) @pair.key
  !type
  right: [(string) (concatenated_string) (binary_operator) (identifier) (attribute) (call)
          (subscript) (conditional_expression)] @pair.value) @pair
(assignment
  left: (identifier) @pair.key
  type: (_)
  right: (string) @pair.value
  (#match? @pair.value "^.{3,}$")) @pair
(assignment
  left: (attribute attribute: (identifier) @pair.key)
  right: [(string) (concatenated_string) (binary_operator) (identifier) (attribute) (call)
          (subscript) (conditional_expression)] @pair.value) @pair

; obj.params["k"] = v: the attribute is a path segment (params.k).
(assignment
  left: (subscript value: (attribute attribute: (identifier) @scope.name) subscript: (string) @pair.key) @pair
  right: (_) @pair.value) @scope

; A call of a bare name (a class or function, not a method) is a scope: its keyword
; arguments get the callee in their path (`Salesforce(password=...)` → `Salesforce.password`).
(call function: (identifier) @scope.name arguments: (argument_list)) @scope

; "%s%s" % (password, token): %-formatting is a call of the format string, whose positional
; arguments are the tuple's items (callee `"%s%s"%`).
(binary_operator
  left: (string) @call.name
  operator: "%"
  right: (tuple) @call.args) @call

; return <value> is a pair keyed "return" (a function that answers a setting: return "test" if sb else "login")
(return_statement "return" @pair.key (_) @pair.value) @pair
