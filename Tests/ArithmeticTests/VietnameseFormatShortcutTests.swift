import Foundation
import Testing
@testable import Arithmetic

/// `formatVietnamese` writes a Decimal whose mantissa fits in 64 bits from the mantissa's
/// digits: the same text as Foundation's `description` walked by characters.
struct VietnameseFormatShortcutTests {
    /// `formatVietnamese` as it was: Foundation's `description`, walked by characters.
    static func referenceFormat(_ value: Decimal, fractionDigits: Int? = nil) -> String {
        var v = value
        if let digits = fractionDigits { v = v.rounded(max(0, digits), .plain) }
        var plain = v.description
        var negative = false
        if plain.hasPrefix("-") { negative = true; plain.removeFirst() }
        var integer = Substring(plain)
        var fraction = Substring("")
        if let dot = plain.firstIndex(of: ".") {
            integer = plain[..<dot]
            fraction = plain[plain.index(after: dot)...]
        }
        if let digits = fractionDigits {
            if fraction.count < digits { fraction += String(repeating: "0", count: digits - fraction.count) }
        }
        var grouped = ""
        let count = integer.count
        for (offset, digit) in integer.enumerated() {
            if offset > 0 && (count - offset) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        if grouped.isEmpty { grouped = "0" }
        let isZero = grouped.allSatisfy { $0 == "0" || $0 == "." } && fraction.allSatisfy { $0 == "0" }
        var result = negative && !isZero ? "-" + grouped : grouped
        if !fraction.isEmpty && (fractionDigits ?? 1) > 0 { result += "," + fraction }
        return result
    }

    static func randomDecimals() -> [Decimal] {
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = [0, 1, -1, 10, 100, 1000, Decimal(string: "0.5")!, Decimal(string: "-0.05")!,
                                 Decimal(string: "1.50")!, Decimal(string: "905400")!, Decimal(string: "-10")!,
                                 Decimal(string: "16.41")!, Decimal(string: "123456789012345678901234567890")!,
                                 Decimal(string: "0.000000000000000000000000000001")!, .nan,
                                 Decimal(string: "1e30")!, Decimal(string: "-1.2e-45")!]
        for _ in 0..<4000 {
            // A mantissa of 1 to 24 digits, trailing zeros kept, scaled by an exponent and signed.
            let digitCount = Int.random(in: 1...24, using: &generator)
            var digits = String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<digitCount {
                digits += Bool.random(using: &generator) ? "0" : String(Int.random(in: 0...9, using: &generator))
            }
            let significand = Decimal(string: digits)!
            let d = Decimal(sign: Bool.random(using: &generator) ? .minus : .plus,
                            exponent: Int.random(in: -45...45, using: &generator), significand: significand)
            values.append(d)
            if let parsed = Decimal(string: (Bool.random(using: &generator) ? "-" : "") + digits + "e"
                                    + String(Int.random(in: -30...30, using: &generator))) {
                values.append(parsed)
            }
            // Sums and differences, as the table checks form them.
            let e = Decimal(Int.random(in: -99_999...99_999, using: &generator)) / 100
            values.append(e)
            values.append(e - Decimal(Int.random(in: -999...999, using: &generator)))
            values.append(Decimal(Int.random(in: Int.min / 2...Int.max / 2, using: &generator)))
        }
        return values
    }

    @Test func plainDescriptionMatchesFoundation() {
        #expect(decimalMantissaReadable)
        for value in Self.randomDecimals() {
            if let plain = plainDescription(value) {
                #expect(String(decoding: plain, as: UTF8.self) == value.description, "\(value.exponent)")
            }
        }
    }

    /// A mantissa word past the value's length: Foundation's `description` reads it as part of
    /// the value, and so does the shortcut (both read all the words, not `length` of them).
    @Test func plainDescriptionReadsTheWordsAsDescriptionDoes() {
        for value in [Decimal(42 as UInt64), Decimal(sign: .minus, exponent: -2, significand: Decimal(70_000 as UInt64))] {
            var poked = value
            withUnsafeMutableBytes(of: &poked) { raw in
                // Words 2 and 3 (bytes 8–11): past a length of one or two words.
                raw[8] = 0xEF; raw[9] = 0xBE; raw[10] = 0x01; raw[11] = 0x00
            }
            #expect(plainDescription(poked).map { String(decoding: $0, as: UTF8.self) } == poked.description)
        }
    }

    @Test func formatVietnameseMatchesTheCharacterWalk() {
        var generator = SystemRandomNumberGenerator()
        for value in Self.randomDecimals() {
            #expect(formatVietnamese(value) == Self.referenceFormat(value), "\(value)")
            let digits = [nil, 0, 1, 2, 3].randomElement(using: &generator)!
            if !value.isNaN, abs(value.exponent) < 30 {
                #expect(formatVietnamese(value, fractionDigits: digits) == Self.referenceFormat(value, fractionDigits: digits),
                        "\(value) \(String(describing: digits))")
            }
        }
    }

    /// The grouping of a positive whole number as it was: its `String` walked digit by digit.
    @Test func groupedDigitsMatchTheDigitWalk() {
        var generator = SystemRandomNumberGenerator()
        var values = [1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 999_999, 1_000_000, Int.max, Int.max - 1]
        for _ in 0..<5000 {
            let magnitude = Int.random(in: 0...62, using: &generator)
            values.append(Int.random(in: 1...max(1, (1 << magnitude) - 1), using: &generator))
        }
        for whole in values {
            let digits = Array(String(whole).utf8)
            var bytes: [UInt8] = []
            for (offset, digit) in digits.enumerated() {
                if offset > 0 && (digits.count - offset) % 3 == 0 { bytes.append(0x2E) }
                bytes.append(digit)
            }
            #expect(groupedDigits(whole) == String(decoding: bytes, as: UTF8.self), "\(whole)")
        }
    }
}
