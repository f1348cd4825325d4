import Testing
@testable import ReportModel

/// `MarkerGroups.arabic` reads the usual numbered line from its bytes and asks the regex about
/// anything else: its groups are the regex's, on hand-picked and on random marker-like lines.
struct ArabicMarkerTests {
    static func check(_ text: String) {
        let fast = MarkerGroups.arabic(text)
        let slow = Shapes.arabic.groups(text)
        #expect((fast == nil) == (slow == nil), "\(text.debugDescription)")
        if let fast, let slow {
            #expect(fast.count == slow.count, "\(text.debugDescription)")
            for (a, b) in zip(fast, slow) {
                #expect(a.map { Array($0.utf8) } == b.map { Array($0.utf8) }, "\(text.debugDescription)")
            }
        }
    }

    @Test func handPicked() {
        let lines = ["1. Về hạ tầng", "1.2. Về", "1.2) Về", "12. x", "123. x", "1.2.3. x", "1.", "1. ", "1.  ", "12 tháng",
                     "1.234 người", "1.2 x", "1) x", "1.) x", "1..2. x", ".1. x", "1.\tx", "1.\u{A0}x", "1. \u{A0}x", "1.\u{2003}x",
                     "2. Đánh giá", "3. Ổn định", "4. ư", "5. \u{301}x", "6. x\u{2028}y", "7. x\u{85}", "8. x\n", "9. x\r",
                     "10. x\u{0B}y", "1. (tiếp)", "1. 😀", "1. \u{FEFF}x", "1. \u{200B}x", "01.02. x", "1.2.3.4.5. Mục", "1.22.333. x",
                     "1\u{A0}. x", "1 . x", "1.x", "1)x", "1) \u{3000}x", "1)  Ấp", "1. x\u{2029}"]
        for line in lines { Self.check(line) }
        #expect(MarkerGroups.arabic("1.2. Về")?[1] == "1.2")
        #expect(MarkerGroups.arabic("1.2. Về")?[2] == "Về")
    }

    @Test func randomLines() {
        var generator = SystemRandomNumberGenerator()
        let heads = ["1", "2", "12", "123", ".", ")", "0", "9"]
        let pieces = ["1", "2", "0", ".", ")", "(", " ", "  ", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "a", "Z", "đ", "Đ", "ư", "Ổ",
                      "ấ", "x", "-", "Về", ":", "12", "3.4", "\u{301}", "\u{2028}", "\u{85}", "\n", "\r", "\u{0B}", "\u{0C}",
                      "\u{1F}", "\u{7F}", "😀", "\u{FEFF}", "\u{200B}", "\u{1680}", "\u{202F}"]
        for _ in 0..<30_000 {
            var text = (0..<Int.random(in: 1...4, using: &generator)).map { _ in heads.randomElement(using: &generator)! }.joined()
            text += (0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            Self.check(text)
        }
    }
}
