; XML: shared capture names (see src/facts.rs). Elements are scopes (path segments).
(AttValue) @string
(CharData) @string
(Attribute (Name) @pair.key (AttValue) @pair.value) @pair
(element (STag (Name) @pair.key) (content . (CharData) @pair.value .)) @pair
(element (STag (Name) @scope.name)) @scope
(element (EmptyElemTag (Name) @scope.name)) @scope
; An element is also a call: its name is the callee, its attributes the named arguments.
(STag (Name) @call.name) @call @call.args
(EmptyElemTag (Name) @call.name) @call @call.args
; CDATA sections (DataWeave, embedded SOAP bodies) are string values.
(CData) @string
