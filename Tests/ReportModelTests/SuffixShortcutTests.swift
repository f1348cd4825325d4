import Testing
@testable import ReportModel

/// `endsWithASCIICharacter` gives what `hasSuffix` gives when the last byte is the punctuation, on every scalar before the
/// punctuation (including Prepend scalars and combining marks) and on random lines.
struct SuffixShortcutTests {
    @Test func endsAsHasSuffix() {
        var texts = ["", ".", ";", "a.", "a;", "ệ.", "xã;", "e\u{301}.", ".\u{301}", "\u{600}.", "\u{110BD}.", "\u{1F1FB}.",
                     "1./.", "abc", "\r.", "\n;", "\u{200D}.", "😀.", "ḁ.", "\u{1FFF}.", "\u{5FF}.", "\u{D4E}."]
        var scalars: [Unicode.Scalar] = []
        for v in Array(0...0x2100) + Array(0x110B0...0x110D0) + Array(0x11A80...0x11A90) + [0x11D46, 0x11F02, 0x1F600] {
            if let s = Unicode.Scalar(UInt32(v)) { scalars.append(s) }
        }
        for s in scalars {
            let c = String(Character(s))
            texts += [c + ".", c + ";", "a" + c + ".", c + "./.", c + ":"]
        }
        var state: UInt64 = 7
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<4 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.unicodeScalars.append(scalars[Int(state >> 33) % scalars.count])
            }
            texts += [text, text + ".", text + ";"]
        }
        for text in texts {
            // The parser asks only when the last byte is the punctuation (U+037E is canonically `;`).
            for byte: UInt8 in [0x2E, 0x3B, 0x3A] where text.utf8.last == byte {
                #expect(endsWithASCIICharacter(text, byte) == text.hasSuffix(String(UnicodeScalar(byte))),
                        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }
}
