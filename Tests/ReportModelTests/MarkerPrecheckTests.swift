import Testing
@testable import ReportModel

/// The marker pre-checks let through every line the regexes match (with a non-empty marker):
/// on hand-picked lines and on random lines built from marker-like pieces.
struct MarkerPrecheckTests {
    static func check(_ text: String) {
        if let g = Shapes.roman.groups(text), let numeral = g[1], !numeral.isEmpty {
            #expect(MarkerPrecheck.mayBeRoman(text), "\(text)")
        }
        if Shapes.arabic.groups(text) != nil {
            #expect(MarkerPrecheck.mayBeArabic(text), "\(text)")
        }
        if Shapes.letter.groups(text) != nil {
            #expect(MarkerPrecheck.mayBeLetter(text), "\(text)")
        }
    }

    @Test func handPicked() {
        let lines = ["I. KẾT QUẢ", "II) Nhiệm vụ", "XIV. Khác", "XC.a", "Các đơn vị", "IV.", "IV", "LXXXVIII. x", "C) x", "V.x", ".", ")",
                     "1. Về hạ tầng", "1.2. Về", "1.2) Về", "12. x", "123. x", "1.2.3. x", "1.", "1. ", "12 tháng", "1.234 người",
                     "1.2 x", "1) x", "1.)", "a) Về", "b. Về", "đ) Về", "đ. x", "z) x", "ab) x", "a)", "a", "đ", "Đ) x", "1\u{A0}. x",
                     "1.\u{A0}x", "a)\u{2003}x", "1.\tx", "I.\tA", "2.\u{3000}x"]
        for line in lines { MarkerPrecheckTests.check(line) }
        #expect(!MarkerPrecheck.mayBeRoman("Các đơn vị"))
        #expect(!MarkerPrecheck.mayBeArabic("12 tháng"))
        #expect(!MarkerPrecheck.mayBeLetter("các"))
        #expect(MarkerPrecheck.mayBeRoman("II. x") && MarkerPrecheck.mayBeArabic("1.2. x") && MarkerPrecheck.mayBeLetter("đ) x"))
    }

    @Test func randomLines() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["I", "V", "X", "L", "C", "M", "i", "1", "2", "0", "9", ".", ")", "(", " ", "\t", "\u{A0}", "\u{2003}", "a", "z",
                      "đ", "Đ", "ư", "x", "-", "Về", ":", "12", "3.4", "\u{301}"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            MarkerPrecheckTests.check(text)
        }
    }
}

/// `dotSeparatedPieces` counts what `split(separator: ".")` gives.
struct DotPiecesTests {
    @Test func countsAsSplit() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["1", "12", ".", "..", "a", "ư", "\u{301}", " ", "0"]
        for text in ["", ".", "1", "1.2", "1.2.", ".1", "1..2", ".\u{301}1", "1.\u{301}"] {
            #expect(dotSeparatedPieces(text) == text.split(separator: ".").count, "\(text)")
        }
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(dotSeparatedPieces(text) == text.split(separator: ".").count, "\(Array(text.unicodeScalars))")
        }
    }
}
