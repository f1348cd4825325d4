@testable import Rules
import Testing

/// The word-at-a-time digit test of `Facts.linesWithDigit` agrees with the byte loop.
struct DigitLineTests {
    @Test func containsASCIIDigitMatchesByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x2F, 0x30, 0x35, 0x39, 0x3A, 0x20, 0x41, 0x61, 0x7F, 0x80, 0xB0, 0xB9, 0xC3, 0xE1, 0xFF,
                                 0x00, 0x0A, 0x29, 0x3F, 0xF0]
        for _ in 0..<50_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)!
                    : UInt8.random(in: 0...255, using: &generator)
            }
            let slow = bytes.contains { $0 &- 0x30 < 10 }
            let fast = bytes.withUnsafeBufferPointer { Facts.containsASCIIDigit($0) }
            #expect(fast == slow, "\(bytes)")
        }
        for length in 0...24 {
            for position in 0..<max(length, 1) where length > 0 {
                for digit in [UInt8(0x30), 0x39] {
                    var bytes = [UInt8](repeating: 0x3A, count: length)
                    bytes[position] = digit
                    #expect(bytes.withUnsafeBufferPointer { Facts.containsASCIIDigit($0) })
                }
                let none = [UInt8](repeating: 0x2F, count: length)
                #expect(!none.withUnsafeBufferPointer { Facts.containsASCIIDigit($0) })
            }
        }
    }
}
