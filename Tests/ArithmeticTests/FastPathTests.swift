import Foundation
import Testing
@testable import Arithmetic

/// The byte-level and Int shortcuts of the arithmetic layer give exactly what the general code
/// gives: each is checked against the code it replaced, kept here as the reference.
struct FastPathTests {
    static let samples: [String] = [
        "", " ", "\t", "  Tổng cộng  ", "TỔNG CỘNG:", "Tổng\u{A0}\u{A0}số", "tổng (a)", "Đơn vị tính",
        "ĐVT", "Chỉ tiêu", "Hiện có", "Số tăng trong kỳ", "So với tháng trước (%)", "Ơ Ư Ă Â Ê Ô Đ",
        "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ", "İ", "Ω Ⱥ ẞ", "e\u{301}", "a\u{0}b",
        "1", "01", "1.2", "1.2.3", "1.", "1..2", "I", "II", "IV", "XIV", "C", "LXXX", "IIIIIIII", "A", "a",
        "B.", "b)", "-", "+", "*", "–", "•", "x", "X", "—", "a b", " 1 . 2 ", "12345678901234567890",
        "1.12345678901234567890", "1/", "1)", "Ⅳ", "１", "1\u{301}", "-1%", "44,9", "1.405.611", "1,322,235",
        "90.91", "12%", "12 %", "  7  ", "1.234.567.890.123.456.789.012", "0", "-0", "+5", "−3", "– 3",
        "1.322.235\u{A0}", "5\r\n", "1%\u{A0}", "x%", "%", "15.7.2013", "2\t3",
    ]

    @Test func foldedKeyMatchesTheScalarWalk() {
        for text in Self.samples {
            #expect(foldedKey(text) == referenceFoldedKey(text), "\(text.debugDescription)")
            #expect(foldedKey(text).utf8.elementsEqual(referenceFoldedKey(text).utf8))
        }
    }

    @Test func rowCodesMatchTheCharacterWalk() {
        for text in Self.samples {
            #expect(RowCode(text) == referenceRowCode(text), "\(text.debugDescription)")
        }
    }

    @Test func cellsParseAsBefore() {
        for text in Self.samples {
            let fast = parseCell(text)
            let reference = referenceParseCell(text)
            #expect(fast?.number == reference?.number, "\(text.debugDescription)")
            #expect(fast?.number.value == reference?.number.value)
            #expect(fast?.isPercent == reference?.isPercent)
            if let whole = fast?.number.wholeValue {
                #expect(Decimal(whole) == fast!.number.value)
                #expect(fast!.number.fractionDigits == 0 && fast!.number.scale == nil)
            }
        }
    }

    @Test func simpleASCIICellsParseAsVNumberParse() {
        // Every string over a small alphabet up to five characters, plus longer samples: the
        // byte reader either declines or gives exactly what `VNumber.parse` gives.
        var texts = Self.samples + [
            "999.999.999.999.999", "1.000.000.000.000.000", "123456789012345678", "1234567890123456789",
            "-1.234", "-12,50", "-0,0", "1234.567", "12.3456", "1.234,5", "1.234,56,7", "1,234,567",
            "1,2", "1,234", "1,234.5", "-", "--1", "- 1", "1.234.", "1.23", "001.000", "0,000",
            "12.345.678.901.234.567", "12.345.678.901.234.567,8", "100.000,123456789012345678",
        ]
        let alphabet: [Character] = ["1", "0", "5", ".", ",", "-", " "]
        var level = [""]
        for _ in 1...5 {
            level = level.flatMap { prefix in alphabet.map { prefix + String($0) } }
            texts += level
        }
        var handled = 0
        for text in texts where text.utf8.allSatisfy({ $0 < 0x80 }) {
            var copy = text
            let fast = copy.withUTF8 { VNumber.parseSimpleASCII($0) }
            guard let fast else { continue }
            handled += 1
            let reference = VNumber.parse(text)
            #expect(fast == reference, "\(text.debugDescription)")
            #expect(fast.value == reference?.value, "\(text.debugDescription)")
            #expect(fast.wholeValue == reference?.wholeValue, "\(text.debugDescription)")
            #expect(fast.text.utf8.elementsEqual(reference?.text.utf8 ?? "".utf8), "\(text.debugDescription)")
        }
        #expect(handled > 500)
    }

