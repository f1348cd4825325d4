import SourceText

/// The structure a reviewer sees in a report: header, title, sections, paragraphs, lists,
/// tables, the distribution list and the signature. Every node keeps its source range, in
/// columns of the NFC lines of `source` (rules map them back to the file as saved).
public struct Report: Sendable {
    public let source: SourceFile
    public var header = Header()
    public var title: Title?
    /// Every section heading in document order; `parent` links build the tree.
    public var sections: [Section] = []
    /// Body content in document order (between the title and the distribution list).
    public var blocks: [Block] = []
    public var recipients: Recipients?
    public var signature: Signature?
    /// Lines (1-based, inclusive) of the body; empty when the report has no body.
    public var bodyLines: ClosedRange<Int>?

    public init(source: SourceFile) {
        self.source = source
    }

    /// Where findings about something missing at the end of the report point.
    public var end: SourceRange { SourceRange(source.end, source.end) }

    public var topLevelSections: [Section] { sections.filter { $0.parent == nil } }

    public func children(of index: Int) -> [Section] { sections.filter { $0.parent == index } }

    public var tables: [Table] {
        blocks.compactMap { if case let .table(table) = $0 { return table } else { return nil } }
    }
}

/// A piece of one line: its text (NFC, trimmed) and where it is.
public struct TextSpan: Sendable, Hashable {
    public var text: String
    public var range: SourceRange

    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }

    public var line: Int { range.start.line }
}

public struct Header: Sendable {
    /// Issuing body lines (`UBND TỈNH QUẢNG NINH`, `SỞ THÔNG TIN VÀ TRUYỀN THÔNG`).
    public var agency: [TextSpan] = []
    /// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` (Quốc hiệu).
    public var nationalName: TextSpan?
    /// `Độc lập - Tự do - Hạnh phúc` (Tiêu ngữ).
    public var motto: TextSpan?
    public var number: DocumentNumber?
    public var placeDate: PlaceDate?
    /// Every header line, in order (scope `header`).
    public var lines: [TextSpan] = []

    public init() {}
}

/// `Số: 285/BC-STTTT`.
public struct DocumentNumber: Sendable {
    public var span: TextSpan
    /// The part after `Số:` as written (`285/BC-STTTT`, or `/BC-CTK` for an unsigned draft).
    public var value: String
    /// The serial number before `/`, nil when blank.
    public var serial: String?
    /// The symbol after `/` (`BC-STTTT`).
    public var symbol: String?
}

/// `Quảng Ninh, ngày 19 tháng 8 năm 2014`.
public struct PlaceDate: Sendable {
    public var span: TextSpan
    public var place: String
    /// Written day and month as they appear (`05`, `8`); nil when left blank.
    public var dayText: String?
    public var monthText: String?
    public var year: Int
    public var day: Int? { dayText.flatMap { Int($0) } }
    public var month: Int? { monthText.flatMap { Int($0) } }
}

public struct Title: Sendable {
    /// `BÁO CÁO`.
    public var documentType: TextSpan
    /// The trích yếu lines under it.
    public var summary: [TextSpan]
    public var summaryText: String { summary.map(\.text).joined(separator: " ") }
}

public struct Section: Sendable {
    /// The whole heading line.
    public var heading: TextSpan
    /// `I.`, `2.`, `a)`; empty for a Markdown heading without one.
    public var marker: String
    /// The heading text without its marker.
    public var title: TextSpan
    /// 1 for `I.`, 2 for `1.`, 3 for `a.`; Markdown `#` counts when there is no marker.
    public var level: Int
    public var parent: Int?
    /// From the heading line to the last line before the next heading of the same or a higher level.
    public var lines: ClosedRange<Int>
}

public enum Block: Sendable {
    case paragraph(TextSpan)
    /// `- …`, `+ …`, `• …`, or a numbered paragraph too long to be a heading.
    case listItem(marker: String, TextSpan)
    case table(Table)
    case heading(sectionIndex: Int)

    public var lines: ClosedRange<Int> {
        switch self {
        case let .paragraph(span), let .listItem(_, span): return span.line...span.line
        case let .table(table): return table.rows.first!.line...table.rows.last!.line
        case .heading: return 0...0
        }
    }
}

public struct Table: Sendable {
    public enum Style: String, Sendable { case tabSeparated, markdown }
    public var style: Style
    public var rows: [TableRow]
    public var columnCount: Int
    /// The first row, when it reads as column titles (no numbers in it).
    public var hasHeaderRow: Bool
    public var header: TableRow? { hasHeaderRow ? rows.first : nil }
    public var dataRows: ArraySlice<TableRow> { hasHeaderRow ? rows.dropFirst() : rows[...] }
}

public struct TableRow: Sendable {
    public var line: Int
    public var cells: [TextSpan]
}

/// The `Nơi nhận:` block.
public struct Recipients: Sendable {
    public var heading: TextSpan
    public var entries: [RecipientEntry]
    /// Lines that annotate the entries rather than name a recipient (`- } (Báo cáo)`).
    public var annotations: [TextSpan]
}

public struct RecipientEntry: Sendable {
    /// The entry without its dash and final `;`, `,` or `.`.
    public var span: TextSpan
    /// The sub-group label it is listed under (`Bản điện tử`), if any.
    public var group: String?
    public var text: String { span.text }
}

/// `KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC` / name.
public struct Signature: Sendable {
    /// `KT.`, `TL.`, `TM.`, `Q.`, `TUQ.` with its span, when present.
    public var authority: TextSpan?
    /// Title lines (`GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`), the authority line's title first.
    public var titles: [TextSpan]
    public var signer: TextSpan?
    public var lines: [TextSpan]
}
