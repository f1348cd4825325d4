import Testing
@testable import ReportModel
import SourceText

/// Flags found once per line (tab, ơ/Ơ in a tab row) and capture groups cut from the line's
/// bytes agree with the slow paths they replace, on random lines of mixed widths.
struct LineFlagTests {
    static let pieces = ["a", "Z", "1", " ", "\t", "\u{A0}", "ơ", "Ơ", "ờ", "ệ", "Đ", "đ", "e\u{301}", "😀", "Nơi", "nhận",
                         ":", "#", "*", ".", ")", "I", "V", "X", "-", "•", "–", "KT", "Số", "/", "ngày", "tháng", "năm", "2024"]

    static func randomLine(_ state: inout UInt64) -> String {
        var raw = ""
        state = state &* 6364136223846793005 &+ 1442695040888963407
        for _ in 0..<(Int(state >> 60) + 1) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            raw += pieces[Int(state >> 33) % pieces.count]
        }
        return raw
    }

    @Test func tabAndOHornFlagsMatchScans() {
        var state: UInt64 = 11
        for _ in 0..<5_000 {
            let raw = Self.randomLine(&state)
            let line = CleanLine(number: 1, raw: raw)
            #expect(line.hasTab == raw.hasTab, "\(raw.debugDescription)")
            let oHorn = raw.unicodeScalars.contains { $0 == "ơ" || $0 == "Ơ" }
            #expect(line.tabRowHasOHorn == (raw.hasTab && oHorn), "\(raw.debugDescription)")
        }
    }

    @Test func oHornByMemchrMatchesByteLoop() {
        let alphabet: [UInt8] = [0xC6, 0xA0, 0xA1, 0xB0, 0x61, 0x09, 0xC4]
        var state: UInt64 = 7
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var bytes: [UInt8] = []
            for _ in 0..<Int(state >> 59) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            var reference = false
            if bytes.count >= 2 {
                for i in 0..<(bytes.count - 1) where bytes[i] == 0xC6 && (bytes[i + 1] == 0xA1 || bytes[i + 1] == 0xA0) {
                    reference = true
                }
            }
            #expect(bytes.withUnsafeBufferPointer { hasOHorn($0) } == reference, "\(bytes)")
        }
    }

    @Test func groupsMatchSubstrings() {
        let shapes = [Shapes.roman, Shapes.arabic, Shapes.letter, Shapes.bullet, Shapes.recipientsHeading,
                      Shapes.authority, Shapes.number, Shapes.placeDate]
        var state: UInt64 = 29
        var matched = 0
        for _ in 0..<5_000 {
            let text = Self.randomLine(&state)
            for shape in shapes {
                let reference = ((try? shape.captures(in: text)) ?? nil).map { $0.map { $0.map { text.substring(utf8: $0) } } }
                let fast = shape.groups(text)
                #expect((fast == nil) == (reference == nil), "\(text.debugDescription)")
                guard let fast, let reference else { continue }
                matched += 1
                #expect(fast.count == reference.count)
                for (a, b) in zip(fast, reference) {
                    #expect((a == nil) == (b == nil))
                    if let a, let b { #expect(a.utf8.elementsEqual(b.utf8), "\(text.debugDescription)") }
                }
            }
        }
        #expect(matched > 100)
    }
}
