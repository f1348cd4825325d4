import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// Checks one part of the document's opening against Nghị định 30/2020/NĐ-CP, Điều 8 and
/// Phụ lục I: the Quốc hiệu, the Tiêu ngữ, the issuing body, `Số: 285/BC-STTTT`, the place-date
/// line, or `BÁO CÁO` with its trích yếu (`part:` says which, so each has its own rule id and
/// severity). A missing part is one finding at the top of the document. It leaves alone the
/// typography it cannot see in text (font, size, bold, the line under the Tiêu ngữ) and the
/// dash style inside the Tiêu ngữ.
struct HeaderKind: RuleKind {
    static let name = "header"
    static let summary = "The document opening (Quốc hiệu, Tiêu ngữ, issuing body, Số, place-date, BÁO CÁO) follows NĐ 30/2020."
    static let fields = [
        FieldDoc("part", "national-name | motto | agency | number | place-date | title"),
        FieldDoc("type-abbreviation", "text, default BC: the first group of the symbol after `/`"),
    ]

    enum Part: String, CaseIterable, Sendable {
        case nationalName = "national-name", motto, agency, number, placeDate = "place-date", title
    }

    let part: Part
    let typeAbbreviation: String

    init(_ fields: RuleFields) throws(RuleSetError) {
        let text = try fields.string("part")
        guard let part = Part(rawValue: text) else {
            var message = "unknown part '\(text)'"
            if let suggestion = closest(to: text, in: Part.allCases.map(\.rawValue)) { message += " (did you mean '\(suggestion)'?)" }
            throw RuleSetError(message + "; parts: " + Part.allCases.map(\.rawValue).joined(separator: ", "),
                               at: fields.value("part")!.location)
        }
        self.part = part
        typeAbbreviation = try fields.optionalString("type-abbreviation") ?? "BC"
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        switch part {
        case .nationalName:
            guard report.header.nationalName == nil else { return [] }
            return [rule.diagnose(.nationalNameMissing, at: VietnameseText.headerAnchor(report))]
        case .motto:
            guard report.header.motto == nil else { return [] }
            return [rule.diagnose(.mottoMissing, at: VietnameseText.headerAnchor(report))]
        case .agency:
            return checkAgency(report, rule)
        case .number:
            return try checkNumber(report, rule)
        case .placeDate:
            return try checkPlaceDate(report, rule)
        case .title:
            guard let title = report.title else {
                return [rule.diagnose(.documentTypeMissing, at: VietnameseText.headerAnchor(report))]
            }
            return title.summary.isEmpty ? [rule.diagnose(.summaryMissing, at: title.documentType.range)] : []
        }
    }

    func checkAgency(_ report: Report, _ rule: RuleContext) -> [Diagnostic] {
        guard let first = report.header.agency.first else {
            return [rule.diagnose(.agencyMissing, at: VietnameseText.headerAnchor(report))]
        }
        // In a two-column header flattened to text the body's name is on the lines above `Số:`.
        if let number = report.header.number, first.line > number.span.line {
            return [rule.diagnose(.agencyBelowNumber, ["agency": first.text], at: first.range,
                                  notes: [(Message(vi: "dòng Số ở đây", en: "the Số line is here"), number.span.range)])]
        }
        return []
    }

