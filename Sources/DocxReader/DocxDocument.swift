/// The content of a .docx body as a reviewer reads it: paragraphs and tables in document order,
/// with the numbering Word would display and the heading level of each paragraph.

/// A Word document's body, reduced to what a report linter needs: text, structure, numbering.
public struct DocxDocument: Sendable, Equatable {
    public var blocks: [DocxBlock]

    public init(blocks: [DocxBlock]) {
        self.blocks = blocks
    }
}

/// One top-level element of the body.
public enum DocxBlock: Sendable, Equatable {
    case paragraph(DocxParagraph)
    case table(DocxTable)
}

/// One `w:p`: its visible text and the properties that give it structure.
public struct DocxParagraph: Sendable, Equatable {
    /// The runs' text joined; tabs and line breaks inside the paragraph become single spaces,
    /// so that tabs and newlines in `renderLines()` only ever mean "next cell" and "next line".
    public var text: String
    /// The `w:pStyle` written on the paragraph, if any.
    public var styleID: String?
    /// 1…9 when the paragraph is a heading (a `Heading1`…`Heading9` style, or `w:outlineLvl`
    /// on the paragraph or along its style's `basedOn` chain); `nil` for body text.
    public var headingLevel: Int?
    /// The list label Word generates for this paragraph (`"I."`, `"2."`, `"a)"`, `"-"` for
    /// bullets); `nil` when the paragraph is not in an automatic list.
    public var numberingText: String?
    /// 0-based position among all `w:p` of the body in document order, table cells included.
    public var index: Int

    public init(text: String, styleID: String? = nil, headingLevel: Int? = nil,
                numberingText: String? = nil, index: Int) {
        self.text = text
        self.styleID = styleID
        self.headingLevel = headingLevel
        self.numberingText = numberingText
        self.index = index
    }

    /// The paragraph as it reads on the page: the list label, a space, then the text.
    public var displayText: String {
        guard let numberingText, !numberingText.isEmpty else { return text }
        return numberingText + " " + text
    }
}

/// A top-level `w:tbl`. Tables nested in a cell are flattened into that cell's paragraphs.
public struct DocxTable: Sendable, Equatable {
    public var rows: [[DocxCell]]

    public init(rows: [[DocxCell]]) {
        self.rows = rows
    }
}

/// One `w:tc`.
public struct DocxCell: Sendable, Equatable {
    public var paragraphs: [DocxParagraph]
    /// How many grid columns the cell covers (`w:gridSpan`, 1 when absent).
    public var gridSpan: Int
    /// True for the lower cells of a vertical merge (`w:vMerge` without `restart`): Word shows
    /// the merged cell's text only in the first one.
    public var isVerticalMergeContinuation: Bool

    public init(paragraphs: [DocxParagraph], gridSpan: Int = 1, isVerticalMergeContinuation: Bool = false) {
        self.paragraphs = paragraphs
        self.gridSpan = gridSpan
        self.isVerticalMergeContinuation = isVerticalMergeContinuation
    }
}
