import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// Checks that the report has the listed sections, in the listed order. A section is found
/// when a heading (at the given level, if any) matches its pattern or one of its aliases,
/// case-insensitively. A missing section is reported where it was expected: at the next
/// required section that is present, or at the end of the body. It does not look at what a
/// section contains.
struct RequiredSectionsKind: RuleKind {
    static let name = "required-sections"
    static let summary = "The report has the required sections, in order."
    static let fields = [
        FieldDoc("sections", "list of { name, match?: pattern, aliases?: [pattern], level?: 1|2|3 }"),
        FieldDoc("ordered", "bool, default true"),
    ]

    struct RequiredSection: Sendable {
        let name: String
        let patterns: [Pattern]
        let level: Int?

        init(_ node: YAMLNode) throws(RuleSetError) {
            let fields = try RuleFields.nested(node, owner: "section", allowed: ["name", "match", "aliases", "level"])
            name = try fields.string("name")
            let main = try fields.optionalPattern("match", caseInsensitive: true) ?? Pattern.literal(name)
            patterns = [main] + (try fields.optionalList("aliases") { value throws(RuleSetError) in
                try RuleFields.pattern(value, "aliases", caseInsensitive: true)
            })
            level = fields.has("level") ? try fields.int("level", default: 1) : nil
            if let level, !(1...6).contains(level) {
                throw RuleSetError("'level' must be between 1 and 6", at: fields.value("level")!.location)
            }
        }

        /// The first matching heading that no earlier requirement has taken: a results heading
        /// such as `KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3` must not also count as the tasks section.
        /// `taken[i]`: section `i` already answers an earlier required section. The sections are
        /// read in place (a copy of each `Section` and a set lookup per section were most of the
        /// cost besides the patterns).
        func firstMatch(in report: Report, excluding taken: [Bool]) throws(Pattern.MatchError) -> Int? {
            let sections = report.sections
            for index in sections.indices where !taken[index] {
                if let level, sections[index].level != level { continue }
                let text = sections[index].title.text
                for pattern in patterns where try pattern.matches(text) { return index }
            }
            return nil
        }
    }

    let sections: [RequiredSection]
    let ordered: Bool

    init(_ fields: RuleFields) throws(RuleSetError) {
        sections = try fields.list("sections") { node throws(RuleSetError) in try RequiredSection(node) }
        ordered = try fields.bool("ordered", default: true)
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        var found: [Int?] = []
        var taken = [Bool](repeating: false, count: report.sections.count)
        for section in sections {
            let match = try section.firstMatch(in: report, excluding: taken)
            if let match { taken[match] = true }
            found.append(match)
        }
        var diagnostics: [Diagnostic] = []
        for (i, required) in sections.enumerated() where found[i] == nil {
            let next = found[(i + 1)...].compactMap { $0 }.first
            let anchor = next.map { report.sections[$0].heading.range } ?? endOfBody(report)
            diagnostics.append(rule.diagnose(.sectionMissing, ["section": required.name], at: anchor))
        }
        guard ordered else { return diagnostics }
        var latest: (index: Int, name: String)?
        for (i, required) in sections.enumerated() {
            guard let index = found[i] else { continue }
            if let previous = latest, index < previous.index {
                let heading = report.sections[index].heading
                diagnostics.append(rule.diagnose(
                    .sectionOutOfOrder, ["section": required.name, "previous": previous.name], at: heading.range,
                    notes: [(Message(vi: "phần \"\(previous.name)\" ở đây", en: "\"\(previous.name)\" is here"),
                             report.sections[previous.index].heading.range)]))
            } else {
                latest = (index, required.name)
            }
        }
        return diagnostics
    }

    /// Where the body ends: the distribution list, the signature, or the end of the file.
    func endOfBody(_ report: Report) -> SourceRange {
        if let heading = report.recipients?.heading { return heading.range }
        if let first = report.signature?.lines.first { return first.range }
        return report.end
    }

    static let examples = [
        Example(rule: monthly, report: "BÁO CÁO\nKết quả tháng 4\n\nI. KẾT QUẢ THÁNG 4\nĐã làm.\n\nII. NHIỆM VỤ THÁNG 5\nSẽ làm."),
        Example(rule: monthly, report: "BÁO CÁO\nKết quả tháng 4\n\nI. Kết quả thực hiện tháng 4\nĐã làm.\n\n↓Nơi nhận:\n- Lưu: VT.",
                expect: ["thiếu phần \"nhiệm vụ tháng tới\""]),
        Example(rule: monthly, report: "BÁO CÁO\nKết quả tháng 4\n\nI. Đánh giá chung\nTốt.\n↓II. Phương hướng nhiệm vụ tháng 5\nSẽ làm.",
                expect: ["thiếu phần \"kết quả thực hiện\""]),
        Example(rule: monthly, report: "↓I. Nhiệm vụ tháng 5\nSẽ làm.\nII. Kết quả tháng 4\nĐã làm.",
                expect: ["phần \"nhiệm vụ tháng tới\" phải đứng sau phần \"kết quả thực hiện\""]),
        Example(rule: monthly, report: "# Báo cáo tháng\n\n## I. Kết quả tháng 4\nĐã làm.\n\n## II. Nhiệm vụ tháng 5\nSẽ làm."),
        Example(rule: monthly, report: "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3\nĐã làm.\nII. KHÓ KHĂN\nThiếu vốn.\n\n↓Nơi nhận:\n- Lưu: VT.",
                expect: ["thiếu phần \"nhiệm vụ tháng tới\""]),
        Example(rule: monthly, report: "I. Tình hình chung\n1. Kết quả đạt được\nĐã làm.\n↓II. Nhiệm vụ tháng 5\nSẽ làm.",
                expect: ["thiếu phần \"kết quả thực hiện\""]),
    ]
    private static let monthly = """
        sections:
          - { name: "kết quả thực hiện", match: "kết quả|tình hình thực hiện", level: 1 }
          - { name: "nhiệm vụ tháng tới", match: "nhiệm vụ|phương hướng", level: 1 }
        """
}

extension Message {
    static let sectionMissing = Message(vi: "thiếu phần \"{section}\"", en: "missing section \"{section}\"")
    static let sectionOutOfOrder = Message(vi: "phần \"{section}\" phải đứng sau phần \"{previous}\"",
                                           en: "section \"{section}\" must come after \"{previous}\"")
}
