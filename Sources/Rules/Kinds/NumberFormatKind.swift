import Arithmetic
import Diagnostics
import Foundation
import ReportModel
import SourceText
import YAMLTree

/// Checks how numbers are written in the body and tables, in the Vietnamese convention (`.`
/// groups thousands, `,` marks decimals). `check:` chooses one of:
/// - `separators`: English grouping (`1,322,235`), a decimal point in a percentage or an amount
///   with a unit (`87.3%`), and five or more digits without grouping before a unit
///   (`10538 hồ sơ`), each with the Vietnamese spelling as a fix-it;
/// - `percent-space`: no space between a number and `%` (`44,9 %`), with a fix-it;
/// - `unit-abbreviation`: one sentence writing a unit both in full and abbreviated (`10.538 hồ
///   sơ … 4.731 hs`), using the units of the arithmetic vocabulary.
/// Dates, years, document numbers, codes, names (`Office 2010`, `4.0`) and phone numbers are
/// left alone, as are four-digit numbers without grouping (`1300`), which usage allows.
struct NumberFormatKind: RuleKind {
    static let name = "number-format"
    static let summary = "Numbers use Vietnamese separators, no space before %, one spelling of a unit per sentence."
    static let fields = [FieldDoc("check", "separators | percent-space | unit-abbreviation")]

    enum Check: String, CaseIterable, Sendable { case separators, percentSpace = "percent-space", unitAbbreviation = "unit-abbreviation" }

    let check: Check

    init(_ fields: RuleFields) throws(RuleSetError) {
        let text = try fields.string("check")
        guard let check = Check(rawValue: text) else {
            var message = "unknown check '\(text)'"
            if let suggestion = closest(to: text, in: Check.allCases.map(\.rawValue)) { message += " (did you mean '\(suggestion)'?)" }
            throw RuleSetError(message + "; checks: " + Check.allCases.map(\.rawValue).joined(separator: ", "),
                               at: fields.value("check")!.location)
        }
        self.check = check
    }

    /// Body lines, table rows included, whose text passes `include`; the others' spans (and
    /// their scalar counts) are never made. With `digits` (per line of the source, whether it
    /// holds an ASCII digit: `Facts.linesWithDigit`), a line without one is passed before its
    /// text is read: `include` must be false for such lines.
    func spans(_ report: Report, digits: [Bool]? = nil, where include: (String) -> Bool) -> [TextSpan] {
        guard let body = report.bodyLines else { return [] }
        return body.compactMap { number in
            if let digits, number >= 1, number <= digits.count, !digits[number - 1] { return nil }
            let text = report.source.line(number)
            return text.isEmpty || !include(text) ? nil : TextSpan(text, SourceRange(line: number, column: 1, length: text.scalarCount))
        }
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        switch check {
        case .separators: return separators(report, rule)
        case .percentSpace: return try percentSpace(report, rule)
        case .unitAbbreviation: return unitAbbreviation(report, rule)
        }
    }

    static let ignoredRoles: Set<NumberRole> = [.date, .year, .documentNumber, .designator, .time, .phone, .name, .footnote, .code]

    /// `ignoredRoles.contains(role)` without hashing the role's raw string.
    static func isIgnored(_ role: NumberRole) -> Bool {
        switch role {
        case .date, .year, .documentNumber, .designator, .time, .phone, .name, .footnote, .code: return true
        default: return false
        }
    }

    func separators(_ report: Report, _ rule: RuleContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // A flagged number has digits: lines without an ASCII digit are not read.
        for span in spans(report, digits: rule.facts.linesWithDigit, where: NumberFormatKind.mayFlagNotation) {
            for scanned in scanNumbers(in: span.text, vocabulary: rule.facts.vocabulary)
            where !NumberFormatKind.isIgnored(scanned.role) {
                let number = scanned.number
                let hasUnit = scanned.quantity.map { $0.unit != nil || $0.isPercent } ?? false
                let flagged: Bool
                switch number.notation {
                case .vietnamese: flagged = false
                case .englishGrouping: flagged = true
                case .decimalPoint: flagged = hasUnit && scanned.role == .quantity
                case .ungrouped:
                    let integerDigits = number.text.unicodeScalars.prefix { ("0"..."9").contains($0) }.count
                    flagged = hasUnit && scanned.role == .quantity && integerDigits >= 5
                }
                guard flagged else { continue }
                let written = formatVietnamese(number.writtenValue, fractionDigits: number.fractionDigits)
                let at = SourceRange(line: span.line, column: span.range.start.column + number.range.lowerBound,
                                     length: number.range.count)
                diagnostics.append(rule.diagnose(.numberNotation, ["number": number.text, "vietnamese": written], at: at,
                                                 fixIts: [FixIt(at, replacement: written)]))
            }
        }
        return diagnostics
    }

