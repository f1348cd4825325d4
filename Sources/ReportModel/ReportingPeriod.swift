import SourceText

/// The period a periodic report covers, as its title or a section heading names it:
/// `tháng 8 năm 2014`, `tháng 8/2014`, `quý I năm 2023`, `6 tháng đầu năm 2023`, `năm 2023`.
/// Nghị định 09/2019/NĐ-CP, Điều 12, gives each kind of period its data window.
public struct ReportingPeriod: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case month(Int)
        case quarter(Int)
        /// 1: the first six months, 2: the last six months.
        case half(Int)
        case year
    }

    public var kind: Kind
    /// nil when the text names no year (`tháng 8`).
    public var year: Int?

    public init(_ kind: Kind, year: Int?) {
        self.kind = kind
        self.year = year
    }

    /// The period after this one: December is followed by January of the next year, quý IV by quý I.
    public var next: ReportingPeriod {
        switch kind {
        case let .month(m): return m == 12 ? ReportingPeriod(.month(1), year: year.map { $0 + 1 }) : ReportingPeriod(.month(m + 1), year: year)
        case let .quarter(q): return q == 4 ? ReportingPeriod(.quarter(1), year: year.map { $0 + 1 }) : ReportingPeriod(.quarter(q + 1), year: year)
        case let .half(h): return h == 2 ? ReportingPeriod(.half(1), year: year.map { $0 + 1 }) : ReportingPeriod(.half(2), year: year)
        case .year: return ReportingPeriod(.year, year: year.map { $0 + 1 })
        }
    }

    /// The same period, ignoring a year that only one side states.
    public func sameAs(_ other: ReportingPeriod) -> Bool {
        guard kind == other.kind else { return false }
        if let a = year, let b = other.year { return a == b }
        return true
    }

    public func sameKind(_ other: ReportingPeriod) -> Bool {
        switch (kind, other.kind) {
        case (.month, .month), (.quarter, .quarter), (.half, .half), (.year, .year): return true
        default: return false
        }
    }

    /// First and last month of the period (1…12).
    public var months: ClosedRange<Int> {
        switch kind {
        case let .month(m): return m...m
        case let .quarter(q): return (3 * q - 2)...(3 * q)
        case let .half(h): return h == 1 ? 1...6 : 7...12
        case .year: return 1...12
        }
    }

    /// NĐ 09/2019, Điều 12: the data of a period run from day `cutoffDay` of the month before
    /// the period to day `cutoffDay - 1` of its last month (15th to 14th by default; the annual
    /// report from 15 December of the previous year to 14 December).
    public func dataWindow(cutoffDay: Int) -> (start: CalendarDate, end: CalendarDate)? {
        guard let year else { return nil }
        let first = months.lowerBound, last = months.upperBound
        let start = first == 1 ? CalendarDate(year: year - 1, month: 12, day: cutoffDay)
                               : CalendarDate(year: year, month: first - 1, day: cutoffDay)
        let end = CalendarDate(year: year, month: last, day: cutoffDay - 1)
        return (start, end)
    }

    public var description: String {
        let suffix = year.map { " năm \($0)" } ?? ""
        switch kind {
        case let .month(m): return "tháng \(m)" + suffix
        case let .quarter(q): return "quý \(["I", "II", "III", "IV"][q - 1])" + suffix
        case let .half(h): return (h == 1 ? "6 tháng đầu năm" : "6 tháng cuối năm") + (year.map { " \($0)" } ?? "")
        case .year: return "năm" + (year.map { " \($0)" } ?? "")
        }
    }

    /// A period named in a line of text, with the UTF-8 range of the words that name it.
    public struct Mention: Sendable {
        public var period: ReportingPeriod
        public var utf8Range: Range<Int>
    }

    // A date (`ngày 19 tháng 8 năm 2014`) names a day, not a period; `4 tháng đầu năm` is a running total.
    static let monthPattern = make(#"(?i)(?<!ngày)(?<![0-9]\s)(?<![0-9])\btháng\s+(0?[1-9]|1[0-2])(?![0-9])(?:\s*(?:/|-|năm)\s*([0-9]{4})\b)?(?!\s*/\s*[0-9]{1,2}\b)"#)
    static let quarterPattern = make(#"(?i)\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:/|-|năm)\s*([0-9]{4})\b)?"#)
    static let halfPattern = make(#"(?i)\b(?:6|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+([0-9]{4})\b)?()"#)
    static let yearPattern = make(#"(?i)\bnăm\s+([0-9]{4})\b"#)

    static func make(_ pattern: String) -> Pattern {
        do { return try Pattern(pattern) } catch { fatalError("built-in pattern \(pattern): \(error)") }
    }

    /// Every month, quarter and half-year named in `text`, in order. A year written only at the
    /// end (`tháng 4; nhiệm vụ trọng tâm tháng 5 năm 2014`) applies to the periods before it.
    public static func mentions(in text: String) -> [Mention] {
        var found: [Mention] = []
        func scan(_ pattern: Pattern, _ make: (String) -> Kind?) {
            for whole in (try? pattern.allMatches(in: text)) ?? [] {
                // Lookarounds sit at the edges of each pattern, so the matched words alone give the groups.
                let words = text.substring(utf8: whole)
                guard let groups = (try? pattern.captures(in: words)) ?? nil, groups.count >= 3,
                      let numberRange = groups[1], let kind = make(words.substring(utf8: numberRange)) else { continue }
                let year = groups[2].flatMap { Int(words.substring(utf8: $0)) }
                found.append(Mention(period: ReportingPeriod(kind, year: year), utf8Range: whole))
            }
        }
        scan(monthPattern) { Int($0).map { .month($0) } }
        scan(quarterPattern) { roman in
            switch roman.uppercased() {
            case "I", "1": return .quarter(1)
            case "II", "2": return .quarter(2)
            case "III", "3": return .quarter(3)
            case "IV", "4": return .quarter(4)
            default: return nil
            }
        }
        scan(halfPattern) { $0.lowercased() == "đầu" ? .half(1) : .half(2) }
        found.sort { $0.utf8Range.lowerBound < $1.utf8Range.lowerBound }
        // A trailing `năm 2014` gives its year to the periods before it that have none.
        if let yearMatch = (try? yearPattern.allMatches(in: text))?.last {
            let words = text.substring(utf8: yearMatch)
            if let year = Int(words.suffix(4)) {
                for i in found.indices where found[i].period.year == nil && found[i].utf8Range.upperBound <= yearMatch.lowerBound {
                    found[i].period.year = year
                }
            }
        }
        return found
    }

    /// The period of a report and the next period its title announces, read from the title
    /// and trích yếu: the first period named is the report's own, the second (if any) the next.
    /// A title that names only a year (`năm 2023`) is an annual report.
    public static func fromTitle(_ title: Title) -> (period: ReportingPeriod, next: ReportingPeriod?)? {
        let text = title.summaryText
        let mentions = Self.mentions(in: text)
        if let first = mentions.first {
            let second = mentions.dropFirst().first { $0.period.sameKind(first.period) }
            return (first.period, second?.period)
        }
        let years = ((try? yearPattern.allMatches(in: text)) ?? []).compactMap { Int(text.substring(utf8: $0).suffix(4)) }
        guard let year = years.first else { return nil }
        return (ReportingPeriod(.year, year: year), years.dropFirst().first.map { ReportingPeriod(.year, year: $0) })
    }
}

/// A day of the Gregorian calendar.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// nil when no such day exists (31/4, 29/2/2023, month 13).
    public static func valid(year: Int, month: Int, day: Int) -> CalendarDate? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1 March of year 0 (only differences matter).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 9 : month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }

    /// `15/7/2014`, as reports write dates in running text.
    public var description: String { "\(day)/\(month)/\(year)" }
}
