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

; A call of a bare name (a class or function, not a method) is a scope: its keyword
; arguments get the callee in their path (`Salesforce(password=...)` → `Salesforce.password`).
(call function: (identifier) @scope.name arguments: (argument_list)) @scope
