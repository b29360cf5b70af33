; JSON: shared capture names (see src/facts.rs).
(string) @string
(pair key: (_) @pair.key value: (_) @pair.value) @pair