    static let spaceBeforePercent = try! Pattern(#"(?<=[0-9])[ \t\x{A0}]+(?=%)"#)

    /// A byte pre-check for `separators`, from the way `readDigits` (Arithmetic/VNumber.swift)
    /// decides a number's notation: English grouping is digit `,` three digits followed by `,`
    /// and three digits or by `.` and a digit (`1,322,235`, `1,322.5`); a decimal point is digit
    /// `.` and a run of digits other than three (`87.3`); an ungrouped number that is flagged
    /// has five digits in a row. A line with none of these (most lines: `44,9` and `1.322.235`
    /// are Vietnamese) cannot be flagged, so it skips the number scan. A test checks this against
    /// `scanNumbers`; a change to how notations are read must be made here too.
    static func mayFlagNotation(_ text: String) -> Bool {
        mayFlagNotation(text, skipping: true)
    }

    /// `mayFlagNotation`; `skipping: false` walks every byte (the tests' reference).
    private static func mayFlagNotation(_ text: String, skipping: Bool) -> Bool {
        var text = text
        return text.withUTF8 { b in
            let n = b.count
            func isDigit(_ i: Int) -> Bool { i >= 0 && i < n && b[i] >= 0x30 && b[i] <= 0x39 }
            func run(from i: Int) -> Int {
                var j = i
                while isDigit(j) { j += 1 }
                return j - i
            }
            var digits = 0   // digits right before i
            var i = 0
            while i < n {
                if skipping && digits == 0 && i + 8 <= n {
                    // Bytes that are not digits, after no digit, change nothing: skip to the
                    // next digit within eight bytes (all eight when there is none).
                    let word = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
                    let found = NumberFormatKind.digitBytes(word)
                    if found == 0 { i += 8; continue }
                    i += found.trailingZeroBitCount >> 3
                }
                defer { i += 1 }
                let c = b[i]
                if c &- 0x30 < 10 {
                    digits += 1
                    if digits >= 5 { return true }
                    continue
                }
                defer { digits = 0 }
                guard digits > 0, c == 0x2E || c == 0x2C, isDigit(i + 1) else { continue }
                if c == 0x2E {
                    if run(from: i + 1) != 3 { return true }
                } else if run(from: i + 1) == 3 {
                    let after = i + 4
                    guard after < n, isDigit(after + 1) else { continue }
                    if b[after] == 0x2E || (b[after] == 0x2C && run(from: after + 1) == 3) { return true }
                }
            }
            return false
        }
    }

    /// The high bit of each byte of `word` that is an ASCII digit (no carries between bytes:
    /// high bits are cleared before adding).
    @inline(__always) static func digitBytes(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low = word & ~high
        let atLeast0 = (low &+ 0x5050_5050_5050_5050) & high     // 0x30 + 0x50 = 0x80
        let above9 = (low &+ 0x4646_4646_4646_4646) & high       // 0x3A + 0x46 = 0x80
        return atLeast0 & ~above9 & ~word & high
    }

    /// `mayFlagNotation` a byte at a time (no eight-byte skip), for the tests.
    static func mayFlagNotationByteByByte(_ text: String) -> Bool {
        mayFlagNotation(text, skipping: false)
    }

    func percentSpace(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // A match ends before a `%` and starts after a digit: lines without both are not searched.
        for span in spans(report, digits: rule.facts.linesWithDigit, where: { $0.containsUTF8Byte(0x25) }) {
            for match in try NumberFormatKind.spaceBeforePercent.allMatches(in: span.text) {
                let at = span.range(ofUTF8: match)
                diagnostics.append(rule.diagnose(.spaceBeforePercent, at: at, fixIts: [FixIt(at, replacement: "")]))
            }
        }
        return diagnostics
    }

    /// `precheck: false` reads every line's units (the tests' reference for `mayMixSpellings`).
    func unitAbbreviation(_ report: Report, _ rule: RuleContext, precheck: Bool = true) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Units and their spellings repeat: each is lowercased once per report (keyed by its
        // exact bytes, not by String's canonical equivalence, so each text gets its own result).
        var lowercased: [ExactText: String] = [:]
        func lowercase(_ text: String) -> String {
            if let known = lowercased[ExactText(text)] { return known }
            let lower = text.lowercased()
            lowercased[ExactText(text)] = lower
            return lower
        }
        /// `written.lowercased() == unit.lowercased()`; the same bytes lowercase the same.
        func fullSpelling(_ written: String, _ unit: String) -> Bool {
            ExactText(written) == ExactText(unit) || lowercase(written) == lowercase(unit)
        }
        // The quantities grouped by the line they are in, lines in order and quantities in their
        // order within a line (what `Dictionary(grouping:)` sorted by key gives, without hashing).
        // A group is a run of `order`; its quantities are copied out only when the line writes
        // a unit both in full and abbreviated (few lines), not for every line with a quantity.
        let all = rule.facts.quantities
        // The line starts, read once (not through a copy of each quantity per comparison); the
        // quantities come in line order, which needs no sort.
        let lineStarts = all.map { $0.span.range.start }
        let order = NumberFormatKind.lineOrder(lineStarts)
        // Per quantity (by index) with a unit other than %: whether its unit is written in full.
        func inFull(_ i: Int) -> Bool? {
            guard let unit = all[i].value.unit, unit != "%", let written = all[i].value.unitText else { return nil }
            return fullSpelling(written, unit)
        }
        var first = 0
        while first < order.count {
            var end = first + 1
            while end < order.count && lineStarts[order[end]] == lineStarts[order[first]] { end += 1 }
            defer { first = end }
            // An abbreviated unit is reported only with the same unit in full in its sentence: a
            // line without both kinds of spelling has nothing to find. Both kinds need two
            // quantities that `inFull` answers for (a unit other than %, and its text): a line
            // with fewer is passed without reading any unit's text (which copies it out).
            if precheck && !NumberFormatKind.mayMixSpellings(all, order[first..<end]) { continue }
            var anyFull = false, anyShort = false
            for k in first..<end {
                switch inFull(order[k]) {
                case true?: anyFull = true
                case false?: anyShort = true
                case nil: break
                }
                if anyFull && anyShort { break }
            }
            guard anyFull, anyShort else { continue }
            let quantities = order[first..<end].map { all[$0] }
            let span = quantities[0].span
            let inFullList: [Bool?] = order[first..<end].map(inFull)
            let sentences = NumberFormatKind.sentenceStarts(span.text)
            func sentence(_ offset: Int) -> Int { sentences.lastIndex { $0 <= offset } ?? 0 }
            var full: [String: [Int: Located<Quantity>]] = [:]   // unit → sentence → first full spelling
            var reported: Set<String> = []
            for (q, inFull) in zip(quantities, inFullList) {
                guard let unit = q.value.unit, inFull == true else { continue }
                if full[unit, default: [:]][sentence(q.value.number.range.lowerBound)] == nil {
                    full[unit, default: [:]][sentence(q.value.number.range.lowerBound)] = q
                }
            }
            for (q, inFull) in zip(quantities, inFullList) {
                guard inFull == false, let unit = q.value.unit, let written = q.value.unitText, let unitRange = q.value.unitRange,
                      written.count < unit.count else { continue }
                let s = sentence(q.value.number.range.lowerBound)
                guard let fullUse = full[unit]?[s], !reported.contains("\(unit)/\(s)") else { continue }
                reported.insert("\(unit)/\(s)")
                diagnostics.append(rule.diagnose(.unitAbbreviated, ["short": written, "unit": unit], at: q.range(unitRange),
                                                 notes: [(Message(vi: "viết đầy đủ \"\(unit)\" ở đây", en: "\"\(unit)\" in full here"),
                                                          fullUse.range(fullUse.value.unitRange ?? fullUse.value.number.range))]))
            }
        }
        return diagnostics
    }

    /// Whether at least two of the quantities `all[i]`, i in `group`, have a unit other than %
    /// and a unit range: the quantities `unitAbbreviation` reads as written in full or
    /// abbreviated, of which a line needs one of each to report.
    static func mayMixSpellings(_ all: [Located<Quantity>], _ group: ArraySlice<Int>) -> Bool {
        var candidates = 0
        for i in group {
            guard all[i].value.unitRange != nil, let unit = all[i].value.unit, unit != "%" else { continue }
            candidates += 1
            if candidates == 2 { return true }
        }
        return false
    }

    /// The indices of `starts` sorted by start, equal starts in index order; starts already in
    /// order (the usual case) are not sorted. `sorted` says whether to sort anyway (the tests).
    static func lineOrder(_ starts: [Location], sorted: Bool = false) -> [Int] {
        if !sorted && zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) { return Array(starts.indices) }
        return starts.indices.sorted { a, b in
            let (x, y) = (starts[a], starts[b])
            return x < y || (x == y && a < b)
        }
    }

