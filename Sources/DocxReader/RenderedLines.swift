/// The text rendering of a .docx that the rest of reportlint lints: one line per paragraph,
/// table rows as tab-separated lines. `reportlint cat FILE` prints exactly these lines.

/// One line of the rendering and the paragraph it starts with, to map diagnostics back.
public struct RenderedLine: Sendable, Equatable {
    public var text: String
    /// `DocxParagraph.index` of the first paragraph whose text is on this line.
    public var paragraphIndex: Int
    /// The paragraph's `DocxParagraph.headingLevel` (1…9) when the line is a body paragraph in a
    /// heading style; always `nil` for table rows, whose cells are never section headings.
    public var headingLevel: Int?

    public init(text: String, paragraphIndex: Int, headingLevel: Int? = nil) {
        self.text = text
        self.paragraphIndex = paragraphIndex
        self.headingLevel = headingLevel
    }
}

extension DocxDocument {
    /// Paragraphs become lines (`numberingText + " " + text` when numbered; empty paragraphs stay
    /// as empty lines, since they separate blocks as blank lines do in text). A table row whose
    /// cells hold at most one paragraph each is one line, cells joined by tabs. A row with
    /// multi-paragraph cells (the header table: agency | Quốc hiệu, the closing table:
    /// Nơi nhận | signature) becomes as many lines as its fullest cell has non-empty
    /// paragraphs, line i joining the i-th non-empty paragraph of every cell. A cell spanning
    /// n grid columns is followed by n-1 empty cells so columns line up across rows.
    public func renderLines() -> [RenderedLine] {
        var lines: [RenderedLine] = []
        var nextIndex = 0
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                lines.append(RenderedLine(text: paragraph.displayText, paragraphIndex: paragraph.index,
                                          headingLevel: paragraph.headingLevel))
                nextIndex = paragraph.index + 1
            case .table(let table):
                for row in table.rows {
                    let rowLines = Self.render(row, fallbackIndex: nextIndex)
                    lines += rowLines
                    if let last = row.lazy.flatMap(\.paragraphs).map(\.index).max() { nextIndex = last + 1 }
                }
            }
        }
        return lines
    }

    /// `fallbackIndex` is used only for a row without any paragraph, which Word never writes
    /// (every cell holds at least one `w:p`) but a damaged file may.
    private static func render(_ row: [DocxCell], fallbackIndex: Int) -> [RenderedLine] {
        guard !row.isEmpty else { return [] }
        let firstIndex = row.lazy.flatMap(\.paragraphs).first?.index ?? fallbackIndex
        if row.allSatisfy({ $0.paragraphs.count <= 1 }) {
            let text = joinCells(row) { cell in cell.paragraphs.first?.displayText ?? "" }
            return [RenderedLine(text: text, paragraphIndex: firstIndex)]
        }
        let visible = row.map { cell in
            cell.paragraphs.filter { !$0.displayText.allSatisfy(\.isWhitespace) }
        }
        let lineCount = visible.map(\.count).max() ?? 0
        guard lineCount > 0 else {
            return [RenderedLine(text: joinCells(row) { _ in "" }, paragraphIndex: firstIndex)]
        }
        return (0..<lineCount).map { line in
            var columns: [String] = []
            var index: Int?
            for (cell, paragraphs) in zip(row, visible) {
                let paragraph = line < paragraphs.count ? paragraphs[line] : nil
                if index == nil { index = paragraph?.index }
                columns.append(paragraph?.displayText ?? "")
                columns += repeatElement("", count: max(cell.gridSpan, 1) - 1)
            }
            return RenderedLine(text: columns.joined(separator: "\t"), paragraphIndex: index ?? firstIndex)
        }
    }

    private static func joinCells(_ row: [DocxCell], _ text: (DocxCell) -> String) -> String {
        var columns: [String] = []
        for cell in row {
            columns.append(text(cell))
            columns += repeatElement("", count: max(cell.gridSpan, 1) - 1)
        }
        return columns.joined(separator: "\t")
    }
}