    @Test func phraseSearchesAgreeWithMatchingEveryPhrase() {
        let vocabulary = Vocabulary.standard.storage
        let lists = [vocabulary.connectivePhrases, vocabulary.breakdownStopPhrases, vocabulary.nonExhaustivePhrases,
                     vocabulary.approximatePhrases, vocabulary.designatorPhrases, vocabulary.unitPhrases,
                     ["a", "a b", "ab", "b", "tổng  số", "x"].map(FoldedPhrase.init)]
        let texts = Self.samples + [
            "Tổng số hồ sơ là 1.250 hồ sơ, trong đó: cấp tỉnh 600 hồ sơ, cấp huyện 650 hồ sơ.",
            "tăng 5% so với cùng kỳ (trong  đó có 3 xã), khoảng 12 tỷ đồng; ab a b a  b a\u{A0}b",
            "TRONG ĐÓ gồm có bao gồm ngày 5 tháng 7 năm 2024, số 12, lần thứ 3",
        ]
        for text in texts {
            let scalars = ScalarText(text)
            for i in 0...scalars.count {
                for glued in [false, true] {
                    let candidates = i < scalars.count ? vocabulary.unitsByFirstScalar[scalars.folded[i]] ?? [] : []
                    let reference = candidates.lazy.compactMap { index in
                        scalars.match(vocabulary.unitPhrases[index], at: i, glued: glued).map { ($0, vocabulary.unitCanonical[index]) }
                    }.first
                    let found = Vocabulary.standard.unit(in: scalars, at: i, glued: glued)
                    #expect(found?.end == reference?.0 && found?.canonical == reference?.1, "\(text.debugDescription) at \(i)")
                }
            }
            for phrases in lists {
                let index = PhraseIndex(phrases)
                for i in 0...scalars.count {
                    var longest: (end: Int, index: Int)?
                    var longestBack: (start: Int, index: Int)?
                    for index in phrases.indices {
                        if let end = scalars.match(phrases[index], at: i), end > (longest?.end ?? Int.min) { longest = (end, index) }
                        if let start = scalars.match(phrases[index], endingAt: i), start < (longestBack?.start ?? Int.max) {
                            longestBack = (start, index)
                        }
                    }
                    let forward = scalars.longestMatch(of: phrases, at: i)
                    let backward = scalars.longestMatch(of: phrases, endingAt: i)
                    let indexedForward = scalars.longestMatch(of: index, at: i)
                    let indexedBackward = scalars.longestMatch(of: index, endingAt: i)
                    #expect(indexedForward?.end == longest?.end && indexedForward?.index == longest?.index,
                            "\(text.debugDescription) at \(i)")
                    #expect(indexedBackward?.start == longestBack?.start && indexedBackward?.index == longestBack?.index,
                            "\(text.debugDescription) ending at \(i)")
                    #expect(forward?.end == longest?.end && forward?.index == longest?.index, "\(text.debugDescription) at \(i)")
                    #expect(backward?.start == longestBack?.start && backward?.index == longestBack?.index,
                            "\(text.debugDescription) ending at \(i)")
                    for j in Set([min(i + 12, scalars.count), scalars.count]) {
                        for topLevel in [false, true] {
                            var depth = 0
                            var reference: Int?
                            for k in i..<j {
                                let v = scalars.folded[k]
                                if v == 0x28 { depth += 1 } else if v == 0x29 { depth = max(0, depth - 1) }
                                guard !topLevel || depth == 0, !(k > 0 && scalars.isWord(k - 1) && isWordValue(v)) else { continue }
                                if phrases.contains(where: { (scalars.match($0, at: k).map { $0 <= j }) ?? false }) { reference = k; break }
                            }
                            #expect(scalars.firstOccurrence(of: phrases, in: i..<j, topLevelOnly: topLevel) == reference)
                            #expect(scalars.firstOccurrence(of: index, in: i..<j, topLevelOnly: topLevel) == reference,
                                    "\(text.debugDescription) in \(i)..<\(j)")
                        }
                    }
                }
            }
        }
    }

    @Test func wholeNumbersFormatAsTheirDecimals() {
        var texts = ["1", "9", "10", "99", "100", "999", "1.000", "12.345", "999.999.999.999.999", "0", "-0", "-7",
                     "1.000.000.000.000.000", "44,9", "1,0", "1234", "001", "1.322.235"]
        var value = 1
        while value < 1_000_000_000_000_000 {
            texts += [String(value), String(value - 1), String(value + 7), String(value * 3 / 2)]
            value *= 10
        }
        for text in texts {
            guard let number = VNumber.parse(text) else { continue }
            #expect(formatVietnamese(number) == formatVietnamese(number.value), "\(text)")
        }
        let paragraph = "Tổng số 1.250 hồ sơ, trong đó 600 hồ sơ cấp tỉnh, 650 hs cấp huyện, 12 tỷ đồng, 3,5 ha, 2.000.000 người"
        for entry in scanNumbers(in: paragraph) {
            #expect(formatVietnamese(entry.number) == formatVietnamese(entry.number.value))
        }
    }

    @Test func longNumbersAreReadFromTheirDigits() throws {
        let number = try #require(VNumber.parse("1.234.567.890.123.456.789.012"))
        #expect(number.value == Decimal(string: "1234567890123456789012"))
        #expect(number.wholeValue == nil)
        let fraction = try #require(VNumber.parse("12345678901234567890,5"))
        #expect(fraction.value == Decimal(string: "12345678901234567890.5"))
        #expect(VNumber.parse("999.999.999.999.999")?.wholeValue == 999_999_999_999_999)
        #expect(VNumber.parse("1.000.000.000.000.000")?.wholeValue == nil)
    }

    @Test func substringsAreTheScalars() {
        for text in Self.samples + ["Tổng số 8.240 hồ sơ, trong đó 𝟙 😀 đúng hạn"] {
            let scalars = Array(text.unicodeScalars)
            let scalarText = ScalarText(text)
            #expect(scalarText.count == scalars.count)
            for start in 0...scalars.count {
                for end in start...scalars.count {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: scalars[start..<end])
                    #expect(scalarText.string(start..<end).utf8.elementsEqual(String(view).utf8))
                }
            }
        }
    }

    /// The shortcut in `nfc` holds: every scalar it lets through is its own NFC form, alone
    /// and next to any other such scalar.
    @Test func plainTextIsAlreadyNFC() {
        var plain: [Unicode.Scalar] = []
        for range in [0x09...0x09, 0x20...0x7E, 0xA0...0x24F, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x203E] {
            for v in range { plain.append(Unicode.Scalar(UInt32(v))!) }
        }
        for scalar in plain {
            let text = String(Character(scalar))
            #expect(isStableNFC(text))
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
        }
        let neighbours: [Unicode.Scalar] = ["a", "A", "e", "o", "u", "y", " ", "\u{C2}", "\u{1A1}", "\u{1B0}", "\u{1EA1}", "\u{2026}"]
        for scalar in plain {
            for other in neighbours {
                var pair = String.UnicodeScalarView()
                pair.append(scalar)
                pair.append(other)
                let text = String(pair)
                #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
            }
        }
        #expect(!isStableNFC("e\u{301}"))
        #expect(nfc("e\u{301}") == "é")
        #expect(nfc("hồ sơ").utf8.elementsEqual("hồ sơ".utf8))
    }

    @Test func wholeSumsAgreeWithIntervals() {
        let texts = [
            "Tổng số hồ sơ tiếp nhận là 8.240 hồ sơ, trong đó, giải quyết đúng hạn 7.400 hồ sơ, quá hạn 412 hồ sơ, còn tồn 400 hồ sơ.",
            "Tổng số hồ sơ tiếp nhận là 8.212 hồ sơ, trong đó, giải quyết đúng hạn 7.400 hồ sơ, quá hạn 412 hồ sơ, còn tồn 400 hồ sơ.",
            "Toàn tỉnh có 905.410 thuê bao (cố định là 21.380 thuê bao, di động là 884.030 thuê bao).",
            "Doanh thu 1,5 tỷ đồng, trong đó bưu chính 0,7 tỷ đồng, viễn thông 0,8 tỷ đồng.",
        ]
        for text in texts {
            for breakdown in findBreakdowns(in: text) {
                var sum = DecimalInterval.zero
                for part in breakdown.parts { sum = sum + DecimalInterval(low: part.quantity.interval.low, high: part.quantity.interval.high) }
                let consistent = sum.overlaps(breakdown.total.interval)
                #expect((checkSum(breakdown) == .consistent) == consistent, "\(text)")
            }
        }
    }
}