    /// Scalar offsets where the sentences of `text` start: after `.`, `!` or `?` and a space.
    static func sentenceStarts(_ text: String) -> [Int] {
        var starts = [0]
        var text = text
        text.withUTF8 { bytes in
            // `.`, `!`, `?` and the space are ASCII; a scalar starts at every byte that is not
            // a continuation byte (10xxxxxx).
            var scalar = -1
            var afterStop = false
            for byte in bytes where byte & 0xC0 != 0x80 {
                scalar += 1
                if afterStop && byte == 0x20 { starts.append(scalar) }
                afterStop = byte == 0x2E || byte == 0x21 || byte == 0x3F
            }
        }
        return starts
    }

    static let examples = [
        Example(rule: "check: separators", report: "I. Kết quả\nTổng số thuê bao là ↓1,322,235 thuê bao; tỷ lệ đạt ↓87.3%.",
                expect: ["viết số theo quy ước Việt Nam: 1.322.235 (không viết 1,322,235)",
                         "viết số theo quy ước Việt Nam: 87,3 (không viết 87.3)"]),
        Example(rule: "check: separators",
                report: "I. Kết quả\nTổng số 1.322.235 thuê bao, đạt 44,9%; Office 2010, công nghiệp 4.0, ngày 15.7.2013, 1300 tác phẩm."),
        Example(rule: "check: separators", report: "I. Kết quả\nTiếp nhận ↓10538 hồ sơ.",
                expect: ["viết số theo quy ước Việt Nam: 10.538 (không viết 10538)"]),
        Example(rule: "check: percent-space", report: "I. Kết quả\nĐạt 44,9↓ %, tăng 5%.",
                expect: ["không để khoảng trắng trước dấu %"]),
        Example(rule: "check: percent-space", report: "I. Kết quả\nĐạt 44,9%, tăng 5% so với cùng kỳ."),
        Example(rule: "check: unit-abbreviation",
                report: "I. Kết quả\nTổng số hồ sơ nhận được là 10.538 hồ sơ, trong đó 4.731 ↓hs đúng hạn, 3.318 hs đang giải quyết.",
                expect: ["câu này viết cả \"hồ sơ\" và \"hs\": nên viết thống nhất \"hồ sơ\""]),
        Example(rule: "check: unit-abbreviation",
                report: "I. Kết quả\nNhận 10.538 hồ sơ. Giải quyết 4.731 hs, còn 697 hs."),
    ]
}

extension Message {
    static let numberNotation = Message(vi: "viết số theo quy ước Việt Nam: {vietnamese} (không viết {number})",
                                        en: "write numbers the Vietnamese way: {vietnamese} (not {number})")
    static let spaceBeforePercent = Message(vi: "không để khoảng trắng trước dấu %", en: "no space before %")
    static let unitAbbreviated = Message(vi: "câu này viết cả \"{unit}\" và \"{short}\": nên viết thống nhất \"{unit}\"",
                                         en: "this sentence writes both \"{unit}\" and \"{short}\"; write \"{unit}\" throughout")
}
