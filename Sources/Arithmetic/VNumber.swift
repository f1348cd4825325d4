/// A number as written in a Vietnamese report: its value, its written precision and the notation
/// the author used. Reading never fails on notation; the `number-format` rule complains instead.
import Foundation

/// How the digits were separated.
public enum NumberNotation: String, Sendable, Hashable {
    /// `1.322.235`, `44,9`, `09`: the national convention (TCVN 6909, NĐ 30/2020 Phụ lục I).
    case vietnamese
    /// `5362`: four or more integer digits without thousands grouping.
    case ungrouped
    /// `1,322,235`: commas grouping thousands, as in English.
    case englishGrouping
    /// `90.91`, `8.00`: a decimal point copied from a spreadsheet.
    case decimalPoint
}

/// A scale word written after the digits.
public enum NumberScale: String, Sendable, Hashable {
    case thousand, million, billion

    public var multiplier: Decimal {
        switch self {
        case .thousand: Decimal.power10(3)
        case .million: Decimal.power10(6)
        case .billion: Decimal.power10(9)
        }
    }

    static let words: [(FoldedPhrase, NumberScale)] = [
        (FoldedPhrase("tỷ"), .billion), (FoldedPhrase("tỉ"), .billion),
        (FoldedPhrase("triệu"), .million),
        (FoldedPhrase("nghìn"), .thousand), (FoldedPhrase("ngàn"), .thousand),
    ]
}

public struct VNumber: Sendable, Hashable {
    /// The value with its scale applied: `120 tỷ` is 120·10⁹.
    public let value: Decimal
    /// The digits and separators as written (`1.322.235`, `44,9`), without the scale word.
    public let text: String
    /// Decimals written; the last written digit is the precision.
    public let fractionDigits: Int
    /// Scalar offsets of `text`.
    public let range: Range<Int>
    public let notation: NumberNotation
    public let scale: NumberScale?
    public let scaleRange: Range<Int>?
    /// `value` as an Int, when the reader knows it is a whole number of at most 15 digits
    /// (no scale, no decimals); nil says nothing. Lets sums and comparisons of whole numbers
    /// skip Decimal arithmetic; not part of equality.
    let wholeValue: Int?

    public init(value: Decimal, text: String, fractionDigits: Int, range: Range<Int>,
                notation: NumberNotation = .vietnamese, scale: NumberScale? = nil, scaleRange: Range<Int>? = nil) {
        self.init(value: value, text: text, fractionDigits: fractionDigits, range: range, notation: notation,
                  scale: scale, scaleRange: scaleRange, wholeValue: nil)
    }

    init(value: Decimal, text: String, fractionDigits: Int, range: Range<Int>, notation: NumberNotation = .vietnamese,
         scale: NumberScale? = nil, scaleRange: Range<Int>? = nil, wholeValue: Int?) {
        self.value = value
        self.text = text
        self.fractionDigits = fractionDigits
        self.range = range
        self.notation = notation
        self.scale = scale
        self.scaleRange = scaleRange
        self.wholeValue = wholeValue
    }

    public static func == (a: VNumber, b: VNumber) -> Bool {
        a.value == b.value && a.text == b.text && a.fractionDigits == b.fractionDigits && a.range == b.range
            && a.notation == b.notation && a.scale == b.scale && a.scaleRange == b.scaleRange
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(text)
        hasher.combine(fractionDigits)
        hasher.combine(range)
        hasher.combine(notation)
        hasher.combine(scale)
        hasher.combine(scaleRange)
    }

    /// The value before the scale word (`120` in `120 tỷ`).
    public var writtenValue: Decimal { scale.map { value / $0.multiplier } ?? value }

    /// What the written digits can stand for: ± half a unit of the last written digit.
    public var interval: DecimalInterval {
        DecimalInterval(written: value, fractionDigits: fractionDigits, scale: scale?.multiplier ?? 1)
    }

