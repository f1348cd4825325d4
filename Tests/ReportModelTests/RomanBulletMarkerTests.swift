import Testing
@testable import ReportModel

/// `MarkerGroups.roman` and `MarkerGroups.bullet` read the usual lines from their bytes and ask
/// the regex about anything else: their groups are the regex's (for roman, when the numeral is
/// not empty, which is all the parser asks), on hand-picked and random lines.
struct RomanBulletMarkerTests {
    static func same(_ fast: [String?]?, _ slow: [String?]?, _ text: String) {
        #expect((fast == nil) == (slow == nil), "\(text.debugDescription)")
        if let fast, let slow {
            #expect(fast.count == slow.count, "\(text.debugDescription)")
            for (a, b) in zip(fast, slow) {
                #expect(a.map { Array($0.utf8) } == b.map { Array($0.utf8) }, "\(text.debugDescription)")
            }
        }
    }

    static func check(_ text: String) {
        let slowRoman = Shapes.roman.groups(text)
        if let numeral = slowRoman?[1] ?? nil, !numeral.isEmpty {
            same(MarkerGroups.roman(text), slowRoman, text)
        } else if let fast = MarkerGroups.roman(text), let numeral = fast[1] {
            #expect(numeral.isEmpty, "\(text.debugDescription)")
        }
        same(MarkerGroups.bullet(text), Shapes.bullet.groups(text), text)
    }

    @Test func handPicked() {
        let lines = ["I. KẾT QUẢ", "II) Nhiệm vụ", "XIV. Khác", "XC.a", "IV.", "IV", "LXXXVIII. x", "C) x", "V.x", "IIII. x", "VX. x",
                     "XCIX. x", "XLIV) y", "I.\u{A0}x", "I. \u{2028}", "I. x\u{85}", "I.  Đ", "I.\tỔn", "I. \u{301}", ".", ")", "I.",
                     "- x", "-", "- ", "-  ", "+ Ấp", "* x", "*x", "• Mục", "– Về", "—x", "-\u{A0}x", "- \u{A0}x", "-\u{301}", "- x\n",
                     "- x\u{2029}", "-\tx", "•", "–  ", "-- x", "- - x", "Các", "VIII.Đ", "L. x", "LL. x"]
        for line in lines { Self.check(line) }
        #expect(MarkerGroups.roman("II. Về")?[1] == "II")
        #expect(MarkerGroups.bullet("- Sở Tài chính;")?[2] == "Sở Tài chính;")
    }

    /// Every run of up to six numeral letters, as a heading's opening.
    @Test func everyShortNumeral() {
        var runs = [""]
        for _ in 0..<6 {
            runs = runs.flatMap { run in ["X", "L", "C", "I", "V"].map { run + $0 } }
            for run in runs { Self.check(run + ". Mục"); Self.check(run + ")x") }
        }
    }

    @Test func randomLines() {
        var generator = SystemRandomNumberGenerator()
        let heads = ["I", "V", "X", "L", "C", "II", "IV", "XC", "XL", "-", "+", "*", "•", "–", ".", ")"]
        let pieces = ["I", "V", "X", ".", ")", "(", " ", "  ", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "a", "Z", "đ", "Đ", "ư", "Ổ",
                      "ấ", "x", "-", "Về", ":", "12", "\u{301}", "\u{2028}", "\u{85}", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1F}",
                      "\u{7F}", "😀", "\u{FEFF}", "\u{200B}", "\u{1680}", "\u{202F}", "•", "–"]
        for _ in 0..<30_000 {
            var text = (0..<Int.random(in: 1...3, using: &generator)).map { _ in heads.randomElement(using: &generator)! }.joined()
            text += (0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            Self.check(text)
        }
    }
}
