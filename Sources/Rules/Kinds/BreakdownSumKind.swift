import Arithmetic
import Diagnostics
import ReportModel
import SourceText

/// Checks that the parts of a breakdown add up to its total: `Tổng số X là N, trong đó A n1,
/// B n2, …`, `N đơn vị (gồm A n1, B n2)`, `N thuê bao (cố định là n1, di động là n2)`. The
/// finding points at the total, with a note at each part. Silent unless the parts are claimed
/// exhaustive, share the total's unit, and no number is hedged (`khoảng`, `hơn`); growth
/// rates and percentages after `trong đó` are never added up. Words come from the rule sets'
/// `vocabulary:`.
struct BreakdownSumKind: RuleKind {
    static let name = "breakdown-sum"
    static let summary = "The parts of a breakdown (a total followed by its parts) add up to the total."
    static let fields: [FieldDoc] = []

    init(_ fields: RuleFields) throws(RuleSetError) {}

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        zip(rule.facts.breakdowns, rule.facts.breakdownSums).compactMap { located, sumCheck -> Diagnostic? in
            let breakdown = located.value
            guard case let .mismatch(partsSum, difference) = sumCheck else { return nil }
            let notes = breakdown.parts.map { part in
                (Message.breakdownPart(part.label, formatVietnamese(part.quantity.number)), located.range(part.quantity.number.range))
            }
            return rule.diagnose(
                .breakdownMismatch,
                ["parts": vn(partsSum), "total": formatVietnamese(breakdown.total.number), "difference": vn(difference)],
                at: located.range(breakdown.total.number.range), notes: notes)
        }
    }

    static let examples = [
        Example(rule: "{}", report: "Tổng số hồ sơ tiếp nhận là ↓8.240 hồ sơ, trong đó, giải quyết đúng hạn 7.400 hồ sơ, quá hạn 412 hồ sơ, còn tồn 400 hồ sơ.",
                expect: ["các phần cộng lại 8.212, tổng số ghi 8.240 (lệch 28)"]),
        Example(rule: "{}", report: "Tổng số hồ sơ tiếp nhận là 8.240 hồ sơ, trong đó giải quyết đúng hạn 7.416 hs, quá hạn 412 hs, đang giải quyết 412 hs."),
        Example(rule: "{}", report: "Toàn tỉnh có ↓905.410 thuê bao (cố định là 21.380 thuê bao, di động là 884.000 thuê bao).",
                expect: ["các phần cộng lại 905.380, tổng số ghi 905.410 (lệch 30)"]),
        Example(rule: "{}", report: "Thanh tra 12 đơn vị (gồm cơ quan báo chí, xuất bản 5 đơn vị, doanh nghiệp viễn thông (di động, cố định) 7 đơn vị)."),
        Example(rule: "{}", report: "Tổng số 1.200 tin bài, trong đó có 300 tin bài về chuyển đổi số, 200 tin bài về cải cách hành chính."),
        Example(rule: "{}", report: "Chỉ số sản xuất tăng 5,6%, trong đó khai khoáng tăng 1,75%, chế biến tăng 7,2%."),
        Example(rule: "{}", report: "Tổng số 1.000 hồ sơ, trong đó khoảng 600 hồ sơ đúng hạn, 300 hồ sơ quá hạn."),
        Example(rule: "{}", report: "Tổng số 1.000 hồ sơ, trong đó 600 hồ sơ đúng hạn, 300 đơn vị tham gia."),
        // A part whose label opens with a tense marker is kept when that makes the parts add up…
        Example(rule: "{}", report: "Hệ thống tiếp nhận 8.240 hồ sơ, trong đó giải quyết đúng hạn 7.416 hồ sơ (đạt 90,0%), quá hạn 412 hồ sơ, đang giải quyết 412 hồ sơ."),
        // …ends the list when the parts before it add up, and leaves an undecidable list alone.
        Example(rule: "{}", report: "Tổng số 500 hồ sơ, trong đó đúng hạn 450 hồ sơ, quá hạn 50 hồ sơ, đã trả kết quả 20 hồ sơ qua bưu điện."),
        Example(rule: "{}", report: "Tổng số 500 hồ sơ, trong đó đúng hạn 400 hồ sơ, quá hạn 50 hồ sơ, đã trả kết quả 20 hồ sơ qua bưu điện."),
    ]
}

extension Message {
    static let breakdownMismatch = Message(
        vi: "các phần cộng lại {parts}, tổng số ghi {total} (lệch {difference})",
        en: "the parts add up to {parts}, the stated total is {total} (off by {difference})")
    static func breakdownPart(_ label: String, _ value: String) -> Message {
        Message(vi: "phần \"\(label)\" = \(value)", en: "part \"\(label)\" = \(value)")
    }
}
