import Foundation
@testable import SourceText
import Testing

/// `SourceFile` splits lines eight bytes at a time and copies each as a slice of the text; the
/// lines, and the saved form of each decomposed one, are those a byte-by-byte split gives.
struct LineSplitTests {
    /// The split as it was made byte by byte, each line decoded from its bytes.
    static func reference(_ text: String) -> (lines: [String], originals: [String]) {
        var lines: [String] = [], originals: [String] = []
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return ([], []) }
        var start = 0
        while true {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            let line = String(decoding: bytes[start..<end], as: UTF8.self)
            // Only lines with a combining mark's lead byte are normalised (not `Å`, U+212B).
            let mark = bytes[start..<end].contains { $0 == 0xCC || $0 == 0xCD }
            lines.append(mark ? SourceFile.normalize(line).0 : line)
            originals.append(line)
            guard end < bytes.count else { break }
            var next = end + 1
            if bytes[end] == 0x0D, next < bytes.count, bytes[next] == 0x0A { next += 1 }
            start = next
            if start == bytes.count { break }
        }
        return (lines, originals)
    }

    @Test func splitsAsByteByByte() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "abcdefgh", "ố", "o\u{0302}\u{0301}", "\u{0300}", "\n", "\r", "\r\n", "\n\n", " ", "Tổng số 1.234",
                      "\u{0CCD}", "̀x", "ÌÍ", "\t", "đ", "😀", "\u{0345}"]
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let file = SourceFile(path: "x.txt", text: text)
            let (lines, originals) = LineSplitTests.reference(text)
            #expect(file.lines.map { Array($0.utf8) } == lines.map { Array($0.utf8) }, "\(Array(text.unicodeScalars))")
            for number in 1...max(1, lines.count) where number <= lines.count {
                #expect(Array(file.originalLine(number).utf8) == Array(originals[number - 1].utf8), "\(Array(text.unicodeScalars))")
            }
        }
    }

    /// Text without `\r` and without a combining mark's lead byte takes the `memchr` split.
    @Test func splitsPlainTextAsByteByByte() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "abcdefgh", "ố", "\n", "\n\n", " ", "Tổng số 1.234", "ÌÍ", "\t", "đ", "😀", "ư"]
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let file = SourceFile(path: "x.txt", text: text)
            let fromBytes = SourceFile(path: "x.txt", utf8Bytes: Array(text.utf8))
            let (lines, _) = LineSplitTests.reference(text)
            #expect(file.lines.map { Array($0.utf8) } == lines.map { Array($0.utf8) }, "\(Array(text.unicodeScalars))")
            #expect(fromBytes?.lines.map { Array($0.utf8) } == lines.map { Array($0.utf8) }, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func wordTestFindsEachByteLookedFor() {
        for byte in 0...255 {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: 0x41, count: 8)
                bytes[position] = UInt8(byte)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(SourceFile.mayHoldLineEndOrMark(word) == [0x0A, 0x0D, 0xCC, 0xCD].contains(byte), "\(byte) at \(position)")
            }
        }
    }

    /// `scalarCount` counts eight bytes at a time; it agrees with `unicodeScalars.count`.
    @Test func scalarCountCountsTheScalars() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "ố", "đ", "😀", "\u{0301}", " ", "ÀỹẴ", "abcdefg", "\u{10FFFF}", "\u{7FF}", "\u{800}"]
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.scalarCount == text.unicodeScalars.count, "\(Array(text.unicodeScalars))")
        }
    }
}
