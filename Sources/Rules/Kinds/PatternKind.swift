import Diagnostics
import ReportModel
import SourceText

/// A regular expression (PCRE2, UTF + UCP, matched in NFC) that must (`require`) or must not
/// (`forbid`) match within a scope. Each forbidden match is one finding; a missing required
/// match is one finding at the start of the scope (or the end of the report when the scope
/// is absent). Matches never span lines.
struct PatternKind: RuleKind {
    static let name = "pattern"
    static let summary = "A regular expression must (require) or must not (forbid) match within a scope."
    static let fields = [
        FieldDoc("require", "pattern (PCRE2)"), FieldDoc("forbid", "pattern (PCRE2)"),
        FieldDoc("scope", "document | header | title | body | section: <pattern> | recipients | signature"),
        FieldDoc("ignore-case", "bool, default false"),
    ]

    let pattern: Pattern
    let forbids: Bool
    let scope: Scope

    init(_ fields: RuleFields) throws(RuleSetError) {
        let ignoreCase = try fields.bool("ignore-case", default: false)
        switch (fields.has("require"), fields.has("forbid")) {
        case (true, false):
            pattern = try fields.pattern("require", caseInsensitive: ignoreCase)
            forbids = false
        case (false, true):
            pattern = try fields.pattern("forbid", caseInsensitive: ignoreCase)
            forbids = true
        default:
            throw RuleSetError("\(fields.owner) needs exactly one of 'require' and 'forbid'", at: fields.node.location)
        }
        scope = try Scope.parse(fields.value("scope"))
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        let spans = try scope.spans(in: report)
        if forbids {
            var diagnostics: [Diagnostic] = []
            for span in spans {
                var columns = ColumnCursor(span)
                for match in try pattern.allMatches(in: span.text) {
                    diagnostics.append(rule.diagnose(
                        .forbiddenText, ["match": span.text.substring(utf8: match), "scope": scope.description],
                        at: columns.range(ofUTF8: match)))
                }
            }
            return diagnostics
        }
        for span in spans where try pattern.matches(span.text) { return [] }
        return [rule.diagnose(.requiredTextMissing, ["pattern": pattern.source, "scope": scope.description],
                              at: try scope.anchor(in: report))]
    }

    static let examples = [
        Example(rule: #"forbid: "(?i)\\bdự thảo\\b|xxx""#, report: "BÁO CÁO\nKết quả tháng 5\n\nI. Kết quả\nĐã xong ↓Dự thảo quy chế.",
                expect: ["\"Dự thảo\" không được có trong document"]),
        Example(rule: #"forbid: "xxx""#, report: "I. Kết quả\nĐạt ↓xxx hồ sơ, ↓xxx tin bài.",
                expect: ["\"xxx\" không được có trong document", "\"xxx\" không được có trong document"]),
        Example(rule: #"{ require: "Cổng thông tin", scope: body }"#, report: "BÁO CÁO\nKết quả\n\n↓I. Kết quả\nĐã làm.",
                expect: ["không tìm thấy \"Cổng thông tin\" trong body"]),
        Example(rule: #"{ require: "Cổng thông tin", scope: body }"#, report: "BÁO CÁO\nKết quả\n\nI. Kết quả\nCổng thông tin hoạt động tốt."),
        Example(rule: #"{ forbid: "chưa", scope: "section: kết quả" }"#,
                report: "I. Kết quả\nViệc A ↓chưa xong.\nII. Nhiệm vụ tháng sau\nViệc B chưa làm.",
                expect: ["\"chưa\" không được có trong section \"kết quả\""]),
        Example(rule: #"{ forbid: "\\bĐức\\b", scope: signature }"#, report: "Nơi nhận:\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn ↓Đức",
                expect: ["\"Đức\" không được có trong signature"]),
    ]
}

extension Message {
    static let forbiddenText = Message(vi: "\"{match}\" không được có trong {scope}", en: "\"{match}\" is not allowed in {scope}")
    static let requiredTextMissing = Message(vi: "không tìm thấy \"{pattern}\" trong {scope}", en: "\"{pattern}\" not found in {scope}")
}