// MARK: - The code the shortcuts replaced

private func referenceFoldedKey(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        if isWhitespace(scalar.value) || scalar.value == 0x09 {
            pendingSpace = !out.isEmpty
            continue
        }
        if pendingSpace { out.append(" "); pendingSpace = false }
        out.append(Unicode.Scalar(foldCase(scalar)) ?? scalar)
    }
    return String(out)
}

/// The row-code reading before the byte version (also the oracle of `TableFastPathTests`).
func referenceRowCode(_ raw: String) -> RowCode {
    var s = String(raw.unicodeScalars.filter { !isWhitespace($0.value) && $0.value != 0x09 }.map(Character.init))
    while let last = s.last, last == "." || last == ")" || last == "/" { s.removeLast() }
    if s.isEmpty { return .none }
    if s == "-" || s == "+" || s == "*" || s == "–" || s == "•" { return .bullet }
    if s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), s.first!.isNumber {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        if parts.allSatisfy({ $0 != nil }) { return .arabic(parts.map { $0! }) }
        return .none
    }
    let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
    if !s.isEmpty, s.count <= 7, s.allSatisfy({ values[$0] != nil }) {
        var total = 0
        let digits = s.map { values[$0]! }
        for (index, value) in digits.enumerated() {
            if index + 1 < digits.count, value < digits[index + 1] { total -= value } else { total += value }
        }
        return .roman(total)
    }
    if s.count == 1, let c = s.first, c.isLetter {
        return c.isUppercase ? .section(c) : .letter(c)
    }
    return .none
}

private func referenceParseCell(_ text: String) -> (number: VNumber, isPercent: Bool)? {
    var s = Substring(text)
    while let last = s.last, last == " " || last == "\u{A0}" { s.removeLast() }
    var isPercent = false
    if s.hasSuffix("%") { isPercent = true; s.removeLast() }
    guard let number = VNumber.parse(String(s)) else { return nil }
    return (number, isPercent)
}
