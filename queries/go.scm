; Go: shared capture names (see src/facts.rs).
(interpreted_string_literal) @string
(raw_string_literal) @string
(binary_expression left: (_) operator: "+" right: (_)) @concat

(const_spec name: (identifier) @assign.name value: (expression_list . (_) @assign.value .)) @assign
(var_spec name: (identifier) @assign.name value: (expression_list . (_) @assign.value .)) @assign
(short_var_declaration
  left: (expression_list . (identifier) @assign.name .)
  right: (expression_list . (_) @assign.value .)) @assign

; url.Values{"k": {v}}, map[string]string{"k": v}, Config{Password: v}
(keyed_element key: (literal_element (_) @pair.key) value: (literal_element (_) @pair.value)) @pair
; const NAME = "…", NAME := "…" (scalar values only)
(const_spec name: (identifier) @pair.key value: (expression_list . (_) @pair.value .)) @pair
(short_var_declaration
  left: (expression_list . (identifier) @pair.key .)
  right: (expression_list
    . [(interpreted_string_literal) (raw_string_literal) (binary_expression) (identifier)
       (selector_expression) (call_expression)] @pair.value .)) @pair
; form.Set("k", v), form.Add("k", v), q.Set("k", v)
(call_expression
  function: (selector_expression field: (field_identifier) @_m)
  arguments: (argument_list . (interpreted_string_literal) @pair.key . (_) @pair.value .)
  (#match? @_m "^(Set|Add)$")) @pair
; return <value>
(return_statement (expression_list . (_) @pair.value .) @pair.key) @pair

(call_expression function: (_) @call.name arguments: (argument_list) @call.args) @call
; u.RawQuery = q.Encode(): a field assignment is a pair keyed by the field
(assignment_statement
  left: (expression_list . (selector_expression field: (field_identifier) @pair.key) .)
  right: (expression_list . (_) @pair.value .)) @pair
