@testable import Diagnostics
import Testing

/// `Message.fill` on UTF-8 bytes gives what the former `String`-index version gave, on
/// templates made of placeholders known and unknown, stray and nested braces, Vietnamese text
/// and decomposed forms.
struct MessageFillTests {
    static let pieces = ["{", "}", "{unit}", "{found}", "{period}", "{x}", "{}", "{{unit}}", "{unit", "unit}",
                         "viết ", "đầy đủ ", "\"", " ở đây", "e\u{301}", "{e\u{301}}", "{é}", "{K}", "{\u{212A}}",
                         "tháng 8", "{expected}", "a", " ", "{ unit}", "😀", "{😀}"]
    static let values: [[String: String]] = [
        [:], ["unit": "kg"], ["unit": "tấn", "found": "{unit}"], ["é": "E-acute", "K": "kelvin"],
        ["e\u{301}": "decomposed", "\u{212A}": "k-sign"], ["": "empty", "x": "{", "expected": "10.475", "period": "tháng 9"],
        ["😀": "smile", "unit}": "odd", "{unit": "odd2"],
    ]

    @Test func fillMatchesReference() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var template = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                template += Self.pieces.randomElement(using: &generator)!
            }
            for values in Self.values {
                let fast = Message.fill(template, values), slow = Message.fillReference(template, values)
                #expect(fast == slow, "\(template) \(values)")
                #expect(Array(fast.utf8) == Array(slow.utf8), "\(template) \(values)")
            }
        }
    }

    @Test func fillExamples() {
        #expect(Message.fill("viết đầy đủ \"{unit}\" ở đây", ["unit": "tấn"]) == "viết đầy đủ \"tấn\" ở đây")
        #expect(Message.fill("{a{b}", ["b": "B"]) == "{aB")
        #expect(Message.fill("no braces", ["b": "B"]) == "no braces")
        #expect(Message.fill("{b", ["b": "B"]) == "{b")
    }
}
