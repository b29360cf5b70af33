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

; const NAME = value is a pair too
; (scalar values only: an object bound to a name is not a setting called by that name)
(variable_declarator
  name: (identifier) @pair.key
  value: [(string) (template_string) (binary_expression) (identifier) (member_expression)
          (call_expression) (subscript_expression) (ternary_expression)] @pair.value) @pair

; { client_secret, password }: a shorthand property is a pair whose key names its value.
; Only in objects passed to a call or nested in another object (not `module.exports = {…}`).
(arguments (object (shorthand_property_identifier) @pair.key @pair.value @pair))
(pair value: (object (shorthand_property_identifier) @pair.key @pair.value @pair))
; url.searchParams.append("k", v): the object's last member is a path segment (searchParams.k).
(call_expression
  function: (member_expression
    object: (member_expression property: (property_identifier) @scope.name)
    property: (property_identifier) @_m)
  arguments: (arguments . (string) @pair.key . (_) @pair.value .) @pair
  (#match? @_m "^(append|set)$")) @scope

; Builder methods named for a credential or endpoint: .securityToken(x), .password(x)
(call_expression
  function: (member_expression property: (property_identifier) @pair.key)
  arguments: (arguments . (_) @pair.value .)
  (#match? @pair.key "(?i)^(user_?name|password|passwd|security_?token|token|client_?secret|client_?id|consumer_?key|consumer_?secret|login_?url|grant_?type|token_?url|auth_?endpoint|instance_?url|endpoint)$")) @pair

; process.env.NAME reads the variable NAME: the name is a string value.
(member_expression
  object: (member_expression object: (identifier) @_p property: (property_identifier) @_e)
  property: (property_identifier) @string
  (#eq? @_p "process")
  (#eq? @_e "env"))

; obj.setPassword(x), conn.setSecurityToken(x): a one-argument setter on an object is a pair
; keyed by the property it sets (`Password`), as in Java.
(call_expression
  function: (member_expression property: (property_identifier) @pair.setter)
  arguments: (arguments . (_) @pair.value .)
  (#match? @pair.setter "^set[A-Z]")) @pair

; Class fields: `apiSecret = value` (JS field_definition) and `private apiSecret = value`
; (TS public_field_definition) are pairs keyed by the field name (scalar values only). The
; node names differ between the two grammars, so match any node by its field names.
(_
  property: (property_identifier) @pair.key
  value: [(string) (template_string) (binary_expression) (identifier) (member_expression)
          (call_expression) (subscript_expression) (ternary_expression)] @pair.value) @pair
(_
  name: (property_identifier) @pair.key
  value: [(string) (template_string) (binary_expression) (identifier) (member_expression)
          (call_expression) (subscript_expression) (ternary_expression)] @pair.value) @pair

; return <value> is a pair keyed "return" (a function that answers a setting: return "test" if sb else "login")
(return_statement "return" @pair.key (_) @pair.value) @pair
