import Foundation
@testable import SourceText
import Testing

struct LiteralTests {
    func literal(_ pattern: String, caseInsensitive: Bool = false) throws -> String? {
        try Pattern(pattern, caseInsensitive: caseInsensitive).requiredLiteral.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func readsTheLongestTopLevelRun() throws {
        #expect(try literal(#"(?<![\p{L}\p{N}])(?<!lịch )(?<!tiểu )(?<!quốc )(?<!Lịch )(?<!Tiểu )sử lý(?![\p{L}\p{N}])"#) == "sử lý")
        #expect(try literal(#"(?<![\p{L}\p{N}])(?<!giám )[Ss]át nhập(?!\s+(?:khẩu|cảnh))(?![\p{L}\p{N}])"#) == "át nhập")
        #expect(try literal(#"\b[Ss]ử lý\b"#) == "ử lý")
        #expect(try literal("abc?d") == "ab")
        #expect(try literal("ab*cde") == "cde")
        #expect(try literal("xab+c") == "xab")
        #expect(try literal("ab{2}cd") == "cd")
        #expect(try literal("ab{0,3}") == "a")
        #expect(try literal(#"a\.b\s+c"#) == "a.b")
        #expect(try literal("a+?bc") == "bc")
        #expect(try literal(#"\p{L}xyz\pLq"#) == "xyz")
        #expect(try literal("[abc]de(?:f|g)hi") == "de")
        #expect(try literal("^start.end$") == "start")
        #expect(try literal(#"(?<n>ab)\k<n>"#) == nil)
    }

    @Test func givesUpWhereItCannotBeSure() throws {
        #expect(try literal("abc", caseInsensitive: true) == nil)
        #expect(try literal("abc|def") == nil)
        #expect(try literal("(?i)abc") == nil)
        #expect(try literal("(?i:ab)cd") == nil)
        #expect(try literal(#"\Qa.b\E"#) == nil)
        #expect(try literal(#"\x41bc"#) == nil)
        #expect(try literal(#"(a)\1bc"#) == nil)
        #expect(try literal("(*UCP)abc") == nil)
        #expect(try literal("(?#a(b)cd") == nil)
        #expect(try literal("a{,2}bc") == nil)
        #expect(try literal("a{x}bc") == nil)
        #expect(try literal("[[:alpha:]]bc") == nil)
    }

    /// Random patterns over a small alphabet: whenever one matches a line, the line holds its
    /// required literal.
    @Test func aRequiredLiteralIsInEveryMatchingLine() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "b", "ă", "ờ", " ", "ab", "[ab]", #"\s"#, #"\s+"#, #"\p{L}"#, "(?:a|b)", "(?<!a)", "(?=b)", "(?!ă)",
                      "?", "*", "+", "{2}", "{0,1}", "{1,}", "??", "*+", ".", "^", "$", #"\."#, "|", "(ab)", #"\b"#, "[^a]", "x"]
        let letters: [Character] = ["a", "b", "ă", "ờ", " ", ".", "x"]
        var checked = 0
        for _ in 0..<3000 {
            let source = (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            guard let pattern = try? Pattern(source), let needle = pattern.requiredLiteral else { continue }
            for _ in 0..<40 {
                let line = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
                if try pattern.firstMatch(in: line) != nil {
                    checked += 1
                    #expect(line.utf8.count >= needle.count && Array(line.utf8).firstRange(of: needle) != nil,
                            "\(source) matches \(line) without \(String(decoding: needle, as: UTF8.self))")
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func literalSetMarksTheOwnersOfNeedlesInTheLine() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("abcờ ".utf8)
        for round in 0..<6000 {
            // Short needles with single bytes among them, and longer ones (the window then moves
            // several bytes at a time) in longer lines.
            let lengths = round % 2 == 0 ? 1...4 : (round % 4 == 1 ? 2...9 : 3...6)
            var needles: [(bytes: [UInt8], owner: Int)] = []
            for owner in 0..<Int.random(in: 1...8, using: &generator) {  // 1 to 24 needles
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let bytes = (0..<Int.random(in: lengths, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                    needles.append((bytes, owner))
                }
            }
            let set = LiteralSet(needles)
            let owners = (needles.map(\.owner).max() ?? 0) + 1
            var line = (0..<Int.random(in: 0...(round % 2 == 0 ? 20 : 80), using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            if Bool.random(using: &generator) {
                // A needle somewhere in the line, its end or start perhaps cut off.
                var planted = needles.randomElement(using: &generator)!.bytes
                if Bool.random(using: &generator) { planted.removeLast() } else if Bool.random(using: &generator) { planted.removeFirst() }
                line.insert(contentsOf: planted, at: Int.random(in: 0...line.count, using: &generator))
            }
            var found = [Bool](repeating: false, count: owners)
            line.withUnsafeBufferPointer { set.mark(in: $0, &found) }
            for owner in 0..<owners {
                let expected = needles.contains { $0.owner == owner && line.firstRange(of: $0.bytes) != nil }
                #expect(found[owner] == expected, "\(line) owner \(owner)")
            }
        }
    }

    @Test func containsUTF8Byte() {
        #expect("đạt 5%".containsUTF8Byte(0x25))
        #expect(!"đạt 5".containsUTF8Byte(0x25))
        #expect(!"".containsUTF8Byte(0x25))
    }

    /// One match data per thread serves patterns with few and many groups.
    @Test func capturesAfterPatternsWithFewerGroups() throws {
        let few = try Pattern("(a)")
        let many = try Pattern((0..<40).map { _ in "(b)?" }.joined() + "(c)")
        #expect(try few.captures(in: "xa")?.count == 2)
        let groups = try #require(try many.captures(in: "bbc"))
        #expect(groups.count == 42)
        #expect(groups[0] == 0..<3 && groups[1] == 0..<1 && groups[2] == 1..<2 && groups[3] == nil && groups[41] == 2..<3)
        #expect(try few.captures(in: "ya") == [1..<2, 1..<2])
        #expect(try few.firstMatch(in: "zzz") == nil)
    }

    @Test func patternsAreMatchedFromManyThreadsAtOnce() async throws {
        let pattern = try Pattern(#"(\d+)\s*%"#)
        let results = await withTaskGroup(of: Bool.self) { group in
            for n in 0..<16 {
                group.addTask {
                    for i in 0..<500 {
                        let line = "đạt \(n * 1000 + i) % kế hoạch"
                        guard let groups = try? pattern.captures(in: line), let number = groups[1] else { return false }
                        if line.substring(utf8: number) != String(n * 1000 + i) { return false }
                    }
                    return true
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 })
    }
}
