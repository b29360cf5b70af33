; Shell (bash, sh, zsh): shared capture names (see src/facts.rs).
(string) @string
(raw_string) @string
(ansi_c_string) @string
(heredoc_body) @string
(string [(simple_expansion) (expansion) (command_substitution)] @string.hole)
(heredoc_body [(simple_expansion) (expansion) (command_substitution)] @string.hole)
; client_id="$ID": a word and a string written together are one argument
(concatenation) @concat
(concatenation (word) @string)
; ${VAR:-default}: the default is a value written here
(expansion (variable_name) . [":-" "-" ":=" "="] . [(word) (string) (raw_string) (concatenation)] @string)
; Unquoted arguments are strings too (curl -d grant_type=password https://host/token)
(command argument: (word) @string)
(variable_assignment value: (word) @string)

(variable_assignment name: (variable_name) @assign.name value: (_) @assign.value) @assign

; NAME=value, export NAME=value, local NAME=value
(variable_assignment name: (variable_name) @pair.key value: (_) @pair.value) @pair
; NAME= (nothing assigned)
(variable_assignment name: (variable_name) @pair.key . "=" @pair.empty .) @pair
; --conn-password "x", --security-token "$T", -H "SOAPAction: login": an option and the
; argument after it (the key is the option's name without its dashes)
; (the option is the pair's node, so that its siblings are the command's other arguments)
(command
  argument: (word) @pair.key @pair
  .
  argument: [(word) (string) (raw_string) (concatenation) (simple_expansion) (expansion)] @pair.value
  (#match? @pair.key "^--?[A-Za-z]")
  (#not-match? @pair.value "^-"))
; -s, --insecure: an option without an argument (a pair with a value wins over this one)
(command argument: (word) @pair.key @pair @pair.empty (#match? @pair.key "^--?[A-Za-z]"))
; curl -d k=v, --data-urlencode "k=v", -F k=v: form fields, split by the extractor
(command
  argument: (word) @_flag
  .
  argument: (_) @pairs.encoded
  (#match? @_flag "^(-d|--data|--data-ascii|--data-raw|--data-binary|--data-urlencode|-F|--form|--form-string|--post-data)$"))

(command name: (command_name) @call.name) @call.args @call
