import Foundation
import ReportModel
@testable import Rules
@testable import SourceText
import Testing

/// The expression rules skip, for a text fact whose number slot every match holds, the lines
/// without a digit; and `Pattern` skips subjects shorter than PCRE2's minimum match length.
/// Neither may change what is found.
struct ExpressionPrefilterTests {
    @Test func readsWhetherTheSlotIsRequired() {
        #expect(ExpressionKind.requiresDigit(#"(?i)tổng\s+số\s+thuê\s+bao\s+điện\s+thoại[^.]*?(?:đạt|là)\s+{n}"#))
        #expect(ExpressionKind.requiresDigit("đạt {n} hồ sơ"))
        #expect(ExpressionKind.requiresDigit("(?:a|b) {n}+"))
        #expect(!ExpressionKind.requiresDigit("(?:a {n})?"))
        #expect(!ExpressionKind.requiresDigit("a|{n}"))
        #expect(!ExpressionKind.requiresDigit("a {n}?"))
        #expect(!ExpressionKind.requiresDigit("a {n}*"))
        #expect(!ExpressionKind.requiresDigit("a {n}{0,2}"))
        #expect(!ExpressionKind.requiresDigit("x(?i){n}"))
        #expect(!ExpressionKind.requiresDigit(#"\Q{n}\E"#))
        #expect(!ExpressionKind.requiresDigit("[{n}]"))
    }

    static let pieces = ["tổng", "số", "thuê bao", "là", "đạt", "1", "12", "1.234", "3,5", " ", "  ", ".", ",", "x", "(", ")",
                         "a", "Tổng Số", "TỔNG", "điện thoại", "0", "9.9"]
    static let patternPieces = ["tổng", #"\s+"#, "số", "(?:đạt|là)", "[^.]*?", " ", "x?", "(a)", "(?:b|{n})", "a|", "?", "*",
                                "(?=1)", #"\d"#, ".", "{2}", "(", ")", "[0-9]", "(?i)"]

    /// Random fact texts (one `{n}` each) and random reports: the facts found are the same
    /// with the digit check and without it, and a line without a digit never matches a text
    /// whose slot is required.
    @Test func findsTheSameFactsWithAndWithoutTheDigitCheck() throws {
        var generator = SystemRandomNumberGenerator()
        var required = 0, found = 0
        for _ in 0..<400 {
            var parts = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                ExpressionPrefilterTests.patternPieces.randomElement(using: &generator)!
            }
            parts.insert("{n}", at: Int.random(in: 0...parts.count, using: &generator))
            if Bool.random(using: &generator) { parts.insert("(?i)", at: 0) }
            let text = parts.joined().replacingOccurrences(of: "{n}{2}", with: "{n}")
            guard text.components(separatedBy: "{n}").count == 2,
                  let pattern = try? Pattern(text.replacingOccurrences(of: "{n}", with: ExpressionKind.numberSlot))
            else { continue }
            let requiresDigit = ExpressionKind.requiresDigit(text)
            if requiresDigit { required += 1 }
            let lines = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                (0..<Int.random(in: 0...10, using: &generator)).map { _ in
                    ExpressionPrefilterTests.pieces.randomElement(using: &generator)!
                }.joined()
            }
            let report = TextReportParser.parse(SourceFile(path: "r.txt", text: lines.joined(separator: "\n")))
            let facts = Facts(report: report, vocabulary: RuleCatalog.builtinVocabulary)
            let (loaded, errors) = RuleSetLoader.exampleRule(
                kind: "expression", fields: "{ facts: { a: { text: \"\(text.replacingOccurrences(of: "\\", with: "\\\\"))\" } }, assert: \"a == 1\" }")
            guard errors.isEmpty, let rule = loaded, let kind = rule.kind as? ExpressionKind else {
                Issue.record("\(text): \(errors)")
                continue
            }
            let fast = try kind.find(kind.facts[0], in: report, facts: facts)
            let slow = try kind.find(ExpressionKind.Fact(name: "a", source: .text(pattern, requiresDigit: false)), in: report, facts: facts)
            #expect(fast?.range == slow?.range && fast?.number.text == slow?.number.text, "\(text) in \(lines)")
            if slow != nil { found += 1 }
            if requiresDigit {
                for line in lines where !line.contains(where: \.isNumber) {
                    #expect(try pattern.firstMatch(in: line) == nil, "\(text) matches \(line)")
                }
            }
        }
        #expect(required > 50 && found > 20)
    }

    /// Subjects shorter than a pattern's minimum length, which `Pattern` no longer hands to
    /// PCRE2, have no match when PCRE2 is given them (which checks the same length: PCRE2's
    /// minimum is not always a true bound, `(?=b)+\b[ab]*b` matches `b` with its start
    /// optimisations off, so the reference is the same pattern without our check).
    @Test func minimumLengthSkipsOnlySubjectsThatCannotMatch() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "b", "ă", "ờ", " ", "ab", "[ab]", #"\s"#, #"\s+"#, #"\p{L}"#, "(?:a|b)", "(?<!a)", "(?=b)", "?", "*", "+",
                      "{2}", "{0,1}", ".", "^", "$", "|", "(ab)", #"\b"#, "x", "(?i)"]
        let letters: [Character] = ["a", "b", "ă", "ờ", " ", ".", "x", "A"]
        var skippable = 0
        for _ in 0..<3000 {
            let source = (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            guard let pattern = try? Pattern(source), let slow = try? Pattern(source, caseInsensitive: false, lengthCheck: false)
            else { continue }
            #expect(slow.minimumLength == 0)
            #expect(try Pattern("(*NO_START_OPT)" + source).minimumLength == 0)
            for _ in 0..<20 {
                let line = String((0..<Int.random(in: 0...6, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
                let bytes = Array(line.utf8)
                for start in bytes.indices.filter({ bytes[$0] & 0xC0 != 0x80 }) + [bytes.count]
                where bytes.count - start < pattern.minimumLength {
                    skippable += 1
                    #expect(try pattern.firstMatch(in: line, from: start) == nil)
                    #expect(try slow.firstMatch(in: line, from: start) == nil, "\(source) in \(line) from \(start)")
                    if start == 0 {
                        #expect(try pattern.captures(in: line) == nil && slow.captures(in: line) == nil, "\(source) in \(line)")
                        #expect(try pattern.allMatches(in: line).isEmpty && slow.allMatches(in: line).isEmpty, "\(source) in \(line)")
                    }
                }
            }
        }
        #expect(skippable > 1000)
    }
}
