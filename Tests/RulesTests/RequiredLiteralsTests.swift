import Arithmetic
import Diagnostics
import Foundation
import ReportModel
@testable import Rules
@testable import SourceText
import Testing

/// The expression rules skip a line without the pieces of literal text every match of a text
/// fact holds (`RequiredLiteral`), which may not change a finding.
struct RequiredLiteralsTests {
    static let patternPieces = ["tổng", #"\s+"#, "số", "thuê", "bao", "(?:đạt|là)", "[^.]*?", " ", "x?", "(a)", "(?:b|c)", "a|",
                                "?", "*", "(?=1)", #"\d"#, ".", "{2}", "(", ")", "[0-9]", "(?i)", "điện", "thoại", "internet",
                                "Ổ", "ứ", #"\."#, "-", "e", "I", "k", "ß", "(?-i)", "(?i:x)", #"\b"#, "+", "ĳ", "TỔNG"]
    static let linePieces = ["tổng", "Tổng", "TỔNG", "tỔng", "số", "SỐ", "Số", "thuê", "THUÊ", "Thuê", "bao", "BAO", " ", "  ",
                             "\t", "đạt", "ĐẠT", "là", "LÀ", "1", "12", "1.234", ".", ",", "x", "a", "b", "c", "điện", "ĐIỆN",
                             "thoại", "THOẠI", "internet", "INTERNET", "İnternet", "ınternet", "K", "ſ", "e", "E", "-", "ß", "ẞ",
                             "SS", "ĳ", "Ĳ", "ứ", "Ứ", "tổng".decomposedStringWithCanonicalMapping]

    /// Random patterns and lines: a line the pattern matches always passes the needle check.
    @Test func needlesAreInEveryLineAPatternMatches() throws {
        var generator = SystemRandomNumberGenerator()
        var patterns = 0, matched = 0, rejected = 0
        for _ in 0..<3000 {
            var text = (0..<Int.random(in: 1...7, using: &generator)).map { _ in
                RequiredLiteralsTests.patternPieces.randomElement(using: &generator)!
            }.joined()
            if Bool.random(using: &generator) { text = "(?i)" + text }
            guard let pattern = try? Pattern(text), let literal = RequiredLiteral(pattern: text) else { continue }
            patterns += 1
            for _ in 0..<40 {
                var line = (0..<Int.random(in: 0...10, using: &generator)).map { _ in
                    RequiredLiteralsTests.linePieces.randomElement(using: &generator)!
                }.joined()
                if Bool.random(using: &generator) { line = line.precomposedStringWithCanonicalMapping }
                let passes = literal.mayMatch(line)
                if try pattern.firstMatch(in: line) != nil {
                    matched += 1
                    #expect(passes, "\(text) matches \(line)")
                } else if !passes {
                    rejected += 1
                }
            }
        }
        #expect(patterns > 1000 && matched > 1000 && rejected > 5_000)
    }

    @Test func readsTheRunsOfTheBuiltinFacts() throws {
        let text = #"(?i)tổng\s+số\s+thuê\s+bao\s+điện\s+thoại[^.]*?(?:đạt|là)\s+([0-9](?:[0-9.,]*[0-9])?)"#
        let literal = try #require(RequiredLiteral(pattern: text))
        #expect(literal.pieces.count == 3 && literal.pieces.allSatisfy { $0.count > 1 })
        #expect(literal.mayMatch("TỔNG SỐ THUÊ BAO ĐIỆN THOẠI là 5"))
        #expect(literal.mayMatch("tổng số thuê bao điện thoại là 5"))
        #expect(!literal.mayMatch("") && !literal.mayMatch("Số liệu 5"))
        #expect(RequiredLiteral(pattern: "a|b") == nil && RequiredLiteral(pattern: "(?i)(?:a)") == nil)
        #expect(RequiredLiteral(pattern: "x(?i)abc") == nil)
        #expect(RequiredLiteral(pattern: "abc")?.pieces == [[Array("abc".utf8)]])
        #expect(!literal.mayMatch("TỔNG SỐ THUÊ BAO INTERNET là 5"))
    }

    /// The built-in expression rules on random reports built from the facts' wording find the
    /// same facts with the needle check and without it.
    @Test func builtinFactsAreFoundTheSameWithAndWithoutTheNeedles() throws {
        let catalog = try #require(RuleCatalog.builtin().0)
        let kinds = catalog.rules.compactMap { $0.kind as? ExpressionKind }
        #expect(kinds.count >= 4)
        let pieces = ["Tổng số thuê bao", "tổng số", "thuê bao", "Internet", "băng rộng", "băng thông rộng", "điện thoại",
                      "phát triển", " đạt ", " là ", " là ", " đạt ", "mới", "1.234", "56", "7,5", ".", ", ", " ", "\t", "TỔNG SỐ THUÊ BAO"]
        let phrases = ["Tổng số thuê bao Internet băng rộng", "Tổng số thuê bao Internet băng thông rộng", "Tổng số thuê bao điện thoại",
                       "Thuê bao điện thoại phát triển mới", "Thuê bao Internet phát triển mới"]
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<1500 {
            let lines = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                var words = Bool.random(using: &generator) ? phrases.randomElement(using: &generator)!.split(separator: " ").map(String.init) : []
                if !words.isEmpty && Int.random(in: 0..<4, using: &generator) == 0 {
                    words.remove(at: Int.random(in: 0..<words.count, using: &generator))
                }
                var phrase = words.joined(separator: [" ", "  ", "\t"].randomElement(using: &generator)!)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: phrase = phrase.uppercased()
                case 1: phrase = phrase.lowercased()
                case 2: phrase = phrase.decomposedStringWithCanonicalMapping
                default: break
                }
                return phrase + (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            let report = TextReportParser.parse(SourceFile(path: "r.txt", text: lines.joined(separator: "\n")))
            let facts = Facts(report: report, vocabulary: RuleCatalog.builtinVocabulary)
            for kind in kinds {
                guard case let .text(pattern, requiresDigit, literal) = kind.facts[0].source else { continue }
                #expect(literal != nil)
                let fast = try kind.find(kind.facts[0], in: report, facts: facts)
                let slow = try kind.find(ExpressionKind.Fact(name: "a", source: .text(pattern, requiresDigit: requiresDigit)),
                                         in: report, facts: facts)
                #expect(fast?.range == slow?.range && fast?.number.text == slow?.number.text, "\(lines)")
                if slow != nil { found += 1 }
            }
        }
        #expect(found > 40)
    }
}
