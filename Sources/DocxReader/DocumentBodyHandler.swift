/// SAX handler for word/document.xml: builds the body's paragraphs and tables in one pass,
/// keeping only the text Word displays with all tracked changes accepted.

/// Builds a `DocxDocument` from the events of word/document.xml.
final class DocumentBodyHandler: WordprocessingMLHandler {
    private(set) var blocks: [DocxBlock] = []
    private let styles: ParagraphStyles
    private var counters: ListCounters

    private var insideBody = false
    private var paragraphCount = 0
    private var paragraph: ParagraphInProgress?

    /// Open `w:tbl` elements; only the outermost builds rows and cells, deeper ones are
    /// flattened into the outer cell.
    private var tableDepth = 0
    private var rows: [[DocxCell]] = []
    private var row: [DocxCell]?
    private var cell: DocxCell?

    /// One entry per open complex field (`w:fldChar begin` … `end`): false while in its
    /// instructions, true once in its displayed result.
    private var fieldPhases: [Bool] = []
    private var fieldsInInstructions = 0

    private struct ParagraphInProgress {
        var index: Int
        var text = ""
        var styleID: String?
        var outlineLevel: Int?
        var numbering = NumberingReference()
    }

    init(styles: ParagraphStyles, lists: ListDefinitions) {
        self.styles = styles
        self.counters = ListCounters(definitions: lists)
        // Deleted and moved-away text is not on the page once changes are accepted; text
        // boxes float outside the reading order; `*Change` elements hold the formatting before
        // a tracked change, which must not override the current one.
        super.init(skippedElements: ["del", "moveFrom", "txbxContent", "pPrChange", "rPrChange",
                                     "tblPrChange", "trPrChange", "tcPrChange", "sectPrChange",
                                     "tblGridChange", "numberingChange"])
    }

    var document: DocxDocument { DocxDocument(blocks: blocks) }

    override func didOpen(_ name: String, attributes: [String: String]) {
        if name == "body" {
            insideBody = true
            return
        }
        guard insideBody else { return }
        switch name {
        case "p":
            paragraph = ParagraphInProgress(index: paragraphCount)
            paragraphCount += 1
        case "t" where ancestor(1) == "r":
            break   // text arrives in didFindText
        case "tab", "ptab", "br", "cr":
            // A tab inside a paragraph is a space: in the rendering, tabs separate table cells.
            if ancestor(1) == "r", fieldsInInstructions == 0 { paragraph?.text += " " }
        case "noBreakHyphen":
            if ancestor(1) == "r", fieldsInInstructions == 0 { paragraph?.text += "-" }
        case "fldChar" where ancestor(1) == "r":
            switch attribute("fldCharType", in: attributes) {
            case "begin":
                fieldPhases.append(false)
                fieldsInInstructions += 1
            case "separate":
                if let last = fieldPhases.last, !last {
                    fieldPhases[fieldPhases.count - 1] = true
                    fieldsInInstructions -= 1
                }
            case "end":
                if let last = fieldPhases.popLast(), !last { fieldsInInstructions -= 1 }
            default:
                break
            }
        case "pStyle" where isParagraphProperty:
            paragraph?.styleID = attribute("val", in: attributes)
        case "outlineLvl" where isParagraphProperty:
            paragraph?.outlineLevel = attribute("val", in: attributes).flatMap { Int($0) }
        case "ilvl" where isParagraphNumbering:
            paragraph?.numbering.level = attribute("val", in: attributes).flatMap { Int($0) }
        case "numId" where isParagraphNumbering:
            paragraph?.numbering.numID = attribute("val", in: attributes).flatMap { Int($0) }
        case "tbl":
            tableDepth += 1
            if tableDepth == 1 { rows = [] }
        case "tr" where tableDepth == 1:
            row = []
        case "tc" where tableDepth == 1:
            cell = DocxCell(paragraphs: [])
        case "gridSpan" where tableDepth == 1 && ancestor(1) == "tcPr":
            let span = attribute("val", in: attributes).flatMap { Int($0) } ?? 1
            // A span beyond any real grid is damage, not layout; clamp it so rendering stays small.
            cell?.gridSpan = min(max(span, 1), 64)
        case "vMerge" where tableDepth == 1 && ancestor(1) == "tcPr":
            // No value means "continue"; only "restart" opens a merged region.
            cell?.isVerticalMergeContinuation = attribute("val", in: attributes) != "restart"
        default:
            break
        }
    }

    /// `w:pPr` directly inside the paragraph (not in a run's or a change's properties).
    private var isParagraphProperty: Bool { ancestor(1) == "pPr" && ancestor(2) == "p" }
    private var isParagraphNumbering: Bool { ancestor(1) == "numPr" && ancestor(2) == "pPr" && ancestor(3) == "p" }

    override func didFindText(_ text: String) {
        guard openElements.last == "t", ancestor(1) == "r", fieldsInInstructions == 0 else { return }
        paragraph?.text += text
    }

    override func didClose(_ name: String) {
        switch name {
        case "body":
            insideBody = false
        case "p":
            finishParagraph()
        case "tc" where tableDepth == 1:
            if let cell { row?.append(cell) }
            cell = nil
        case "tr" where tableDepth == 1:
            if let row { rows.append(row) }
            row = nil
        case "tbl":
            if tableDepth == 1 {
                blocks.append(.table(DocxTable(rows: rows)))
                rows = []
            }
            tableDepth = max(tableDepth - 1, 0)
        default:
            break
        }
    }

    private func finishParagraph() {
        guard let finished = paragraph else { return }
        paragraph = nil
        // A field instruction cannot span a paragraph mark in practice; if a damaged file leaves
        // one open, treat it as showing its result so the rest of the document is not lost.
        if fieldsInInstructions > 0 {
            fieldPhases = fieldPhases.map { _ in true }
            fieldsInInstructions = 0
        }
        let style = styles.style(for: finished.styleID)
        var headingLevel = style?.headingLevel
        if let outlineLevel = finished.outlineLevel {
            headingLevel = (0...8).contains(outlineLevel) ? outlineLevel + 1 : nil
        }
        // Direct numbering wins over the style's, property by property, as in Word.
        let numID = finished.numbering.numID ?? style?.numbering.numID
        let level = finished.numbering.level ?? style?.numbering.level
        let label = numID.flatMap {
            counters.nextLabel(numID: $0, level: level, styleID: finished.styleID)
        }
        let result = DocxParagraph(text: Self.singleLine(finished.text), styleID: finished.styleID,
                                   headingLevel: headingLevel, numberingText: label, index: finished.index)
        if tableDepth > 0 {
            if cell != nil {
                cell?.paragraphs.append(result)
            } else if row != nil {
                // A paragraph outside any cell (a damaged table) still belongs to the table's text.
                row?.append(DocxCell(paragraphs: [result]))
            } else {
                rows.append([DocxCell(paragraphs: [result])])
            }
        } else {
            blocks.append(.paragraph(result))
        }
    }

    /// Line and cell separators in the rendering must come only from structure, so any that a
    /// producer wrote literally into `w:t` become spaces.
    private static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isSeparator) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isSeparator(scalar) ? " " : scalar)
        }
        return String(scalars)
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
