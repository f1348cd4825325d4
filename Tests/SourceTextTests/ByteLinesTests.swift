import Foundation
@testable import SourceText
import Testing

/// `SourceFile(path:utf8Bytes:)` splits and validates the bytes line by line; whenever it
/// gives a file, the decoder accepts the bytes and `SourceFile(path:text:)` of the decoded text
/// is the same file, and whenever the decoder accepts UTF-8 bytes without NUL, it gives one.
struct ByteLinesTests {
    static func compare(_ bytes: [UInt8]) {
        let fast = SourceFile(path: "x.txt", utf8Bytes: bytes)
        let decoded = try? TextDecoder.decode(bytes)
        guard let fast else {
            // Refused: the decoder fails, reads UTF-16, or the bytes hold a NUL.
            if let (_, encoding) = decoded {
                #expect(encoding == .utf16LE || encoding == .utf16BE || bytes.contains(0), "\(bytes)")
            }
            return
        }
        guard let (text, encoding) = decoded else {
            Issue.record("decoder refuses bytes the line split accepts: \(bytes)")
            return
        }
        let slow = SourceFile(path: "x.txt", text: text, encoding: encoding)
        #expect(fast.encoding == slow.encoding, "\(bytes)")
        #expect(fast.lines.map { Array($0.utf8) } == slow.lines.map { Array($0.utf8) }, "\(bytes)")
        #expect(fast.decomposedLineNumbers == slow.decomposedLineNumbers, "\(bytes)")
        #expect(fast.isBlank == slow.isBlank, "\(bytes)")
        #expect(fast.end == slow.end, "\(bytes)")
        for number in 1...max(1, slow.lineCount + 1) {
            #expect(Array(fast.originalLine(number).utf8) == Array(slow.originalLine(number).utf8), "\(bytes)")
            let location = Location(line: number, column: 3)
            #expect(fast.originalLocation(location) == slow.originalLocation(location), "\(bytes)")
        }
    }

    @Test func agreesWithDecodedText() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = ["a", "abcdefgh", "ố", "o\u{0302}\u{0301}", "\u{0300}", "\n", "\r", "\r\n", "\n\n", " ", "Tổng số 1.234",
                                 "\u{0CCD}", "ÌÍ", "\t", "đ", "😀", "\u{0345}", "\u{FEFF}"].map { Array($0.utf8) }
        // Bytes that break UTF-8 (lone lead or continuation bytes, overlong, surrogate) and NUL.
        let bad: [[UInt8]] = [[0xE1], [0xBA], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5], [0xFF], [0x00], [0xE1, 0xBA], [0xCC]]
        let starts: [[UInt8]] = [[], [], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB]]
        for round in 0..<5000 {
            var bytes = starts.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                if round % 3 == 0, Int.random(in: 0..<20, using: &generator) == 0 {
                    bytes += bad.randomElement(using: &generator)!
                } else {
                    bytes += pieces.randomElement(using: &generator)!
                }
            }
            ByteLinesTests.compare(bytes)
        }
    }

    @Test func edgeCases() {
        for bytes: [UInt8] in [[], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x0A], [0x0D], [0x0D, 0x0A], [0x0A, 0x0A], [0x41, 0x0D],
                               [0x41, 0x00, 0x42, 0x00], [0xEF, 0xBB, 0xBF, 0x41, 0x00], Array("Số: 12/BC\r\nĐạt".utf8)] {
            ByteLinesTests.compare(bytes)
        }
        #expect(SourceFile(path: "x", utf8Bytes: Array("a\nb\n".utf8))?.lines == ["a", "b"])
        #expect(SourceFile(path: "x", utf8Bytes: [0x41, 0x0A, 0xE1, 0x0A]) == nil)
    }
}
