import Foundation
import Testing
@testable import Arithmetic

/// `readDigits` reads the scalars without bounds checks and writes a number's text from its
/// bytes: on varied and random texts it gives what the checked reads and `ScalarText.string`
/// give.
struct DigitReadTests {
    static let samples: [String] = [
        "1", "01", "1.2", "1.2.3", "1.", "1..2", "12345678901234567890", "1.12345678901234567890",
        "44,9", "1.405.611", "1,322,235", "1,322.5", "90.91", "12%", "0", "15.7.2013", "1.234,56",
        "1.234.567.890.123.456.789.012", "1.234.567,891", "1,2,3", "1,234,5", "12.3456", "x 7 y",
        "số 1.322.235\u{A0}ha", "đạt 44,9% (tăng 3,2%)", "năm 2023: 1.234 hồ sơ, 56 đơn", "9.999.",
        "1,", "123,456,789.12", "0,000", "001.000", "1.000.000.000.000.000.000,5",
    ]

    @Test func readsMatchTheCheckedReads() {
        var texts = Self.samples
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["1", "0", "5", "9", ".", ",", " ", "a", "đ", "%", "("]
        for _ in 0..<400 {
            let length = Int.random(in: 1...14, using: &generator)
            texts.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for string in texts {
            let text = ScalarText(string)
            for start in 0..<text.count where text.isDigit(start) {
                let read = readDigits(text, at: start)
                let reference = referenceReadDigits(text, at: start)
                #expect((read == nil) == (reference == nil), "\(string.debugDescription) at \(start)")
                guard let read, let reference else { continue }
                #expect(read.number == reference.number, "\(string.debugDescription) at \(start)")
                #expect(read.number.text.utf8.elementsEqual(text.string(read.number.range).utf8))
                #expect(read.number.text.utf8.elementsEqual(reference.number.text.utf8))
                #expect(read.number.value == reference.number.value)
                #expect(read.number.wholeValue == reference.number.wholeValue)
                #expect(read.number.notation == reference.number.notation)
                #expect(read.number.fractionDigits == reference.number.fractionDigits)
                #expect(read.end == reference.end && read.isDottedCode == reference.isDottedCode)
                #expect(read.leadingRun == reference.leadingRun && read.smallInteger == reference.smallInteger)
            }
        }
    }
}

/// `readDigits` as it was, through `ScalarText`'s checked subscript and `string(_:)`.
private func referenceReadDigits(_ text: ScalarText, at start: Int) -> DigitRead? {
    func run(from i: Int) -> Int {
        var j = i
        while text.isDigit(j) { j += 1 }
        return j - i
    }
    let lead = run(from: start)
    guard lead > 0 else { return nil }
    var significand: UInt64 = 0
    var digitCount = 0
    func take(_ from: Int, _ length: Int) {
        for k in from..<(from + length) {
            if digitCount < 18 { significand = significand * 10 + UInt64(text[k] - 0x30) }
            digitCount += 1
        }
    }
    take(start, lead)
    var j = start + lead
    var fraction = 0
    var notation: NumberNotation = lead > 3 ? .ungrouped : .vietnamese
    var dottedCode = false
    if text[j] == 0x2E, text.isDigit(j + 1) {
        let r = run(from: j + 1)
        if r == 3 {
            notation = .vietnamese
            while text[j] == 0x2E, text.isDigit(j + 1), run(from: j + 1) == 3 {
                take(j + 1, 3)
                j += 4
            }
            if text[j] == 0x2E, text.isDigit(j + 1) {
                dottedCode = true
            } else if text[j] == 0x2C, text.isDigit(j + 1) {
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
            if text[j] == 0x2E, text.isDigit(j + 1) { dottedCode = true }
        }
    } else if text[j] == 0x2C, text.isDigit(j + 1) {
        let r = run(from: j + 1)
        let after = j + 1 + r
        let englishGroups = lead <= 3 && r == 3
            && ((text[after] == 0x2C && text.isDigit(after + 1) && run(from: after + 1) == 3)
                || (text[after] == 0x2E && text.isDigit(after + 1)))
        if englishGroups {
            notation = .englishGrouping
            while text[j] == 0x2C, text.isDigit(j + 1), run(from: j + 1) == 3 {
                take(j + 1, 3)
                j += 4
            }
            if text[j] == 0x2E, text.isDigit(j + 1) {
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
        let digits = (start..<j).compactMap { text.isDigit($0) ? UInt8(text[$0] - 0x30) : nil }
        var s = String(digits.map { Character(Unicode.Scalar($0 + 0x30)) })
        if fraction > 0 { s.insert(".", at: s.index(s.endIndex, offsetBy: -fraction)) }
        value = Decimal(string: s) ?? 0
    }
    let number = VNumber(value: value, text: text.string(start..<j), fractionDigits: fraction,
                         range: start..<j, notation: notation,
                         wholeValue: smallInteger.flatMap { $0 < 1_000_000_000_000_000 ? $0 : nil })
    return DigitRead(number: number, end: j, isDottedCode: dottedCode, leadingRun: lead, smallInteger: smallInteger)
}
