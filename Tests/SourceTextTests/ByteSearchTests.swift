import Foundation
import SourceText
import Testing

struct ByteSearchTests {
    @Test func findsNonOverlappingOccurrences() {
        #expect("{n} và {n}".utf8Occurrences(of: "{n}") == [0, 8])
        #expect("aaaa".utf8Occurrences(of: "aa") == [0, 2])
        #expect("tổng số".utf8Occurrences(of: "ố") == [8])
        #expect("abc".utf8Occurrences(of: "") == [])
        #expect("".utf8Occurrences(of: "a") == [])
        #expect("ab".utf8Occurrences(of: "abc") == [])
        #expect("x\\Qy".containsUTF8("\\Q"))
        #expect(!"x\\qy".containsUTF8("\\Q"))
        #expect("abc".containsUTF8(""))
    }

    @Test func replacesByteForByte() {
        #expect("({n}) người".replacingUTF8("{n}", with: "(\\d+)") == "((\\d+)) người")
        #expect("50%, 3\r\n".replacingUTF8("%", with: "%25") == "50%25, 3\r\n")
        #expect("a\r\nb".replacingUTF8("\r", with: "%0D").replacingUTF8("\n", with: "%0A") == "a%0D%0Ab")
        #expect("no match".replacingUTF8("{n}", with: "x") == "no match")
        #expect("ababab".replacingUTF8("ab", with: "") == "")
        #expect("é".replacingUTF8("e", with: "E") == "é") // precomposed: no byte match
    }

    @Test func agreesWithFoundationOnPlainText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "b", "{", "n", "}", "ư", "%", "\n", ":"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let needle = (0..<Int.random(in: 1...3, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(text.replacingUTF8(needle, with: "<>") == text.replacingOccurrences(of: needle, with: "<>"), "\(text) / \(needle)")
            #expect(text.utf8Occurrences(of: needle).count + 1 == text.components(separatedBy: needle).count, "\(text) / \(needle)")
        }
    }
}
