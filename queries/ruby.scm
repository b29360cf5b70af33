; Ruby: shared capture names (see src/facts.rs).
(string) @string
(string (interpolation) @string.hole)
(binary left: (_) operator: "+" right: (_)) @concat
(chained_string) @concat
(heredoc_body) @string

(assignment left: [(identifier) (constant)] @assign.name right: (_) @assign.value) @assign

; { key: v }, { "key" => v }, Restforce.new(username: …), set_form_data("k" => v)
(pair key: (_) @pair.key value: (_) @pair.value) @pair
; NAME = "…", name = "…" (scalar values only)
(assignment
  left: [(identifier) (constant)] @pair.key
  right: [(string) (binary) (identifier) (constant) (call) (element_reference)] @pair.value) @pair
; config.password = "…"
(assignment left: (call method: (identifier) @pair.key) right: (_) @pair.value) @pair
; return <value>
(return (argument_list . (_) @pair.value .) @pair.key) @pair

(call method: (_) @call.name arguments: (argument_list) @call.args) @call

; req.params['k'] = v, params['k'] = v: the receiver's name is a path segment (params.k)
(assignment
  left: (element_reference object: (call method: (identifier) @scope.name) . (string) @pair.key) @pair
  right: (_) @pair.value) @scope
(assignment
  left: (element_reference object: (identifier) @scope.name . (string) @pair.key) @pair
  right: (_) @pair.value) @scope
