import Foundation
@testable import SourceText
import Testing

func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = []
    for unit in text.utf16 {
        let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
        bytes += bigEndian ? [high, low] : [low, high]
    }
    return bytes
}

struct DecodingTests {
    let text = "Báo cáo tháng 5\nĐạt 44,9%"

    @Test func utf8WithAndWithoutBOM() throws {
        #expect(try TextDecoder.decode(Array(text.utf8)) == (text, .utf8))
        #expect(try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == (text, .utf8BOM))
    }

    @Test func utf16WithBOM() throws {
        let le: [UInt8] = [0xFF, 0xFE] + utf16(text, bigEndian: false)
        let be: [UInt8] = [0xFE, 0xFF] + utf16(text, bigEndian: true)
        #expect(try TextDecoder.decode(le) == (text, .utf16LE))
        #expect(try TextDecoder.decode(be) == (text, .utf16BE))
    }

    @Test func utf16WithoutBOM() throws {
        let le = utf16(text, bigEndian: false)
        let be = utf16(text, bigEndian: true)
        #expect(try TextDecoder.decode(le) == (text, .utf16LE))
        #expect(try TextDecoder.decode(be) == (text, .utf16BE))
    }

    @Test func invalidUTF8IsLocated() {
        var bytes = Array("Dòng một\nSố thuê bao ".utf8)
        bytes += [0xC3, 0x28] + Array(" tiếp".utf8)
        #expect(throws: DecodingError.invalidUTF8(byte: 0xC3, line: 2, column: 13)) { try TextDecoder.decode(bytes) }
        // Latin-1 saved text: 0xE0 alone is not UTF-8.
        #expect(throws: DecodingError.invalidUTF8(byte: 0xE0, line: 1, column: 3)) { try TextDecoder.decode([0x6C, 0x61, 0xE0, 0x20]) }
        // Overlong encodings and surrogates are invalid too.
        #expect(throws: DecodingError.invalidUTF8(byte: 0xC0, line: 1, column: 1)) { try TextDecoder.decode([0xC0, 0xAF]) }
        #expect(throws: DecodingError.invalidUTF8(byte: 0xED, line: 1, column: 1)) { try TextDecoder.decode([0xED, 0xA0, 0x80]) }
    }

    @Test func binaryFiles() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00]
        #expect(throws: DecodingError.binary(offset: 8)) { try TextDecoder.decode(png) }
        #expect(throws: DecodingError.binary(offset: 3)) { try TextDecoder.decode(Array("abc\0def and more".utf8)) }
    }

    @Test func lineEndings() {
        let source = SourceFile(path: "x", text: "một\r\nhai\rba\nbốn\n")
        #expect(source.lines == ["một", "hai", "ba", "bốn"])
        #expect(SourceFile(path: "x", text: "a\n\nb").lines == ["a", "", "b"])
        #expect(SourceFile(path: "x", text: "").lines == [])
        #expect(SourceFile(path: "x", text: "\n").lines == [""])
    }

    @Test func decomposedLinesMapBackToSavedColumns() {
        let nfd = "Đã xong dự thảo".decomposedStringWithCanonicalMapping
        let source = SourceFile(path: "x", text: "dòng 1\n" + nfd)
        #expect(source.hasDecomposedText)
        #expect(Array(source.line(2).utf8) == Array("Đã xong dự thảo".utf8))
        // "dự" starts at NFC column 9; in the saved text "ã" took two scalars.
        #expect(source.originalLocation(Location(line: 2, column: 9)) == Location(line: 2, column: 10))
        #expect(source.originalLocation(Location(line: 1, column: 3)) == Location(line: 1, column: 3))
        #expect(source.decomposedLineNumbers == [2])
    }
}

struct PatternTests {
    @Test func unicodeWordBoundaries() throws {
        // Without UCP, \b would break inside "đơn" and "ưu".
        let pattern = try Pattern(#"\bđơn vị\b"#)
        #expect(try pattern.firstMatch(in: "các đơn vị trực thuộc") == 5..<15)
        #expect(try pattern.firstMatch(in: "cácđơn vị") == nil)
        #expect(try Pattern("(?i)CỘNG HÒA").matches("cộng hòa xã hội"))
    }

    @Test func patternsAreMatchedInNFC() throws {
        let decomposedPattern = "Thông tin".decomposedStringWithCanonicalMapping
        #expect(try Pattern(decomposedPattern).matches("Bộ Thông tin và Truyền thông"))
    }

    @Test func compileErrorsCarryTheOffset() {
        #expect(throws: Pattern.CompileError(message: "missing closing parenthesis", offset: 8)) { try Pattern("(dự thảo") }
        #expect(throws: Pattern.CompileError(message: "quantifier does not follow a repeatable item", offset: 0)) { try Pattern("*x") }
    }

    @Test func catastrophicBacktrackingStopsWithAnError() {
        let pattern = try! Pattern("(a+)+$")
        let line = String(repeating: "a", count: 5000) + "b"
        #expect(throws: Pattern.MatchError.self) { try pattern.firstMatch(in: line) }
    }

    /// A pattern is interpreted for its first `jitAfter` matches and JIT-compiled after: the
    /// answers, captures and the backtracking limit must not change at the switch, also with
    /// several threads matching the same pattern while it is compiled.
    @Test func answersDoNotChangeWhenThePatternIsJITCompiled() throws {
        let pattern = try Pattern(#"(\d+)(?:,(\d+))?\s*%"#)
        let catastrophic = try Pattern("(a+)+$")
        let long = String(repeating: "a", count: 5000) + "b"
        for round in 0..<(3 * Pattern.jitAfter) {
            #expect(try pattern.allMatches(in: "tỷ lệ 44,9 % và \(round)%") == [10..<16, 21..<(22 + String(round).utf8.count)])
            #expect(try pattern.captures(in: "đạt 87 %")! == [7..<11, 7..<9, nil])
            #expect(try pattern.firstMatch(in: "không có số") == nil)
            if round % 40 == 0 {
                #expect(throws: Pattern.MatchError.self) { try catastrophic.firstMatch(in: long) }
            }
        }
        let shared = try Pattern("thông\\s+tin")
        let hits = ConcurrentCounter()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<(2 * Pattern.jitAfter) where (try? shared.firstMatch(in: "Sở Thông tin, thông  tin")) == 17..<28 {
                hits.add()
            }
        }
        #expect(hits.value == 8 * Pattern.jitAfter)
    }

    @Test func allMatchesAndLiteral() throws {
        #expect(try Pattern("x+").allMatches(in: "x xx  xxx") == [0..<1, 2..<4, 6..<9])
        #expect(try Pattern("").allMatches(in: "ab").count == 3)
        #expect(try Pattern.literal("Bộ TT&TT (b/c)").matches("gửi bộ tt&tt (b/c);"))
    }
}

struct CaptureTests {
    @Test func groupsThatDidNotTakePartAreNil() throws {
        let groups = try #require(try Pattern(#"tháng\s+([0-9]+)(?:/([0-9]{4}))?"#).captures(in: "tháng 4"))
        #expect(groups.count == 3)
        #expect(groups[1] == 7..<8)
        #expect(groups[2] == nil)
    }
}

final class ConcurrentCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
