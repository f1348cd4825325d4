import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// Checks that the `Nơi nhận:` block lists every required recipient. A requirement is met when
/// any of its spellings (PCRE2, case-insensitive, matched in NFC) matches one entry of the
/// block; entries of sub-groups such as `Bản điện tử:` count. It does not judge the order of
/// entries or their wording beyond that.
struct RecipientsKind: RuleKind {
    static let name = "recipients"
    static let summary = "The distribution list (Nơi nhận) contains the required recipients."
    static let fields = [FieldDoc("require", "list of { any: [pattern], name?, message? }")]

    struct Requirement: Sendable {
        let spellings: [Pattern]
        let label: String
        let message: Message?

        init(_ node: YAMLNode) throws(RuleSetError) {
            if node.scalar != nil {
                let pattern = try RuleFields.pattern(node, "require", caseInsensitive: true)
                spellings = [pattern]
                label = pattern.source
                message = nil
                return
            }
            let fields = try RuleFields.nested(node, owner: "requirement", allowed: ["any", "name", "message"])
            spellings = try fields.list("any") { value throws(RuleSetError) in
                try RuleFields.pattern(value, "any", caseInsensitive: true)
            }
            guard let first = spellings.first else { throw RuleSetError("'any' needs at least one spelling", at: node.location) }
            label = try fields.optionalString("name") ?? first.source
            message = try fields.optionalMessage("message")
        }

        func isMet(by entries: [RecipientEntry]) throws(Pattern.MatchError) -> Bool {
            for entry in entries {
                for spelling in spellings where try spelling.matches(entry.text) { return true }
            }
            return false
        }
    }

    let requirements: [Requirement]

    init(_ fields: RuleFields) throws(RuleSetError) {
        requirements = try fields.list("require") { node throws(RuleSetError) in try Requirement(node) }
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        guard let block = report.recipients else {
            return [rule.diagnose(.recipientsBlockMissing, at: report.end)]
        }
        var diagnostics: [Diagnostic] = []
        for requirement in requirements where try !requirement.isMet(by: block.entries) {
            diagnostics.append(rule.diagnose(requirement.message ?? .recipientMissing, ["recipient": requirement.label],
                                             at: block.heading.range))
        }
        return diagnostics
    }

    static let examples = [
        Example(rule: ministry, report: "↓Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.",
                expect: ["Nơi nhận thiếu Bộ Thông tin và Truyền thông"]),
        Example(rule: ministry, report: "Nơi nhận:\n- Bộ TT&TT (b/c);\n- Lưu: VT."),
        Example(rule: ministry, report: "Nơi nhận:\n- Lưu: VT.\nBản điện tử:\n- Bộ Thông tin và Truyền thông;"),
        Example(rule: ministry, report: "Kết quả tháng 4.\n\n↓Nơi nhận:\n - UBND tỉnh;\n - Sở Thông tin và Truyền thông;",
                expect: ["Nơi nhận thiếu Bộ Thông tin và Truyền thông"]),
        Example(rule: ministry, report: "BÁO CÁO\nKết quả tháng 4\n\nI. Kết quả\nĐã làm xong.↓",
                expect: ["thiếu khối Nơi nhận"]),
        Example(rule: #"require: [{ any: ["^Lưu\\b"], name: "Lưu" }]"#,
                report: "↓Nơi nhận:\n- Bộ TT&TT;\n- UBND tỉnh.", expect: ["Nơi nhận thiếu Lưu"]),
        Example(rule: #"require: [{ any: ["^Lưu\\b"], name: "Lưu" }]"#,
                report: "Nơi nhận:\tKT. GIÁM ĐỐC\n- Bộ TT&TT;\tPHÓ GIÁM ĐỐC\n- Lưu: VT, KHTC.\n\tTrần Văn An"),
    ]
    private static let ministry = #"require: [{ any: ["Bộ Thông tin và Truyền thông", "Bộ TT&TT", "Bộ TTTT"], name: "Bộ Thông tin và Truyền thông" }]"#
}

extension Message {
    static let recipientsBlockMissing = Message(vi: "thiếu khối Nơi nhận", en: "no Nơi nhận block")
    static let recipientMissing = Message(vi: "Nơi nhận thiếu {recipient}", en: "distribution list does not include {recipient}")
}
