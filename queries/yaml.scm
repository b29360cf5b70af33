; YAML: shared capture names (see src/facts.rs).
(plain_scalar) @string
(double_quote_scalar) @string
(single_quote_scalar) @string
(block_scalar) @string
(block_mapping_pair key: (_) @pair.key value: (_) @pair.value) @pair
(flow_pair key: (_) @pair.key value: (_) @pair.value) @pair
