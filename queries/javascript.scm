; JavaScript and TypeScript: shared capture names (see src/facts.rs).
(string) @string
(template_string) @string
(template_string (template_substitution) @string.hole)
(binary_expression left: (_) operator: "+" right: (_)) @concat

(variable_declarator name: (identifier) @assign.name value: (_) @assign.value) @assign
(assignment_expression left: (identifier) @assign.name right: (_) @assign.value) @assign

; {k: v}, {"k": v}, obj.k = v, obj["k"] = v
(pair key: (_) @pair.key value: (_) @pair.value) @pair
(assignment_expression left: (member_expression property: (property_identifier) @pair.key) right: (_) @pair.value) @pair
(assignment_expression left: (subscript_expression index: (string) @pair.key) right: (_) @pair.value) @pair
; params.append("k", v), form.set("k", v), map.set("k", v)
(call_expression
  function: (member_expression property: (property_identifier) @_m)
  arguments: (arguments . (string) @pair.key . (_) @pair.value .)
  (#match? @_m "^(append|set|add|put|field|query|send|setHeader|header)$")) @pair

(call_expression function: (_) @call.name arguments: (arguments) @call.args) @call
(new_expression constructor: (_) @call.name arguments: (arguments) @call.args) @call

; { client_secret, password }: a shorthand property is a pair whose key names its value.
(object (shorthand_property_identifier) @pair.key @pair.value @pair)
; url.searchParams.append("k", v): the object's last member is a path segment (searchParams.k).
(call_expression
  function: (member_expression
    object: (member_expression property: (property_identifier) @scope.name)
    property: (property_identifier) @_m)
  arguments: (arguments . (string) @pair.key . (_) @pair.value .) @pair
  (#match? @_m "^(append|set)$")) @scope
