import Foundation
import Testing
@testable import Arithmetic

/// The shortcuts of the number scan give what the code they replaced gives, on fixed and
/// randomised paragraphs.
struct ScanShortcutTests {
    static let paragraphs: [String] = [
        "", " ", "abc", "1", "a1", "1a", "Tổng số hồ sơ tiếp nhận là 8.240 hồ sơ, trong đó, giải quyết đúng hạn 7.400 hồ sơ, quá hạn 412 hồ sơ.",
        "Toàn tỉnh có 905.410 thuê bao (cố định là 21.380 thuê bao, di động là 884.000 thuê bao).",
        "Tỷ lệ đạt 4,8%3 trong tháng 8/2014; khoảng 30 % hồ sơ, 12 phần trăm, ngày 19/8, Covid-19, Office 2010.",
        "Hệ thống tiếp nhận 8.240 hồ sơ, trong đó giải quyết đúng hạn 7.416 hồ sơ (đạt 90,0%), quá hạn 412 hồ sơ.",
        "3. Tổ chức 12 lớp, 0912.345.678, 14:30, 28-30 tỷ đồng, 1.1.2, 285/BC-STTTT, １２ ٣ 𝟗 ½ ² x",
        "ĐT: 0236 3822 123; +84 236; 157 thuê bao/100 dân, 11,5h/ngày, 1,322,235 người, 90.91 %",
    ]

    static func randomParagraphs(count: Int) -> [String] {
        let pieces = ["1", "2", "0", "9", ".", ",", "%", " ", "\u{A0}", "(", ")", ";", ":", "/", "-", "–", "a", "Đ",
                      "hồ sơ", "thuê bao", "trong đó", "gồm", "khoảng", "tăng", "tổng số", "phần trăm", "tỷ",
                      "năm", "ngày", "đạt", "chiếm", "x", "\t", "١", "²", "ǅ", "İ"]
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
    }

    @Test func nextDigitIsTheFirstDigitAtOrAfter() {
        for text in Self.paragraphs + Self.randomParagraphs(count: 150) {
            let scalars = ScalarText(text)
            for start in -1...(scalars.count + 1) {
                var reference = max(start, 0)
                while reference < scalars.count, !scalars.isDigit(reference) { reference += 1 }
                #expect(scalars.nextDigit(from: start) == reference,
                        "\(text.debugDescription) from \(start)")
            }
        }
    }

    @Test func digitTestEightBytesAtATimeMatchesTheByteLoop() {
        var texts = Self.paragraphs + Self.randomParagraphs(count: 100)
        // Every byte value at every offset of a 20-byte run, alone and next to every other
        // boundary value (0x2F, 0x3A, 0x00, 0xFF, 0xB0, 0x80).
        var disagreements: [[UInt8]] = []
        for value in 0...255 {
            for offset in 0..<20 {
                for fill: UInt8 in [0x41, 0x2F, 0x3A, 0x00, 0xFF, 0xB0, 0x80, 0x0A] {
                    var bytes = [UInt8](repeating: fill, count: 20)
                    bytes[offset] = UInt8(value)
                    let expected = bytes.contains { $0 >= 0x30 && $0 <= 0x39 }
                    if bytes.withUnsafeBufferPointer(containsASCIIDigit) != expected { disagreements.append(bytes) }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        texts += (0..<20).map { String(repeating: "ệ", count: $0) + "9" }
        for text in texts {
            #expect(text.hasASCIIDigit == text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(text.debugDescription)")
        }
    }

    /// A quantity finds its label from the paragraph's scalars alone: the text rebuilt from
    /// them is the one the scan read.
    @Test func scalarTextFromScalarsIsTheScannedText() {
        let texts = Self.paragraphs + Self.randomParagraphs(count: 100)
            + ["ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ", "İ Ω Ⱥ ẞ ǅ Σ K Å", "e\u{301}", "a\u{0}b"]
        for text in texts {
            let scanned = ScalarText(text)
            let rebuilt = ScalarText(scalars: scanned.scalars)
            #expect(rebuilt.scalars == scanned.scalars && rebuilt.folded == scanned.folded, "\(text.debugDescription)")
        }
    }

    /// The one-pass build of a paragraph (scratch buffers, fold table) gives the scalars of the
    /// string and `foldCase` of each, on every scalar of the tabled ranges and random text.
    @Test func scalarTextIsTheStringsScalarsFolded() {
        var texts = Self.paragraphs + Self.randomParagraphs(count: 200)
        let tabled = (0..<0x250).map { Unicode.Scalar(UInt32($0))! } + (0x1E00..<0x1F00).map { Unicode.Scalar(UInt32($0))! }
        let others: [Unicode.Scalar] = ["\u{250}", "\u{1DFF}", "\u{1F00}", "\u{2126}", "\u{FFFD}", "\u{1F600}", "\u{10FFFF}",
                                        "\u{D7FF}", "\u{E000}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}", "\u{0}"]
        texts.append(String(String.UnicodeScalarView(tabled + others)))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let length = Int.random(in: 0...600, using: &generator)
            let pool = Bool.random(using: &generator) ? tabled + others : Array(tabled[0x40..<0x80]) + others
            texts.append(String(String.UnicodeScalarView((0..<length).map { _ in pool.randomElement(using: &generator)! })))
        }
        for text in texts {
            let scanned = ScalarText(text)
            let reference = Array(text.unicodeScalars)
            #expect(scanned.scalars == reference, "\(text.debugDescription)")
            #expect(scanned.folded == reference.map(foldCase), "\(text.debugDescription)")
        }
    }

    /// Labels found on demand are the ones the scan used to find for every quantity.
    @Test func labelsOnDemandMatchTheScanPosition() {
        for text in Self.paragraphs + Self.randomParagraphs(count: 100) {
            let scalars = ScalarText(text)
            for quantity in scanQuantities(in: text) {
                let eager = clauseLabel(scalars, before: quantity.labelStart, limit: quantity.labelLimit,
                                        vocabulary: .standard)
                #expect(quantity.labelRange == eager, "\(text.debugDescription)")
                #expect(quantity.label == scalars.string(eager))
            }
        }
    }

    @Test func percentUnitTestIsStringEquality() {
        let units = ["%", "", "%%", " %", "% ", "hồ sơ", "thuê bao", "phần trăm", "﹪", "％", "%\u{301}", "\u{301}",
                     "a", "tin, bài"] + Vocabulary.standard.storage.unitCanonical
        for unit in units {
            #expect(isPercentUnit(unit) == (unit == Vocabulary.percentUnit), "\(unit.debugDescription)")
        }
    }

    /// The quantity store holds exactly the quantities of the numbers scanned, in order.
    @Test func quantityStoreMatchesTheScannedNumbers() {
        for text in Self.paragraphs + Self.randomParagraphs(count: 150) {
            let reference = scanNumbers(in: text).compactMap(\.quantity)
            #expect(scanQuantities(in: text) == reference, "\(text.debugDescription)")
            let both = scanQuantitiesAndBreakdowns(in: text)
            #expect(both.quantities == reference, "\(text.debugDescription)")
            #expect(both.breakdowns == findBreakdowns(in: text), "\(text.debugDescription)")
        }
    }
}
