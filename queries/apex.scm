; Apex (sfapex): shared capture names (see src/facts.rs). Apex is case-insensitive, so the
; method-name predicates are too.
(string_literal) @string
(binary_expression left: (_) operator: "+" right: (_)) @concat

(variable_declarator name: (identifier) @assign.name value: (_) @assign.value) @assign

; param.put('k', v), req.setHeader('k', v), form.add('k', v)
(method_invocation
  name: (identifier) @_m
  arguments: (argument_list . (string_literal) @pair.key . (_) @pair.value .)
  (#match? @_m "(?i)^(put|add|set|setHeader|setParameter|addParameter)$")) @pair
; new Map<String, String>{ 'grant_type' => 'password' }
(map_key_initializer . (_) @pair.key . (_) @pair.value .) @pair
; cfg.setPassword(x) → key "Password"
(method_invocation
  name: (identifier) @pair.setter
  arguments: (argument_list . (_) @pair.value .)
  (#match? @pair.setter "^set[A-Z]")) @pair
; String grant_type = 'password' (scalar values only)
(variable_declarator
  name: (identifier) @pair.key
  value: [(string_literal) (binary_expression) (identifier) (field_access) (method_invocation)
          (ternary_expression) (array_access)] @pair.value) @pair
; body = …; body += '&grant_type=password'; cfg.password = 'x'
(assignment_expression left: (identifier) @pair.key right: (_) @pair.value) @pair
(assignment_expression left: (field_access field: (identifier) @pair.key) right: (_) @pair.value) @pair
; return <value>
(return_statement "return" @pair.key (_) @pair.value) @pair

(method_invocation name: (identifier) @call.name arguments: (argument_list) @call.args) @call
(object_creation_expression type: (_) @call.name arguments: (argument_list) @call.args) @call