    /// Reads a whole string (a table cell) as one number: `1.322.235`, `44,9`, `-1`, with an
    /// optional sign and surrounding spaces. Nil when anything else is in the string (`-1%`
    /// included: strip the sign of percent first, as `checkTable` does).
    public static func parse(_ string: String) -> VNumber? {
        let text = ScalarText(string)
        var i = text.skipSpaces(from: 0)
        var negative = false
        if text[i] == 0x2D || text[i] == 0x2212 || text[i] == 0x2013 { negative = true; i += 1 }
        else if text[i] == 0x2B { i += 1 }
        guard text.isDigit(i), let read = readDigits(text, at: i), !read.isDottedCode else { return nil }
        var number = read.number
        guard text.skipSpaces(from: read.end) == text.count else { return nil }
        if negative {
            number = VNumber(value: -number.value, text: "-" + number.text, fractionDigits: number.fractionDigits,
                             range: (i - 1)..<number.range.upperBound, notation: number.notation,
                             wholeValue: number.wholeValue.map { -$0 })
        }
        return number
    }
}

extension VNumber {
    /// `parse` of an ASCII string given as bytes, for the common table cell: an optional `-`,
    /// digits grouped by `.` in threes or not at all, an optional `,` fraction, and nothing
    /// else, at most 18 digits. `.some(number)` is what `parse` returns; nil means the bytes
    /// are not of that shape and `parse` must read them (never a verdict on its own).
    static func parseSimpleASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> VNumber? {
        let end = bytes.count
        @inline(__always) func isDigit(_ k: Int) -> Bool { k < end && bytes[k] &- 0x30 < 10 }
        @inline(__always) func run(from k: Int) -> Int {
            var j = k
            while isDigit(j) { j += 1 }
            return j - k
        }
        var i = 0
        let negative = end > 0 && bytes[0] == 0x2D
        if negative { i = 1 }
        let lead = run(from: i)
        guard lead > 0 else { return nil }
        var significand: UInt64 = 0
        var digitCount = 0
        func take(_ from: Int, _ length: Int) {
            for k in from..<(from + length) { significand = significand &* 10 &+ UInt64(bytes[k] &- 0x30) }
            digitCount += length
        }
        take(i, lead)
        var j = i + lead
        var fraction = 0
        var notation: NumberNotation = lead > 3 ? .ungrouped : .vietnamese
        if j < end, bytes[j] == 0x2E, isDigit(j + 1) {
            guard run(from: j + 1) == 3 else { return nil }   // a decimal point: `parse` decides
            notation = .vietnamese
            while j < end, bytes[j] == 0x2E, isDigit(j + 1), run(from: j + 1) == 3 {
                take(j + 1, 3)
                j += 4
            }
            if j < end, bytes[j] == 0x2C, isDigit(j + 1) {
                let f = run(from: j + 1)
                take(j + 1, f)
                fraction = f
                j += 1 + f
            }
        } else if j < end, bytes[j] == 0x2C, isDigit(j + 1) {
            let r = run(from: j + 1)
            // Anything after the fraction (English grouping included) is left to `parse`.
            guard j + 1 + r == end else { return nil }
            take(j + 1, r)
            fraction = r
            j += 1 + r
        }
        guard j == end, digitCount <= 18 else { return nil }
        let magnitude = Decimal(sign: .plus, exponent: -fraction, significand: Decimal(significand))
        let smallInteger: Int? = fraction == 0 ? Int(significand) : nil
        let whole = smallInteger.flatMap { $0 < 1_000_000_000_000_000 ? $0 : nil }
        // The same text `parse` builds: the digits as written, after a `-` when negative.
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<j]), as: UTF8.self)
        if negative {
            return VNumber(value: -magnitude, text: text, fractionDigits: fraction, range: 0..<j,
                           notation: notation, wholeValue: whole.map { -$0 })
        }
        return VNumber(value: magnitude, text: text, fractionDigits: fraction, range: 0..<j, notation: notation,
                       wholeValue: whole)
    }
}

struct DigitRead {
    let number: VNumber
    let end: Int
    /// `15.7.2013`, `1.1.2`: more than one separator that is not thousands grouping.
    let isDottedCode: Bool
    let leadingRun: Int
    /// The value as an Int when it is a whole number of at most 18 digits.
    let smallInteger: Int?
}

