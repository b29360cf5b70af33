; PHP: shared capture names (see src/facts.rs).
(string) @string
(encapsed_string) @string
(encapsed_string (variable_name) @string.hole)
(binary_expression left: (_) operator: "." right: (_)) @concat

(const_element . (name) @assign.name . (_) @assign.value .) @assign
(assignment_expression left: (variable_name) @assign.name right: (_) @assign.value) @assign

; ['k' => v] (form_params, query, headers, CURLOPT arrays)
(array_element_initializer . (_) @pair.key . (_) @pair.value .) @pair
; const NAME = …; define('NAME', …); $name = …; private $password = '…'; $this->password = …
(const_element . (name) @pair.key . (_) @pair.value .) @pair
(function_call_expression
  function: (name) @_f
  arguments: (arguments . (argument (string) @pair.key) . (argument (_) @pair.value) .)
  (#eq? @_f "define")) @pair
(assignment_expression
  left: (variable_name) @pair.key
  right: [(string) (encapsed_string) (binary_expression) (variable_name) (name)
          (function_call_expression) (member_call_expression)] @pair.value) @pair
(property_element name: (variable_name) @pair.key default_value: (_) @pair.value) @pair
(assignment_expression left: (member_access_expression name: (name) @pair.key) right: (_) @pair.value) @pair
; curl_setopt($ch, CURLOPT_POSTFIELDS, …): the option is the key
(function_call_expression
  function: (name) @_f
  arguments: (arguments (argument) . (argument (name) @pair.key) . (argument (_) @pair.value) .)
  (#eq? @_f "curl_setopt")) @pair
; return <value>
(return_statement "return" @pair.key (_) @pair.value) @pair

(function_call_expression function: (_) @call.name arguments: (arguments) @call.args) @call
(member_call_expression name: (name) @call.name arguments: (arguments) @call.args) @call
(scoped_call_expression name: (name) @call.name arguments: (arguments) @call.args) @call
(object_creation_expression (name) @call.name (arguments) @call.args) @call
; $url .= '&client_secret=' . $s: an appended URL part, keyed by the variable
(augmented_assignment_expression left: (variable_name) @pair.key right: (_) @pair.value) @pair
