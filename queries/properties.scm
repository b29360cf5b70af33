; .properties: shared capture names (see src/facts.rs).
(value) @string
(property (key) @pair.key (value) @pair.value) @pair
