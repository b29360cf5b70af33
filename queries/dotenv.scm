; .env files, through the bash grammar: shared capture names (see src/facts.rs).
(string) @string
(raw_string) @string
(word) @string
(string (expansion) @string.hole)
(string (simple_expansion) @string.hole)
(variable_assignment name: (variable_name) @pair.key value: (_) @pair.value) @pair
; KEY= with nothing after it: a pair with an empty value
(variable_assignment name: (variable_name) @pair.key !value) @pair @pair.empty
