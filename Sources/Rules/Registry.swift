/// Every rule kind, sorted by name. Adding a kind is one file in `Kinds/` and one line here.
public let allKinds: [any RuleKind.Type] = [
    BreakdownSumKind.self,
    ConsistencyKind.self,
    EncodingKind.self,
    ExpressionKind.self,
    HeaderKind.self,
    NumberFormatKind.self,
    PatternKind.self,
    PercentKind.self,
    PeriodKind.self,
    RecipientsKind.self,
    RequiredSectionsKind.self,
    SignatureKind.self,
    SubstitutionKind.self,
    TableSumKind.self,
]
