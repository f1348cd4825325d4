import Foundation
import Testing
@testable import Arithmetic

/// The byte-level shortcuts of the table layout (`RowCode`, `isTotalKey`, `isPlainText`,
/// `foldedKeyPreservingCase`) give what the character-level code gives, on varied and random
/// text: Vietnamese letters, combining marks, odd spaces, brackets and outline markers.
struct TableFastPathTests {
    static let pieces: [String] = [
        "a", "A", "T", "t", "c", "C", "ổ", "ộ", "Đ", "đ", "Ơ", "ư", "é", "e\u{301}", "\u{301}", "\u{323}",
        "I", "V", "X", "L", "1", "0", "9", ".", ")", "/", "(", ":", "-", "+", "*", "–", "•", "—", "x",
        " ", "\u{A0}", "\t", "\u{202F}", "\u{2009}", "\u{200B}", "\r\n", "\n", "%", "ng", "ổng", "cộng", "số",
        "Ω", "İ", "ẞ", "😀", "１", "Ⅳ", "\u{AD}", "\u{24F}", "\u{250}", "\u{1E00}", "\u{1EFF}", "\u{1F00}",
    ]

    static let samples: [String] = FastPathTests.samples + [
        "Tổng cộng", "tổng cộng", "tổng cộng:", "tổng cộng (a)", "tổng cộng .", "tổng (", "tổng số:.", "cộng chung",
        "tổng chung", "tổng cộng\u{301}", "tổng\u{A0}cộng", "tổng cộng\t", "to\u{302}\u{309}ng", "tổng cộng ( x )",
        "tổng cộng(\u{301}", "cộng:\u{301}", "t", "c", "tổng.:", "tổng :", "Đ.", "đ)", "ổ", "ổ.", ".ổ", "ổ/",
        "–.", "•)", "Ứng", "Ứ", "Ⅳ.", "xổ", "1ổ", "ổ1", "I\u{301}", "Iổ", "Á.", "Á\u{301}", "e\u{301}.", "e\u{301}x",
    ]

    /// Deterministic pseudo-random strings built from `pieces`.
    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in
            (0..<(next() % 7)).map { _ in pieces[next() % pieces.count] }.joined()
        }
    }

    static var allTexts: [String] { samples + randomTexts(count: 20_000, seed: 42) }

    @Test func rowCodesMatchTheCharacterWalk() {
        for text in Self.allTexts {
            #expect(RowCode(text) == referenceRowCode(text), "\(text.debugDescription)")
        }
    }

    @Test func totalKeysMatchTheCharacterWalk() {
        for text in Self.allTexts {
            for key in [text, foldedKey(text)] {
                #expect(isTotalKey(key) == referenceIsTotalKey(key), "\(key.debugDescription)")
            }
        }
    }

    @Test func plainTextMatchesTheScalarWalk() {
        var texts = Self.allTexts
        for v in Array(0...0x300) + Array(0x1DF0...0x1F10) + [0x2013, 0x2022, 0xFEFF, 0x1F600] {
            if let scalar = Unicode.Scalar(UInt32(v)) { texts.append("a" + String(Character(scalar)) + "b") }
        }
        for text in texts {
            let reference = text.unicodeScalars.allSatisfy { s in
                let v = s.value
                return v == 0x09 || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0x24F) || (v >= 0x1E00 && v <= 0x1EFF)
            }
            #expect(isPlainText(text) == reference, "\(text.debugDescription)")
        }
    }

    @Test func foldedKeysMatchTheScalarWalk() {
        for text in Self.allTexts + ["ABC xyz", "  A\tB\r\nC  ", "MÃ SỐ", "Tổng Cộng", "@[`{Z"] {
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
            #expect(foldedKey(text).utf8.elementsEqual(String(out).utf8), "\(text.debugDescription)")
        }
    }

    @Test func keysPreservingCaseDropOnlyWhitespace() {
        for text in Self.allTexts {
            let reference = String(String.UnicodeScalarView(text.unicodeScalars.filter { !isWhitespace($0.value) && $0.value != 0x09 }))
            #expect(foldedKeyPreservingCase(text).utf8.elementsEqual(reference.utf8), "\(text.debugDescription)")
        }
    }

    @Test func constantWordsSearchAsBefore() {
        let words = ["%", "tỷ lệ", "tỉ lệ", "so với", "chỉ số", "tốc độ", "bình quân", "tỷ trọng", "tỉ trọng", "đơn vị tính"]
        for text in Self.allTexts + ["tỷ lệ (%)", "Đơn vị tính", "so với cùng kỳ", "ti\u{309} lệ"] {
            let key = foldedKey(text)
            for word in words {
                #expect(textContains(key, word, needleIsPlain: isPlainText(word)) == key.contains(word), "\(key.debugDescription)")
            }
        }
    }
}

private func referenceIsTotalKey(_ folded: String) -> Bool {
    var key = folded
    if let paren = key.firstIndex(of: "(") { key = String(key[..<paren]) }
    while let last = key.last, last == ":" || last == " " || last == "." { key.removeLast() }
    return ["tổng", "tổng cộng", "cộng", "tổng số", "tổng chung", "cộng chung"].contains(key)
}
