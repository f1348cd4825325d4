import Arithmetic
import YAMLTree

/// The `vocabulary:` section of a rule set: units and their spellings, hedges, connectives,
/// total markers and the other words the arithmetic layer reads. They live in YAML so that a
/// province can extend them; every loaded rule set's vocabulary is merged.
enum VocabularyFields {
    static let lists = [
        "approximate-hedges", "estimate-hedges", "approximate-suffixes", "connectives", "non-exhaustive",
        "total-markers", "comparison-markers", "change-words", "share-verbs", "designators",
    ]

    static func parse(_ node: YAMLNode) throws(RuleSetError) -> Vocabulary {
        let fields = try RuleFields.nested(node, owner: "vocabulary", allowed: ["units"] + lists)
        var units: [String: [String]] = [:]
        if let unitsNode = fields.value("units") {
            guard let pairs = unitsNode.mapping else {
                throw RuleSetError("'units' maps a unit to its spellings", at: unitsNode.location)
            }
            for pair in pairs {
                units[pair.name] = try RuleFields.list(pair.value) { value throws(RuleSetError) in
                    try RuleFields.string(value, "units")
                }
            }
        }
        func words(_ name: String) throws(RuleSetError) -> [String] {
            try fields.optionalList(name) { value throws(RuleSetError) in try RuleFields.string(value, name) }
        }
        return Vocabulary(
            units: units,
            approximateHedges: try words("approximate-hedges"),
            estimateHedges: try words("estimate-hedges"),
            approximateSuffixes: try words("approximate-suffixes"),
            connectives: try words("connectives"),
            nonExhaustiveMarkers: try words("non-exhaustive"),
            totalMarkers: try words("total-markers"),
            comparisonMarkers: try words("comparison-markers"),
            changeWords: try words("change-words"),
            shareVerbs: try words("share-verbs"),
            designators: try words("designators"))
    }
}
