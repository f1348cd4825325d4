import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// Finds known wrong spellings and offers the right one as a fix-it. Each entry is a wrong →
/// right pair matched as whole words (a letter, digit or `_` on either side is no match, with
/// Vietnamese letters counted as letters), in the text as written, with its first letter
/// capitalised, or in capitals; the replacement takes the same case. An entry may instead give
/// a PCRE2 `match` for mistakes that are mistakes only in some contexts. Header and body, the
/// distribution list and the signature are all searched; nothing is guessed beyond the list.
struct SubstitutionKind: RuleKind {
    static let name = "substitution"
    static let summary = "Known misspellings, each with its correction as a fix-it."
    static let fields = [
        FieldDoc("entries", "list of { wrong: text | match: pattern, right: text, safe?: bool (default true) }"),
    ]

    struct Entry: Sendable {
        let pattern: Pattern
        /// Set for literal entries: the accepted case forms are derived from it.
        let wrong: String?
        let right: String
        let safe: Bool

        init(_ node: YAMLNode) throws(RuleSetError) {
            let fields = try RuleFields.nested(node, owner: "entry", allowed: ["wrong", "match", "right", "safe"])
            right = try fields.string("right")
            safe = try fields.bool("safe", default: true)
            switch (fields.has("wrong"), fields.has("match")) {
            case (true, false):
                let text = try fields.string("wrong")
                guard !text.isEmpty else { throw RuleSetError("'wrong' must not be empty", at: fields.value("wrong")!.location) }
                wrong = text
                pattern = VietnameseText.wordPattern(text, caseInsensitive: true)
            case (false, true):
                wrong = nil
                pattern = try fields.pattern("match")
            default:
                throw RuleSetError("entry needs exactly one of 'wrong' and 'match'", at: node.location)
            }
        }
    }

    let entries: [Entry]

    init(_ fields: RuleFields) throws(RuleSetError) {
        entries = try fields.list("entries") { node throws(RuleSetError) in try Entry(node) }
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for span in rule.facts.textLines {
            for entry in entries {
                var columns = ColumnCursor(span)
                for match in try entry.pattern.allMatches(in: span.text) {
                    let found = span.text.substring(utf8: match)
                    if let wrong = entry.wrong, !VietnameseText.acceptableCase(found, of: wrong) { continue }
                    let replacement = entry.wrong == nil ? entry.right : VietnameseText.adaptCase(entry.right, to: found)
                    let at = columns.range(ofUTF8: match)
                    diagnostics.append(rule.diagnose(.misspelling, ["wrong": found, "right": replacement], at: at,
                                                     fixIts: [FixIt(at, replacement: replacement, safe: entry.safe)]))
                }
            }
        }
        return diagnostics
    }

    static let examples = [
        Example(rule: entries, report: "I. Kết quả\nVận hành ↓Công thông tin điện tử và hệ thống thư điện tử.",
                expect: ["viết sai \"Công thông tin điện tử\", đúng là \"Cổng thông tin điện tử\""]),
        Example(rule: entries, report: "Nơi nhận:\n- ↓HDND, UBND tỉnh;\n- Lưu: VT.",
                expect: ["viết sai \"HDND\", đúng là \"HĐND\""]),
        Example(rule: entries, report: "I. Kết quả\nSửa chữa thiết bị ↓Inmasat BGAN; báo cáo ↓UBDN tỉnh.",
                expect: ["viết sai \"Inmasat\", đúng là \"Inmarsat\"", "viết sai \"UBDN\", đúng là \"UBND\""]),
        Example(rule: entries, report: "I. KẾT QUẢ\n↓CÔNG THÔNG TIN ĐIỆN TỬ TỈNH",
                expect: ["viết sai \"CÔNG THÔNG TIN ĐIỆN TỬ\", đúng là \"CỔNG THÔNG TIN ĐIỆN TỬ\""]),
        Example(rule: entries, report: "I. Kết quả\nCổng thông tin điện tử, HĐND, UBND tỉnh, thiết bị Inmarsat; HDNDX là mã khác."),
        Example(rule: #"entries: [{ match: "(?<!lịch )(?<!tiểu )\\b[Ss]ử lý\\b", right: "xử lý" }]"#,
                report: "I. Kết quả\nĐã ↓sử lý 12 hồ sơ; tiểu sử lý lịch đầy đủ.",
                expect: ["viết sai \"sử lý\", đúng là \"xử lý\""]),
    ]
    private static let entries = """
        entries:
          - { wrong: "Công thông tin điện tử", right: "Cổng thông tin điện tử" }
          - { wrong: "HDND", right: "HĐND" }
          - { wrong: "UBDN", right: "UBND" }
          - { wrong: "Inmasat", right: "Inmarsat" }
        """
}

extension Message {
    static let misspelling = Message(vi: "viết sai \"{wrong}\", đúng là \"{right}\"", en: "\"{wrong}\" is misspelt; write \"{right}\"")
}
