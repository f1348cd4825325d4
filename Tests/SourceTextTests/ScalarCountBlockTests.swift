import Testing
import SourceText

/// `utf8ScalarCount` counts sixteen bytes at a time (tallies summed every 255 blocks), then
/// eight, then one: on every length and alignment it gives the bytes that are not continuation
/// bytes, which for valid UTF-8 is the scalar count.
struct ScalarCountBlockTests {
    static func reference(_ bytes: ArraySlice<UInt8>) -> Int { bytes.filter { $0 & 0xC0 != 0x80 }.count }

    @Test func randomBytesOfEveryLengthAndOffset() {
        var state: UInt64 = 11
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var bytes: [UInt8] = []
        for _ in 0..<9_000 { bytes.append(UInt8(truncatingIfNeeded: next())) }
        bytes.withUnsafeBufferPointer { all in
            for start in 0..<17 {
                for length in 0..<300 {
                    let slice = UnsafeBufferPointer(rebasing: all[start..<(start + length)])
                    #expect(utf8ScalarCount(slice) == Self.reference(bytes[start..<(start + length)]), "\(start) \(length)")
                }
            }
            // Long runs: more than 255 blocks of sixteen bytes, all continuation bytes or none.
            for length in [4_079, 4_080, 4_081, 4_096, 8_191, 8_999] {
                let slice = UnsafeBufferPointer(rebasing: all[0..<length])
                #expect(utf8ScalarCount(slice) == Self.reference(bytes[0..<length]), "\(length)")
            }
        }
        for fill: UInt8 in [0x80, 0xBF, 0x7F, 0xC0, 0x00, 0xFF] {
            let run = [UInt8](repeating: fill, count: 8_500)
            run.withUnsafeBufferPointer { #expect(utf8ScalarCount($0) == Self.reference(run[...]), "\(fill)") }
        }
    }

    @Test func vietnameseTextIsItsScalarCount() {
        let pieces = ["a", " ", "\t", "ệ", "Đ", "ơ", "e\u{301}", "😀", "𝟙", "Tổng cộng", "6.335", "\u{A0}", "ẞ"]
        var state: UInt64 = 3
        for _ in 0..<3_000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<Int(state >> 57) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(text.scalarCount == text.unicodeScalars.count, "\(text.debugDescription)")
        }
    }
}
