import Testing
@testable import SourceText

/// `excerpt(keeping:)` fills the kept lines into blank ones: the same lines as a lookup of
/// every line number in the set, for random sets (numbers out of range included).
struct ExcerptTests {
    @Test func keptLinesAsTheLookupPerLine() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["Số: 12/BC", "", "Tổng cộng\t6.335", "x\u{301}y", "1. Về", " "]
        for _ in 0..<500 {
            let count = Int.random(in: 0...40, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: "\n")
            let source = SourceFile(path: "r.txt", text: text)
            var kept = Set<Int>()
            for _ in 0..<Int.random(in: 0...12, using: &generator) { kept.insert(Int.random(in: -2...(source.lineCount + 3), using: &generator)) }
            let excerpt = source.excerpt(keeping: kept)
            #expect(excerpt.lineCount == source.lineCount)
            for number in 1...max(1, source.lineCount) where source.lineCount > 0 {
                let expected = kept.contains(number) ? source.line(number) : ""
                #expect(excerpt.line(number).utf8.elementsEqual(expected.utf8), "\(number) \(kept)")
                let expectedOriginal = kept.contains(number) ? source.originalLine(number) : ""
                #expect(excerpt.originalLine(number).utf8.elementsEqual(expectedOriginal.utf8), "\(number) \(kept)")
            }
        }
    }
}
