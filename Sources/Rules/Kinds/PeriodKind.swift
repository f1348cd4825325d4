import Diagnostics
import Foundation
import ReportModel
import SourceText
import YAMLTree

/// Checks the reporting period of a periodic report (Nghị định 09/2019/NĐ-CP). The period is
/// read from the title and trích yếu (`tháng 8 năm 2014`, `quý I năm 2023`, `6 tháng đầu năm`);
/// `check:` chooses what is compared with it:
/// - `sections`: a top-level results heading that names a period names the same one, a
///   next-period heading (and the title's second period) names the next one (December →
///   January of the next year, quý IV → quý I);
/// - `issue-date`: the date of issue is not before the period's data window opens (Điều 12:
///   from day `cutoff-day` of the previous month) nor more than `max-days-late` after it closes;
/// - `data-window`: a stated window (`số liệu tính từ ngày 15/7 đến ngày 14/8`) is the period's.
/// A report whose title names no period is left alone, and so is a heading that names none.
struct PeriodKind: RuleKind {
    static let name = "period"
    static let summary = "The reporting period in the title agrees with the sections, the date of issue and the stated data window."
    static let fields = [
        FieldDoc("check", "sections | issue-date | data-window"),
        FieldDoc("cutoff-day", "day of the month the data window opens (previous month) and closes the day before; default 15"),
        FieldDoc("max-days-late", "whole number of days after the window closes, default 90"),
        FieldDoc("results", "pattern of a results heading, default \"kết quả|tình hình|đánh giá\""),
        FieldDoc("next", "pattern of a next-period heading, default \"nhiệm vụ|phương hướng|kế hoạch\""),
    ]

    enum Check: String, CaseIterable, Sendable { case sections, issueDate = "issue-date", dataWindow = "data-window" }

    let check: Check
    let cutoffDay: Int
    let maxDaysLate: Int
    let results: Pattern
    let next: Pattern

