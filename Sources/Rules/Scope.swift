import Foundation
import ReportModel
import SourceText
import YAMLTree

/// The part of a report a rule looks at: `document`, `header`, `title`, `body`,
/// `section: <heading pattern>`, `recipients` or `signature`.
public enum Scope: Sendable, CustomStringConvertible {
    case document, header, title, body, recipients, signature
    case section(Pattern)

    static let names = ["document", "header", "title", "body", "section", "recipients", "signature"]

    /// `scope: body`, `scope: "section: kết quả"` or `scope: { section: "kết quả" }`.
    public static func parse(_ node: YAMLNode?) throws(RuleSetError) -> Scope {
        guard let node else { return .document }
        if let fields = node.mapping {
            guard fields.count == 1, fields[0].name == "section" else {
                throw RuleSetError("scope mapping takes only 'section: <heading pattern>'", at: node.location)
            }
            return .section(try RuleFields.pattern(fields[0].value, "section", caseInsensitive: true))
        }
        let text = try RuleFields.string(node, "scope")
        switch text {
        case "document": return .document
        case "header": return .header
        case "title": return .title
        case "body": return .body
        case "recipients": return .recipients
        case "signature": return .signature
        default:
            if text.hasPrefix("section:") {
                let pattern = String(text.dropFirst("section:".count)).trimmingCharacters(in: .whitespaces)
                do {
                    return .section(try Pattern(pattern, caseInsensitive: true))
                } catch {
                    throw RuleSetError("invalid regular expression in 'scope': \(error.message) at offset \(error.offset)",
                                       at: node.location)
                }
            }
            var message = "unknown scope '\(text)'"
            if let suggestion = closest(to: text, in: names) { message += " (did you mean '\(suggestion)'?)" }
            throw RuleSetError(message + "; scopes: " + names.joined(separator: ", "), at: node.location)
        }
    }

    public var description: String {
        switch self {
        case .document: return "document"
        case .header: return "header"
        case .title: return "title"
        case .body: return "body"
        case .recipients: return "recipients"
        case .signature: return "signature"
        case let .section(pattern): return "section \"\(pattern.source)\""
        }
    }

    /// The text the scope covers, one span per line (or per header cell).
    public func spans(in report: Report) throws(Pattern.MatchError) -> [TextSpan] {
        let source = report.source
        func wholeLines(_ lines: ClosedRange<Int>) -> [TextSpan] {
            lines.compactMap { number in
                let text = source.line(number)
                return text.isEmpty ? nil : TextSpan(text, SourceRange(line: number, column: 1, length: text.scalarCount))
            }
        }
        switch self {
        case .document:
            return source.lineCount == 0 ? [] : wholeLines(1...source.lineCount)
        case .header:
            return report.header.lines
        case .title:
            guard let title = report.title else { return [] }
            return [title.documentType] + title.summary
        case .body:
            return report.bodyLines.map(wholeLines) ?? []
        case .recipients:
            guard let recipients = report.recipients else { return [] }
            return [recipients.heading] + recipients.entries.map(\.span)
        case .signature:
            return report.signature?.lines ?? []
        case let .section(pattern):
            var spans: [TextSpan] = []
            for section in report.sections where try pattern.matches(section.title.text) {
                spans += wholeLines(section.lines)
            }
            return spans
        }
    }

    /// Where a finding about something missing from the scope points.
    public func anchor(in report: Report) throws(Pattern.MatchError) -> SourceRange {
        if let first = try spans(in: report).first { return first.range }
        return report.end
    }
}

extension TextSpan {
    /// The source range of a UTF-8 byte range of `text`.
    /// For many matches in one line, use a `ColumnCursor`, which counts on from the last one.
    public func range(ofUTF8 bytes: Range<Int>) -> SourceRange {
        var columns = ColumnCursor(self)
        return columns.range(ofUTF8: bytes)
    }
}

/// Source ranges for the matches of one pattern in one line, in the order they come: each
/// column is counted on from the previous one, so a line with thousands of matches (a 1 MB
/// paragraph) costs one pass instead of one pass per match.
public struct ColumnCursor {
    let span: TextSpan
    private var offset = 0
    private var scalarsBefore = 0

    public init(_ span: TextSpan) {
        self.span = span
    }

    public mutating func column(ofUTF8 target: Int) -> Int {
        if target < offset {
            offset = 0
            scalarsBefore = 0
        }
        let utf8 = span.text.utf8
        let end = min(target, utf8.count)
        if offset < end {
            // Scalars start at every byte that is not a continuation byte (10xxxxxx); counted
            // on the contiguous bytes, with the index walk as the fallback.
            let from = offset
            let counted: Int? = utf8.withContiguousStorageIfAvailable { bytes in
                var count = 0
                for index in from..<end where bytes[index] & 0xC0 != 0x80 { count &+= 1 }
                return count
            }
            if let counted {
                scalarsBefore += counted
            } else {
                let start = utf8.index(utf8.startIndex, offsetBy: offset)
                let to = utf8.index(start, offsetBy: end - offset)
                scalarsBefore += utf8[start..<to].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            }
            offset = end
        }
        return span.range.start.column + scalarsBefore
    }

    /// The former column count (an index walk from the start every time), for the tests.
    static func columnReference(_ span: TextSpan, ofUTF8 target: Int) -> Int {
        let utf8 = span.text.utf8
        let end = min(target, utf8.count)
        guard end > 0 else { return span.range.start.column }
        let to = utf8.index(utf8.startIndex, offsetBy: end)
        return span.range.start.column + utf8[..<to].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
    }

    public mutating func range(ofUTF8 bytes: Range<Int>) -> SourceRange {
        let start = column(ofUTF8: bytes.lowerBound)
        let end = column(ofUTF8: bytes.upperBound)
        return SourceRange(Location(line: span.line, column: start), Location(line: span.line, column: end))
    }
}