    static let numberShape = try! Pattern(#"^Số(\s*:)?\s*([0-9]*)\s*/\s*(\S.*)$"#)
    static let looseNumber = try! Pattern(#"^Số\b\s*[:.]?\s*[0-9]*\s*/"#)
    static let symbolShape = try! Pattern(#"^[A-ZĐ0-9&]+(?:-[A-ZĐ0-9&]+)*$"#)

    func checkNumber(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        guard let number = report.header.number else {
            // `Số: 285/BC - STTTT` does not read as a number line; say what is wrong with it.
            for line in report.header.lines where try HeaderKind.looseNumber.matches(line.text) {
                return [rule.diagnose(.numberMalformed, ["number": line.text], at: line.range)]
            }
            return [rule.diagnose(.numberMissing, at: VietnameseText.headerAnchor(report))]
        }
        let span = number.span
        guard let groups = try HeaderKind.numberShape.captures(in: span.text),
              let serial = groups[2], let symbolRange = groups[3] else {
            return [rule.diagnose(.numberMalformed, ["number": span.text], at: span.range)]
        }
        var diagnostics: [Diagnostic] = []
        if groups[1] == nil {
            let after = "Số".utf8.count
            let at = span.range(ofUTF8: after..<after)
            diagnostics.append(rule.diagnose(.numberColonMissing, at: at, fixIts: [FixIt(at, replacement: ":")],
                                             severity: min(rule.severity, .warning)))
        }
        let serialText = span.text.substring(utf8: serial)
        if serialText.isEmpty {
            diagnostics.append(rule.diagnose(.numberBlank, ["number": span.text], at: span.range, severity: min(rule.severity, .warning)))
        } else if let value = Int(serialText), value < 10, serialText.count == 1 {
            // NĐ 30/2020, Phụ lục I: a number below 10 takes a leading zero.
            let at = span.range(ofUTF8: serial)
            diagnostics.append(rule.diagnose(.numberLeadingZero, ["serial": serialText], at: at,
                                             fixIts: [FixIt(at, replacement: "0" + serialText)],
                                             severity: min(rule.severity, .warning)))
        }
        let symbol = span.text.substring(utf8: symbolRange)
        if !(try HeaderKind.symbolShape.matches(symbol)) {
            diagnostics.append(rule.diagnose(.symbolMalformed, ["symbol": symbol], at: span.range(ofUTF8: symbolRange)))
        } else if report.title != nil, symbol.split(separator: "-").first.map(String.init) != typeAbbreviation {
            diagnostics.append(rule.diagnose(.symbolType, ["symbol": symbol, "type": typeAbbreviation],
                                             at: span.range(ofUTF8: symbolRange)))
        }
        return diagnostics
    }

    static let dateShape = try! Pattern(#"(?i)ngày\s*([0-9]{0,2})\s*tháng\s*([0-9]{0,2})\s*năm\s*([0-9]{4})"#)

    func checkPlaceDate(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        guard let placeDate = report.header.placeDate else {
            return [rule.diagnose(.placeDateMissing, at: VietnameseText.headerAnchor(report))]
        }
        let span = placeDate.span
        var diagnostics: [Diagnostic] = []
        if placeDate.place.isEmpty {
            diagnostics.append(rule.diagnose(.placeMissing, at: span.range))
        }
        guard let groups = try HeaderKind.dateShape.captures(in: span.text), let dayRange = groups[1],
              let monthRange = groups[2] else { return diagnostics }
        guard let dayText = placeDate.dayText, let monthText = placeDate.monthText,
              let day = placeDate.day, let month = placeDate.month else {
            // An unsigned draft leaves the day for the signer to fill in.
            diagnostics.append(rule.diagnose(.dateBlank, ["date": span.text], at: span.range, severity: min(rule.severity, .warning)))
            return diagnostics
        }
        guard CalendarDate.valid(year: placeDate.year, month: month, day: day) != nil else {
            diagnostics.append(rule.diagnose(.dateInvalid, ["day": dayText, "month": monthText, "year": String(placeDate.year)],
                                             at: span.range))
            return diagnostics
        }
        // NĐ 30/2020, Phụ lục I: days below 10 and months 1 and 2 take a leading zero; other months do not.
        if day < 10 && dayText.count == 1 {
            let at = span.range(ofUTF8: dayRange)
            diagnostics.append(rule.diagnose(.dayLeadingZero, ["day": dayText], at: at, fixIts: [FixIt(at, replacement: "0" + dayText)],
                                             severity: min(rule.severity, .warning)))
        }
        if month <= 2 && monthText.count == 1 {
            let at = span.range(ofUTF8: monthRange)
            diagnostics.append(rule.diagnose(.monthLeadingZero, ["month": monthText], at: at,
                                             fixIts: [FixIt(at, replacement: "0" + monthText)],
                                             severity: min(rule.severity, .warning)))
        } else if month >= 3 && monthText.hasPrefix("0") {
            let at = span.range(ofUTF8: monthRange)
            diagnostics.append(rule.diagnose(.monthExtraZero, ["month": String(month), "written": monthText], at: at,
                                             fixIts: [FixIt(at, replacement: String(month))],
                                             severity: min(rule.severity, .warning)))
        }
        return diagnostics
    }

    static let examples = [
        Example(rule: "part: national-name", report: "↓UBND TỈNH AN GIANG\nSố: 12/BC-UBND\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["thiếu Quốc hiệu (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)"]),
        Example(rule: "part: national-name", report: "UBND TỈNH AN GIANG\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBÁO CÁO\nTình hình tháng 3"),
        Example(rule: "part: motto", report: "\n\n↓BÁO CÁO\nKết quả tháng 4",
                expect: ["thiếu Tiêu ngữ (Độc lập - Tự do - Hạnh phúc)"]),
        Example(rule: "part: motto", report: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBÁO CÁO\nKết quả tháng 4"),
        Example(rule: "part: agency", report: "↓CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/BC-UBND\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["thiếu tên cơ quan ban hành văn bản"]),
        Example(rule: "part: agency", report: "UBND TỈNH AN GIANG\nSố: 12/BC-UBND\n\nBÁO CÁO\nTình hình tháng 3"),
        Example(rule: "part: number", report: "UBND TỈNH AN GIANG\nSố: 285/BC-STTTT\n\nBÁO CÁO\nTình hình tháng 3"),
        Example(rule: "part: number", report: "↓UBND TỈNH AN GIANG\nAn Giang, ngày 19 tháng 8 năm 2014\n\nBÁO CÁO\nTình hình tháng 8",
                expect: ["thiếu số, ký hiệu văn bản (Số: .../BC-...)"]),
        Example(rule: "part: number", report: "UBND TỈNH AN GIANG\nSố: ↓5/BC-UBND\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["số văn bản nhỏ hơn 10 phải có số 0 phía trước: 05"]),
        Example(rule: "part: number", report: "CỤC THỐNG KÊ\n↓Số: /BC-CTK\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["chưa ghi số văn bản (Số: /BC-CTK)"]),
        Example(rule: "part: number", report: "UBND TỈNH AN GIANG\nSố: 12/↓bc-ubnd\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["ký hiệu \"bc-ubnd\" phải viết in hoa, các nhóm nối bằng dấu gạch nối, không có khoảng trắng"]),
        Example(rule: "part: number", report: "UBND TỈNH AN GIANG\nSố: 12/↓UBND-VP\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["ký hiệu của báo cáo phải bắt đầu bằng BC: UBND-VP"]),
        Example(rule: "part: number", report: "UBND TỈNH AN GIANG\n↓Số: 12/BC - UBND\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["số, ký hiệu văn bản viết sai quy cách: Số: 12/BC - UBND"]),
        Example(rule: "part: place-date", report: "UBND TỈNH AN GIANG\nAn Giang, ngày 19 tháng 8 năm 2014\n\nBÁO CÁO\nTình hình tháng 8"),
        Example(rule: "part: place-date", report: "UBND TỈNH AN GIANG\nAn Giang, ngày ↓5 tháng ↓2 năm 2024\n\nBÁO CÁO\nTình hình tháng 1",
                expect: ["ngày nhỏ hơn 10 phải có số 0 phía trước: 05", "tháng 1 và tháng 2 phải có số 0 phía trước: 02"]),
        Example(rule: "part: place-date", report: "UBND TỈNH AN GIANG\nAn Giang, ngày 15 tháng ↓03 năm 2024\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["chỉ tháng 1 và tháng 2 có số 0 phía trước: viết tháng 3, không viết tháng 03"]),
        Example(rule: "part: place-date", report: "UBND TỈNH AN GIANG\n↓An Giang, ngày 31 tháng 4 năm 2024\n\nBÁO CÁO\nTình hình tháng 4",
                expect: ["ngày 31 tháng 4 năm 2024 không có trong lịch"]),
        Example(rule: "part: place-date", report: "UBND TỈNH AN GIANG\n↓An Giang, ngày  tháng 3 năm 2023\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["chưa ghi đủ ngày tháng ban hành: An Giang, ngày  tháng 3 năm 2023"]),
        Example(rule: "part: place-date", report: "↓UBND TỈNH AN GIANG\nSố: 12/BC-UBND\n\nBÁO CÁO\nTình hình tháng 3",
                expect: ["thiếu địa danh và ngày tháng năm ban hành (Địa danh, ngày ... tháng ... năm ...)"]),
        Example(rule: "part: title", report: "UBND TỈNH AN GIANG\n\n↓BÁO CÁO\n\nI. Kết quả\nĐã làm.",
                expect: ["thiếu trích yếu nội dung dưới tên loại BÁO CÁO"]),
        Example(rule: "part: title", report: "UBND TỈNH AN GIANG\n\nBÁO CÁO\nKết quả công tác tháng 3\n\nI. Kết quả\nĐã làm."),
    ]
}

extension Message {
    static let nationalNameMissing = Message(vi: "thiếu Quốc hiệu (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)",
                                             en: "no national name (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)")
    static let mottoMissing = Message(vi: "thiếu Tiêu ngữ (Độc lập - Tự do - Hạnh phúc)",
                                      en: "no motto (Độc lập - Tự do - Hạnh phúc)")
    static let agencyMissing = Message(vi: "thiếu tên cơ quan ban hành văn bản", en: "no issuing body")
    static let agencyBelowNumber = Message(vi: "tên cơ quan ban hành \"{agency}\" phải đứng trên dòng Số",
                                           en: "the issuing body \"{agency}\" must be above the Số line")
    static let numberMissing = Message(vi: "thiếu số, ký hiệu văn bản (Số: .../BC-...)", en: "no document number (Số: .../BC-...)")
    static let numberMalformed = Message(vi: "số, ký hiệu văn bản viết sai quy cách: {number}",
                                         en: "malformed document number: {number}")
    static let numberColonMissing = Message(vi: "sau chữ Số phải có dấu hai chấm", en: "Số must be followed by a colon")
    static let numberBlank = Message(vi: "chưa ghi số văn bản ({number})", en: "the document number is blank ({number})")
    static let numberLeadingZero = Message(vi: "số văn bản nhỏ hơn 10 phải có số 0 phía trước: 0{serial}",
                                           en: "a document number below 10 takes a leading zero: 0{serial}")
    static let symbolMalformed = Message(
        vi: "ký hiệu \"{symbol}\" phải viết in hoa, các nhóm nối bằng dấu gạch nối, không có khoảng trắng",
        en: "the symbol \"{symbol}\" must be capitals, groups joined by hyphens, without spaces")
    static let symbolType = Message(vi: "ký hiệu của báo cáo phải bắt đầu bằng {type}: {symbol}",
                                    en: "a report's symbol must start with {type}: {symbol}")
    static let placeDateMissing = Message(vi: "thiếu địa danh và ngày tháng năm ban hành (Địa danh, ngày ... tháng ... năm ...)",
                                          en: "no place and date of issue (Địa danh, ngày ... tháng ... năm ...)")
    static let placeMissing = Message(vi: "thiếu địa danh trước ngày tháng năm", en: "no place name before the date")
    static let dateBlank = Message(vi: "chưa ghi đủ ngày tháng ban hành: {date}", en: "the date of issue is incomplete: {date}")
    static let dateInvalid = Message(vi: "ngày {day} tháng {month} năm {year} không có trong lịch",
                                     en: "{day}/{month}/{year} is not a calendar date")
    static let dayLeadingZero = Message(vi: "ngày nhỏ hơn 10 phải có số 0 phía trước: 0{day}",
                                        en: "a day below 10 takes a leading zero: 0{day}")
    static let monthLeadingZero = Message(vi: "tháng 1 và tháng 2 phải có số 0 phía trước: 0{month}",
                                          en: "months 1 and 2 take a leading zero: 0{month}")
    static let monthExtraZero = Message(vi: "chỉ tháng 1 và tháng 2 có số 0 phía trước: viết tháng {month}, không viết tháng {written}",
                                        en: "only months 1 and 2 take a leading zero: tháng {month}")
    static let documentTypeMissing = Message(vi: "thiếu tên loại văn bản BÁO CÁO", en: "no document type (BÁO CÁO)")
    static let summaryMissing = Message(vi: "thiếu trích yếu nội dung dưới tên loại BÁO CÁO",
                                        en: "no summary (trích yếu) under BÁO CÁO")
}
