/// Paragraph styles from word/styles.xml, reduced to what gives a paragraph structure:
/// its heading level and the list it belongs to, resolved along the `basedOn` chain.

/// The list a paragraph or style refers to through `w:numPr`.
struct NumberingReference: Equatable {
    var numID: Int?
    var level: Int?
}

/// What a paragraph inherits from its style.
struct ResolvedParagraphStyle: Equatable {
    var headingLevel: Int?
    var numbering: NumberingReference
}

/// The paragraph styles of a document, resolved once.
struct ParagraphStyles {
    private var resolved: [String: ResolvedParagraphStyle] = [:]
    private var defaultStyleID: String?

    static let empty = ParagraphStyles()

    private init() {}

    init(xml bytes: [UInt8], path: String) throws(DocxError) {
        let handler = StylesHandler()
        try XMLPartParser.parse(bytes, path: path, with: handler)
        defaultStyleID = handler.defaultStyleID
        for id in handler.styles.keys {
            resolved[id] = Self.resolve(id, in: handler.styles)
        }
    }

    /// The style a paragraph uses: its `w:pStyle`, or the document's default paragraph style.
    func style(for styleID: String?) -> ResolvedParagraphStyle? {
        guard let id = styleID ?? defaultStyleID else { return nil }
        return resolved[id] ?? defaultStyleID.flatMap { resolved[$0] }
    }

    /// Follows `basedOn` until each property is found; the chain is cut at a repeat, since a
    /// hand-edited styles.xml can loop.
    private static func resolve(_ id: String, in styles: [String: StyleDefinition]) -> ResolvedParagraphStyle {
        var result = ResolvedParagraphStyle(headingLevel: nil, numbering: NumberingReference())
        var headingFound = false
        var visited: Set<String> = []
        var current: String? = id
        while let currentID = current, let style = styles[currentID], visited.insert(currentID).inserted {
            if !headingFound {
                if let outlineLevel = style.outlineLevel {
                    // Level 9 is "body text": explicitly not a heading.
                    result.headingLevel = (0...8).contains(outlineLevel) ? outlineLevel + 1 : nil
                    headingFound = true
                } else if let level = headingLevel(styleID: currentID, name: style.name) {
                    result.headingLevel = level
                    headingFound = true
                }
            }
            if result.numbering.numID == nil { result.numbering.numID = style.numbering.numID }
            if result.numbering.level == nil { result.numbering.level = style.numbering.level }
            current = style.basedOn
        }
        return result
    }

    /// Built-in heading styles: the id is `Heading1` in English Word and LibreOffice, but
    /// localized Word versions translate the id and keep the name `heading 1`.
    private static func headingLevel(styleID: String, name: String?) -> Int? {
        for candidate in [styleID.lowercased(), name?.lowercased() ?? ""] {
            for prefix in ["heading ", "heading"] where candidate.hasPrefix(prefix) {
                let rest = candidate.dropFirst(prefix.count)
                if rest.count == 1, let digit = Int(rest), (1...9).contains(digit) { return digit }
            }
        }
        return nil
    }
}

/// One `w:style` of type paragraph, as written.
struct StyleDefinition {
    var name: String?
    var basedOn: String?
    var outlineLevel: Int?
    var numbering = NumberingReference()
}

/// SAX handler for word/styles.xml.
final class StylesHandler: WordprocessingMLHandler {
    private(set) var styles: [String: StyleDefinition] = [:]
    private(set) var defaultStyleID: String?
    private var currentID: String?
    private var current = StyleDefinition()

    init() {
        super.init(skippedElements: ["pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange"])
    }

    override func didOpen(_ name: String, attributes: [String: String]) {
        if name == "style", ancestor(1) == "styles" {
            let isParagraphStyle = attribute("type", in: attributes) == "paragraph"
            currentID = isParagraphStyle ? attribute("styleId", in: attributes) : nil
            current = StyleDefinition()
            if isParagraphStyle, let id = currentID, attribute("default", in: attributes).map(isOn) == true {
                defaultStyleID = id
            }
            return
        }
        guard currentID != nil else { return }
        let value = attribute("val", in: attributes)
        let inStylePPr = ancestor(1) == "pPr" && ancestor(2) == "style"
        let inStyleNumPr = ancestor(1) == "numPr" && ancestor(2) == "pPr" && ancestor(3) == "style"
        switch name {
        case "name" where ancestor(1) == "style": current.name = value
        case "basedOn" where ancestor(1) == "style": current.basedOn = value
        case "outlineLvl" where inStylePPr: current.outlineLevel = value.flatMap { Int($0) }
        case "ilvl" where inStyleNumPr: current.numbering.level = value.flatMap { Int($0) }
        case "numId" where inStyleNumPr: current.numbering.numID = value.flatMap { Int($0) }
        default: break
        }
    }

    override func didClose(_ name: String) {
        if name == "style", ancestor(1) == "styles" {
            if let id = currentID, styles[id] == nil { styles[id] = current }
            currentID = nil
        }
    }
}

/// `w:val` of an on/off property: absent value means on.
func isOn(_ value: String) -> Bool {
    value != "0" && value != "false" && value != "off"
}
