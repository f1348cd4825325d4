/// Every rule kind, sorted by name. Adding a kind is one file in `Kinds/` and one line here.
public let allKinds: [any RuleKind.Type] = [
    PatternKind.self,
    RecipientsKind.self,
    RequiredSectionsKind.self,
]
