import Arithmetic
import Diagnostics
import Foundation
import ReportModel
import SourceText

/// Checks the percentages inside a breakdown: `n … (đạt Y%)` must be n / total · 100 rounded
/// to Y's written digits (round half up or half to even at a tie); a value cut off instead of
/// rounded (`87,2%` for 87,26%) is only an info; and the shares of an exhaustive breakdown
/// whose parts add up must add up to 100 within their rounding. Comparisons with another
/// period (`bằng 104,3% so với cùng kỳ`) are not shares and are never checked here, nor is any
/// percentage whose base is unclear.
struct PercentKind: RuleKind {
    static let name = "percent"
    static let summary = "Percentages of a breakdown's parts match the counts, and the shares add up to 100%."
    static let fields = [FieldDoc("truncation", "error | warning | info | off: a share cut off instead of rounded (default info)")]

    let truncation: Severity?

    init(_ fields: RuleFields) throws(RuleSetError) {
        switch try fields.optionalString("truncation") ?? "info" {
        case "off": truncation = nil
        case let word:
            guard let severity = Severity(rawValue: word) else {
                throw RuleSetError("'truncation' must be error, warning, info or off", at: fields.value("truncation")!.location)
            }
            truncation = severity
        }
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (located, sumCheck) in zip(rule.facts.breakdowns, rule.facts.breakdownSums) {
            let breakdown = located.value
            let reported = diagnostics.count
            for (part, result) in checkShares(breakdown) {
                guard let share = part.share else { continue }
                let values = ["stated": share.number.text, "count": vn(part.quantity.value),
                              "total": vn(breakdown.total.value)]
                switch result {
                case let .mismatch(exact):
                    let digits = max(2, share.number.fractionDigits + 1)
                    diagnostics.append(rule.diagnose(.shareMismatch, values.merging(["exact": vn(exact, digits)]) { $1 },
                                                     at: located.range(share.number.range)))
                case let .truncated(exact):
                    guard let truncation else { continue }
                    let rounded = PercentKind.rounded(exact, to: share.number.fractionDigits)
                    diagnostics.append(rule.diagnose(
                        .shareTruncated, values.merging(["exact": vn(exact, max(2, share.number.fractionDigits + 1)), "rounded": vn(rounded, share.number.fractionDigits)]) { $1 },
                        at: located.range(share.number.range), severity: truncation))
                default:
                    continue
                }
            }
            // One wrong share already explains shares that do not add up: report it once.
            let shareReported = diagnostics.count > reported
            if !shareReported, sumCheck == .consistent, case let .mismatch(sum) = checkShareTotal(breakdown),
               let first = breakdown.parts.first(where: { $0.share != nil })?.share {
                diagnostics.append(rule.diagnose(.sharesDoNotAddUp, ["sum": vn(sum)], at: located.range(first.number.range)))
            }
        }
        return diagnostics
    }

    static func rounded(_ value: Decimal, to digits: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, digits, .plain)
        return output
    }

    static let examples = [
        Example(rule: "{}", report: "Tiếp nhận 8.240 hồ sơ, trong đó đúng hạn 7.416 hồ sơ (đạt 90,0%), quá hạn 412 hồ sơ (đạt 5,0%), đang giải quyết 412 hồ sơ (đạt 5,0%)."),
        Example(rule: "{}", report: "Tổng số hồ sơ là 1.000 hồ sơ, trong đó đúng hạn 731 hs (đạt ↓73,7%), quá hạn 269 hs (đạt 26,9%).",
                expect: ["tỷ lệ ghi 73,7% nhưng 731 / 1.000 = 73,10%"]),
        Example(rule: "{}", report: "Tổng số hồ sơ là 1.000 hồ sơ, trong đó đúng hạn 872 hồ sơ (đạt 87,2%), quá hạn 128 hồ sơ (đạt 12,8%)."),
        Example(rule: "{}", report: "Tổng số hồ sơ là 10.000 hồ sơ, trong đó đúng hạn 8.726 hồ sơ (↓87,2%), quá hạn 1.274 hồ sơ (12,7%).",
                expect: ["tỷ lệ 87,2% là số cắt bớt của 87,26%; làm tròn là 87,3%"]),
        Example(rule: "{}", report: "Tổng số hồ sơ là 300 hồ sơ, trong đó đúng hạn 100 hồ sơ (↓33%), quá hạn 100 hồ sơ (33%), đang xử lý 100 hồ sơ (33%).",
                expect: ["các tỷ lệ cộng lại 99%, không phải 100%"]),
        Example(rule: "{}", report: "Doanh thu ước đạt 96 tỷ đồng, bằng 103,2% so với cùng kỳ; thuê bao di động tăng 5,6% so với tháng trước."),
        Example(rule: "{}", report: "Tổng số hồ sơ là 200 hồ sơ, trong đó đúng hạn 125 hồ sơ (62,5%), quá hạn 75 hồ sơ (37,5%)."),
    ]
}

extension Message {
    static let shareMismatch = Message(vi: "tỷ lệ ghi {stated}% nhưng {count} / {total} = {exact}%",
                                       en: "the share is given as {stated}% but {count} / {total} = {exact}%")
    static let shareTruncated = Message(vi: "tỷ lệ {stated}% là số cắt bớt của {exact}%; làm tròn là {rounded}%",
                                        en: "{stated}% is {exact}% cut off; rounded it is {rounded}%")
    static let sharesDoNotAddUp = Message(vi: "các tỷ lệ cộng lại {sum}%, không phải 100%",
                                          en: "the shares add up to {sum}%, not 100%")
}