    init(_ fields: RuleFields) throws(RuleSetError) {
        let text = try fields.string("check")
        guard let check = Check(rawValue: text) else {
            throw RuleSetError("unknown check '\(text)'; checks: " + Check.allCases.map(\.rawValue).joined(separator: ", "),
                               at: fields.value("check")!.location)
        }
        self.check = check
        cutoffDay = try fields.int("cutoff-day", default: 15)
        if !(2...28).contains(cutoffDay) {
            throw RuleSetError("'cutoff-day' must be between 2 and 28", at: fields.value("cutoff-day")!.location)
        }
        maxDaysLate = try fields.int("max-days-late", default: 90)
        results = try fields.optionalPattern("results", caseInsensitive: true) ?? (try! Pattern(#"kết\s+quả|tình\s+hình|đánh\s+giá"#, caseInsensitive: true))
        next = try fields.optionalPattern("next", caseInsensitive: true)
            ?? (try! Pattern(#"nhiệm\s+vụ|phương\s+hướng|kế\s+hoạch"#, caseInsensitive: true))
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        guard let title = report.title, let found = rule.facts.titlePeriod else { return [] }
        let (period, titleNext) = found
        let titleRange = title.summary.first?.range ?? title.documentType.range
        switch check {
        case .sections: return try checkSections(report, rule, period, titleNext, titleRange)
        case .issueDate: return checkIssueDate(report, rule, period)
        case .dataWindow: return try checkDataWindow(report, rule, period)
        }
    }

    func checkSections(_ report: Report, _ rule: RuleContext, _ period: ReportingPeriod, _ titleNext: ReportingPeriod?,
                       _ titleRange: SourceRange) throws(Pattern.MatchError) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let expectedNext = period.next
        if let titleNext, !titleNext.sameAs(expectedNext) {
            diagnostics.append(rule.diagnose(.titleNextPeriod, ["next": titleNext.description, "period": period.description,
                                                                "expected": expectedNext.description], at: titleRange))
        }
        for section in report.sections where section.level == 1 {
            let text = section.title.text
            let isResults = try results.matches(text), isNext = try next.matches(text)
            // `Kết quả tháng 8 và nhiệm vụ tháng 9` names both; the title check covers it.
            guard isResults != isNext else { continue }
            guard let mention = ReportingPeriod.mentions(in: text).first(where: { $0.period.sameKind(period) }) else { continue }
            let at = section.title.range(ofUTF8: mention.utf8Range)
            let named = mention.period
            if isResults && !named.sameAs(period) {
                diagnostics.append(rule.diagnose(.resultsPeriod, ["named": named.description, "period": period.description],
                                                 at: at, notes: [(.periodInTitle(period), titleRange)]))
            } else if isNext && !named.sameAs(expectedNext) {
                diagnostics.append(rule.diagnose(.nextPeriod, ["named": named.description, "expected": expectedNext.description,
                                                               "period": period.description],
                                                 at: at, notes: [(.periodInTitle(period), titleRange)]))
            }
        }
        return diagnostics
    }

    func checkIssueDate(_ report: Report, _ rule: RuleContext, _ period: ReportingPeriod) -> [Diagnostic] {
        guard let placeDate = report.header.placeDate, let day = placeDate.day, let month = placeDate.month,
              let issued = CalendarDate.valid(year: placeDate.year, month: month, day: day),
              period.year != nil, let window = period.dataWindow(cutoffDay: cutoffDay) else { return [] }
        let values = ["date": issued.description, "period": period.description, "start": window.start.description,
                      "end": window.end.description]
        if issued < window.start {
            return [rule.diagnose(.issuedBeforePeriod, values, at: placeDate.span.range)]
        }
        let late = issued.dayNumber - window.end.dayNumber
        if late > maxDaysLate {
            return [rule.diagnose(.issuedLate, values.merging(["days": String(late)]) { $1 }, at: placeDate.span.range,
                                  severity: min(rule.severity, .warning))]
        }
        return []
    }

    // `số liệu (tính) từ ngày 15/7 đến (hết) ngày 14/8/2014`, `kỳ báo cáo từ ngày … đến ngày …`
    static let window = try! Pattern(
        #"(?i)(?:số\s+liệu|kỳ\s+báo\s+cáo)[^.;]{0,40}?\btừ\s+ngày\s+([0-9]{1,2})\s*/\s*([0-9]{1,2})(?:\s*/\s*([0-9]{4}))?\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?([0-9]{1,2})\s*/\s*([0-9]{1,2})(?:\s*/\s*([0-9]{4}))?"#)

    /// False when `window` cannot match `text` because the text holds no `/` or no `từ` in any
    /// case: `t` or `T` (no other scalar folds to them) then U+1EEB `ừ` or U+1EEA `Ừ` (E1 BB AB,
    /// E1 BB AA; they fold only to each other). True says nothing.
    static func mayHoldWindow(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            let n = bytes.count
            guard memchr(base, 0x2F, n) != nil else { return false }
            for last: UInt8 in [0xAB, 0xAA] {
                var from = 3
                while from < n, let hit = memchr(base + from, Int32(last), n - from) {
                    let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if bytes[i - 1] == 0xBB, bytes[i - 2] == 0xE1, bytes[i - 3] | 0x20 == 0x74 { return true }
                    from = i + 1
                }
            }
            return false
        } ?? true
    }

    func checkDataWindow(_ report: Report, _ rule: RuleContext, _ period: ReportingPeriod) throws(Pattern.MatchError) -> [Diagnostic] {
        guard let year = period.year ?? report.header.placeDate?.year,
              let expected = ReportingPeriod(period.kind, year: year).dataWindow(cutoffDay: cutoffDay) else { return [] }
        /// The finding for one line, if its stated window is not the period's. `span` is made
        /// only then: most lines state no window.
        func mismatch(in text: String, _ span: () -> TextSpan) throws(Pattern.MatchError) -> Diagnostic? {
            guard let groups = try PeriodKind.window.captures(in: text), let whole = groups[0] else { return nil }
            func number(_ i: Int) -> Int? { groups[i].flatMap { Int(text.substring(utf8: $0)) } }
            guard let d1 = number(1), let m1 = number(2), let d2 = number(4), let m2 = number(5) else { return nil }
            let y2 = number(6) ?? expected.end.year
            let y1 = number(3) ?? (m1 > m2 ? y2 - 1 : y2)
            let stated = (CalendarDate(year: y1, month: m1, day: d1), CalendarDate(year: y2, month: m2, day: d2))
            guard stated.0 != expected.start || stated.1 != expected.end else { return nil }
            return rule.diagnose(.windowMismatch, [
                "stated": "\(d1)/\(m1) – \(d2)/\(m2)", "period": ReportingPeriod(period.kind, year: year).description,
                "start": "\(expected.start.day)/\(expected.start.month)", "end": "\(expected.end.day)/\(expected.end.month)",
            ], at: span().range(ofUTF8: whole))
        }
        for span in report.title.map({ [$0.documentType] + $0.summary }) ?? [] {
            if let found = try mismatch(in: span.text, { span }) { return [found] }
        }
        if let body = report.bodyLines {
            // `report.source.line(number)` without the call per line (a line past the end is
            // empty there, and an empty line cannot match).
            let lines = report.source.lines
            for number in body where number >= 1 && number <= lines.count {
                let text = lines[number - 1]
                // The pattern needs a `/` after a digit and `từ`: a line without both cannot match.
                guard PeriodKind.mayHoldWindow(text) else { continue }
                if let found = try mismatch(in: text, { TextSpan(text, SourceRange(line: number, column: 1, length: text.scalarCount)) }) {
                    return [found]
                }
            }
        }
        return []
    }

    static let examples = [
        Example(rule: "check: sections", report: qn),
        Example(rule: "check: sections",
                report: "BÁO CÁO\nKết quả tháng 8 và nhiệm vụ trọng tâm tháng 9 năm 2014\n\nI. Kết quả thực hiện ↓tháng 7/2014\nĐã làm.\nII. Nhiệm vụ tháng 9/2014\nSẽ làm.",
                expect: ["phần kết quả ghi tháng 7 năm 2014, nhưng kỳ báo cáo là tháng 8 năm 2014"]),
        Example(rule: "check: sections",
                report: "BÁO CÁO\nKết quả tháng 12 năm 2023\n\nI. Kết quả tháng 12 năm 2023\nĐã làm.\nII. Nhiệm vụ ↓tháng 12 năm 2024\nSẽ làm.",
                expect: ["phần nhiệm vụ kỳ tới ghi tháng 12 năm 2024, kỳ tiếp theo của tháng 12 năm 2023 là tháng 1 năm 2024"]),
        Example(rule: "check: sections",
                report: "BÁO CÁO\nKết quả tháng 12 năm 2023\n\nI. Kết quả tháng 12 năm 2023\nĐã làm.\nII. Nhiệm vụ tháng 01 năm 2024\nSẽ làm."),
        Example(rule: "check: sections",
                report: "BÁO CÁO\n↓Kết quả quý IV năm 2023 và nhiệm vụ quý II năm 2024\n\nI. Kết quả quý IV\nĐã làm.",
                expect: ["tiêu đề ghi kỳ tới là quý II năm 2024, nhưng sau quý IV năm 2023 là quý I năm 2024"]),
        Example(rule: "check: issue-date", report: qn),
        Example(rule: "check: issue-date",
                report: "UBND TỈNH AN GIANG\n↓An Giang, ngày 10 tháng 7 năm 2014\n\nBÁO CÁO\nKết quả công tác tháng 8 năm 2014\n\nI. Kết quả\nXong.",
                expect: ["ngày ban hành 10/7/2014 trước kỳ báo cáo tháng 8 năm 2014 (số liệu từ 15/7/2014 đến 14/8/2014)"]),
        Example(rule: "check: issue-date",
                report: "UBND TỈNH AN GIANG\n↓An Giang, ngày 20 tháng 12 năm 2014\n\nBÁO CÁO\nKết quả công tác tháng 8 năm 2014\n\nI. Kết quả\nXong.",
                expect: ["ngày ban hành 20/12/2014 muộn 128 ngày sau khi kỳ báo cáo tháng 8 năm 2014 kết thúc (14/8/2014)"]),
        Example(rule: "check: data-window",
                report: "BÁO CÁO\nKết quả tháng 8 năm 2014\n\nI. Kết quả\nSố liệu tính từ ngày 15/7 đến ngày 14/8/2014.\nĐã làm."),
        Example(rule: "check: data-window",
                report: "BÁO CÁO\nKết quả tháng 8 năm 2014\n\nI. Kết quả\nTham dự hội nghị từ ngày 10/8 đến ngày 12/8 tại Đà Nẵng."),
        Example(rule: "check: data-window",
                report: "BÁO CÁO\nKết quả tháng 8 năm 2014\n\nI. Kết quả\n↓Số liệu tính từ ngày 1/8 đến ngày 31/8/2014.",
                expect: ["khoảng số liệu 1/8 – 31/8 không khớp kỳ báo cáo tháng 8 năm 2014 (từ 15/7 đến 14/8)"]),
        Example(rule: "{ check: data-window, cutoff-day: 20 }",
                report: "BÁO CÁO\nKết quả tháng 8 năm 2014\n\nI. Kết quả\nSố liệu tính từ ngày 20/7 đến ngày 19/8/2014."),
    ]
    private static let qn = """
        Số: 285/BC-STTTT
        Quảng Ninh, ngày 19 tháng 8 năm 2014

        BÁO CÁO
        Hoạt động thông tin và truyền thông tháng 8
        và nhiệm vụ trọng tâm tháng 9 năm 2014

        I. Đánh giá chung
        Ổn định.
        II. Kết quả hoạt động tháng 8/2014
        Đã làm.
        III. Nhiệm vụ trọng tâm tháng 9/2014
        Sẽ làm.
        """
}

extension Message {
    static func periodInTitle(_ period: ReportingPeriod) -> Message {
        Message(vi: "tiêu đề ghi kỳ báo cáo \(period)", en: "the title names \(period)")
    }
    static let titleNextPeriod = Message(vi: "tiêu đề ghi kỳ tới là {next}, nhưng sau {period} là {expected}",
                                         en: "the title names {next} as the next period, but {period} is followed by {expected}")
    static let resultsPeriod = Message(vi: "phần kết quả ghi {named}, nhưng kỳ báo cáo là {period}",
                                       en: "the results section names {named}, but the report covers {period}")
    static let nextPeriod = Message(vi: "phần nhiệm vụ kỳ tới ghi {named}, kỳ tiếp theo của {period} là {expected}",
                                    en: "the next-period section names {named}; the period after {period} is {expected}")
    static let issuedBeforePeriod = Message(vi: "ngày ban hành {date} trước kỳ báo cáo {period} (số liệu từ {start} đến {end})",
                                            en: "issued on {date}, before the period {period} (data from {start} to {end})")
    static let issuedLate = Message(vi: "ngày ban hành {date} muộn {days} ngày sau khi kỳ báo cáo {period} kết thúc ({end})",
                                    en: "issued on {date}, {days} days after the period {period} closed ({end})")
    static let windowMismatch = Message(vi: "khoảng số liệu {stated} không khớp kỳ báo cáo {period} (từ {start} đến {end})",
                                        en: "the data window {stated} does not match {period} (from {start} to {end})")
}