/// Reads the digits starting at `start` (a digit) by the rules of DESIGN.md: a `.` followed by
/// exactly three digits groups thousands, any other `.` is a decimal point; a `,` before a digit
/// is a decimal comma unless it is English grouping (`1,322,235` or `1,322.5`).
func readDigits(_ text: ScalarText, at start: Int) -> DigitRead? {
    // The scalars read without bounds checks: every read goes through `at`, which gives 0
    // outside the text as `ScalarText`'s subscript does.
    text.scalars.withUnsafeBufferPointer { scalars -> DigitRead? in
        let n = scalars.count
        @inline(__always) func at(_ i: Int) -> UInt32 { UInt(bitPattern: i) < UInt(n) ? scalars[i].value : 0 }
        @inline(__always) func isDigit(_ i: Int) -> Bool { at(i) &- 0x30 < 10 }
        @inline(__always) func run(from i: Int) -> Int {
            var j = i
            while isDigit(j) { j += 1 }
            return j - i
        }
        let lead = run(from: start)
        guard lead > 0 else { return nil }
        // The digits taken are every digit between `start` and the end of the number: the first
        // 18 go straight into the significand, and a longer number is read again from the text.
        var significand: UInt64 = 0
        var digitCount = 0
        func take(_ from: Int, _ length: Int) {
            for k in from..<(from + length) {
                if digitCount < 18 { significand = significand * 10 + UInt64(at(k) - 0x30) }
                digitCount += 1
            }
        }
        take(start, lead)
        var j = start + lead
        var fraction = 0
        var notation: NumberNotation = lead > 3 ? .ungrouped : .vietnamese
        var dottedCode = false

        if at(j) == 0x2E, isDigit(j + 1) {
            let r = run(from: j + 1)
            if r == 3 {
                notation = .vietnamese
                while at(j) == 0x2E, isDigit(j + 1), run(from: j + 1) == 3 {
                    take(j + 1, 3)
                    j += 4
                }
                if at(j) == 0x2E, isDigit(j + 1) {
                    dottedCode = true
                } else if at(j) == 0x2C, isDigit(j + 1) {
                    let f = run(from: j + 1)
                    take(j + 1, f)
                    fraction = f
                    j += 1 + f
                }
            } else {
                notation = .decimalPoint
                take(j + 1, r)
                fraction = r
                j += 1 + r
                if at(j) == 0x2E, isDigit(j + 1) { dottedCode = true }
            }
        } else if at(j) == 0x2C, isDigit(j + 1) {
            let r = run(from: j + 1)
            let after = j + 1 + r
            let englishGroups = lead <= 3 && r == 3
                && ((at(after) == 0x2C && isDigit(after + 1) && run(from: after + 1) == 3)
                    || (at(after) == 0x2E && isDigit(after + 1)))
            if englishGroups {
                notation = .englishGrouping
                while at(j) == 0x2C, isDigit(j + 1), run(from: j + 1) == 3 {
                    take(j + 1, 3)
                    j += 4
                }
                if at(j) == 0x2E, isDigit(j + 1) {
                    let f = run(from: j + 1)
                    take(j + 1, f)
                    fraction = f
                    j += 1 + f
                }
            } else {
                take(j + 1, r)
                fraction = r
                j += 1 + r
            }
        }

        let value: Decimal
        var smallInteger: Int?
        if digitCount <= 18 {
            value = Decimal(sign: .plus, exponent: -fraction, significand: Decimal(significand))
            if fraction == 0 { smallInteger = Int(significand) }
        } else {
            let digits = (start..<j).compactMap { isDigit($0) ? UInt8(at($0) - 0x30) : nil }
            var s = String(digits.map { Character(Unicode.Scalar($0 + 0x30)) })
            if fraction > 0 { s.insert(".", at: s.index(s.endIndex, offsetBy: -fraction)) }
            value = Decimal(string: s) ?? 0
        }
        // `start..<j` holds only digits and the ASCII separators `.` and `,`: its text is its
        // scalars as bytes (`text.string(start..<j)` without sizing each scalar's encoding).
        let digitsText = String(unsafeUninitializedCapacity: j - start) { buffer in
            for k in start..<j { buffer[k - start] = UInt8(truncatingIfNeeded: at(k)) }
            return j - start
        }
        let number = VNumber(value: value, text: digitsText, fractionDigits: fraction,
                             range: start..<j, notation: notation,
                             wholeValue: smallInteger.flatMap { $0 < 1_000_000_000_000_000 ? $0 : nil })
        return DigitRead(number: number, end: j, isDottedCode: dottedCode, leadingRun: lead, smallInteger: smallInteger)
    }
}
