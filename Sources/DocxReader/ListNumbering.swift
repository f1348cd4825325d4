/// Automatic list numbering from word/numbering.xml: the definitions, and the counters that
/// turn a numbered paragraph into the label Word displays (`I.`, `2.`, `a)`, `1.2.`).

/// One level of a list definition (`w:lvl`).
struct ListLevel {
    var start = 1
    var format = "decimal"
    /// `w:lvlText`: `%1` … `%9` stand for the counters of levels 0 … 8.
    var text = ""
    /// `w:pStyle`: a paragraph of this style is at this level when its style names no `w:ilvl`.
    var styleID: String?
}

/// The list definitions of a document.
struct ListDefinitions {
    fileprivate var abstractLevels: [Int: [Int: ListLevel]] = [:]
    fileprivate var instances: [Int: ListInstance] = [:]

    static let empty = ListDefinitions()

    private init() {}

    init(xml bytes: [UInt8], path: String) throws(DocxError) {
        let handler = NumberingHandler()
        try XMLPartParser.parse(bytes, path: path, with: handler)
        self = handler.definitions
    }

    /// The levels of list `numID`, with its `w:lvlOverride`s applied.
    func levels(ofList numID: Int) -> [Int: ListLevel]? {
        guard let instance = instances[numID], var levels = abstractLevels[instance.abstractID] else { return nil }
        for (level, override) in instance.overrides {
            if let replacement = override.level { levels[level] = replacement }
            if let start = override.start { levels[level, default: ListLevel()].start = start }
        }
        return levels
    }
}

/// A `w:num`: an instance of an abstract definition, with its own counters.
private struct ListInstance {
    var abstractID: Int
    var overrides: [Int: LevelOverride] = [:]
}

private struct LevelOverride {
    var start: Int?
    var level: ListLevel?
}

/// Running counters, advanced in document order. Counters are kept per `w:num`: a new
/// instance of the same definition starts again, as the brief for this reader specifies.
struct ListCounters {
    private let definitions: ListDefinitions
    private var counters: [Int: [Int?]] = [:]
    private var levelCache: [Int: [Int: ListLevel]] = [:]

    init(definitions: ListDefinitions) {
        self.definitions = definitions
    }

    /// Advances list `numID` at `level` and returns the label, or nil when the list or level
    /// does not exist or displays nothing.
    mutating func nextLabel(numID: Int, level: Int?, styleID: String?) -> String? {
        guard numID != 0 else { return nil }   // numId 0 switches numbering off
        let levels: [Int: ListLevel]
        if let cached = levelCache[numID] {
            levels = cached
        } else {
            guard let found = definitions.levels(ofList: numID) else { return nil }
            levels = found
            levelCache[numID] = found
        }
        let resolvedLevel = level
            ?? styleID.flatMap { id in levels.first(where: { $0.value.styleID == id })?.key }
            ?? 0
        guard (0...8).contains(resolvedLevel), let definition = levels[resolvedLevel] else { return nil }

        var values = counters[numID] ?? Array(repeating: nil, count: 9)
        values[resolvedLevel] = (values[resolvedLevel] ?? definition.start - 1) + 1
        // A higher level advancing restarts every deeper one.
        for deeper in (resolvedLevel + 1)..<9 { values[deeper] = nil }
        counters[numID] = values

        if definition.format == "bullet" { return "-" }
        if definition.format == "none" && !definition.text.contains("%") {
            return definition.text.isEmpty ? nil : definition.text
        }
        let label = Self.substitute(definition.text) { referenced in
            let referencedLevel = levels[referenced] ?? ListLevel()
            // A parent level never used so far shows its start value, as Word does.
            let value = values[referenced] ?? referencedLevel.start
            return Self.format(value, as: referencedLevel.format)
        }
        return label.isEmpty ? nil : label
    }

    private static func substitute(_ template: String, value: (Int) -> String) -> String {
        var result = ""
        var characters = template.unicodeScalars.makeIterator()
        while let scalar = characters.next() {
            guard scalar == "%" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            guard let digit = characters.next() else { break }
            if let number = Int(String(digit)), (1...9).contains(number) {
                result += value(number - 1)
            } else {
                result.unicodeScalars.append(digit)
            }
        }
        return result
    }

    static func format(_ value: Int, as format: String) -> String {
        switch format {
        case "upperRoman": return roman(value) ?? String(value)
        case "lowerRoman": return roman(value)?.lowercased() ?? String(value)
        case "upperLetter": return letters(value) ?? String(value)
        case "lowerLetter": return letters(value)?.lowercased() ?? String(value)
        case "decimalZero": return value < 10 && value >= 0 ? "0\(value)" : String(value)
        case "none": return ""
        default: return String(value)
        }
    }

    private static func roman(_ value: Int) -> String? {
        guard (1...3999).contains(value) else { return nil }
        let numerals: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var remainder = value
        var result = ""
        for (amount, numeral) in numerals {
            while remainder >= amount {
                result += numeral
                remainder -= amount
            }
        }
        return result
    }

    /// Word's letter sequence: A … Z, then AA … ZZ, AAA …; the letter repeats, it does not carry.
    private static func letters(_ value: Int) -> String? {
        guard (1...780).contains(value) else { return nil }
        let letter = Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8((value - 1) % 26)))
        return String(repeating: letter, count: (value - 1) / 26 + 1)
    }
}

/// SAX handler for word/numbering.xml.
final class NumberingHandler: WordprocessingMLHandler {
    private(set) var definitions = ListDefinitions.empty
    private var abstractID: Int?
    private var numID: Int?
    private var overrideLevel: Int?
    private var levelIndex: Int?
    private var level = ListLevel()

    init() {
        super.init(skippedElements: ["pPrChange", "rPrChange", "numberingChange"])
    }

    override func didOpen(_ name: String, attributes: [String: String]) {
        let value = attribute("val", in: attributes)
        switch name {
        case "abstractNum" where ancestor(1) == "numbering":
            abstractID = attribute("abstractNumId", in: attributes).flatMap { Int($0) }
            if let abstractID, definitions.abstractLevels[abstractID] == nil { definitions.abstractLevels[abstractID] = [:] }
        case "num" where ancestor(1) == "numbering":
            numID = attribute("numId", in: attributes).flatMap { Int($0) }
        case "abstractNumId" where ancestor(1) == "num":
            if let numID, let id = value.flatMap({ Int($0) }), definitions.instances[numID] == nil {
                definitions.instances[numID] = ListInstance(abstractID: id)
            }
        case "lvlOverride" where ancestor(1) == "num":
            overrideLevel = attribute("ilvl", in: attributes).flatMap { Int($0) }
        case "startOverride" where ancestor(1) == "lvlOverride":
            if let numID, let overrideLevel, let start = value.flatMap({ Int($0) }) {
                definitions.instances[numID]?.overrides[overrideLevel, default: LevelOverride()].start = start
            }
        case "lvl" where ancestor(1) == "abstractNum" || ancestor(1) == "lvlOverride":
            levelIndex = attribute("ilvl", in: attributes).flatMap { Int($0) }
            level = ListLevel()
        case "start" where ancestor(1) == "lvl":
            if let start = value.flatMap({ Int($0) }) { level.start = start }
        case "numFmt" where ancestor(1) == "lvl":
            if let value { level.format = value }
        case "lvlText" where ancestor(1) == "lvl":
            level.text = value ?? ""
        case "pStyle" where ancestor(1) == "lvl":
            level.styleID = value
        default:
            break
        }
    }

    override func didClose(_ name: String) {
        switch name {
        case "lvl":
            guard let levelIndex else { return }
            if ancestor(1) == "abstractNum", let abstractID {
                definitions.abstractLevels[abstractID]?[levelIndex] = level
            } else if ancestor(1) == "lvlOverride", let numID, let overrideLevel {
                definitions.instances[numID]?.overrides[overrideLevel, default: LevelOverride()].level = level
            }
            self.levelIndex = nil
        case "abstractNum": abstractID = nil
        case "num": numID = nil
        case "lvlOverride": overrideLevel = nil
        default: break
        }
    }
}
