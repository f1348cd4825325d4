import Arithmetic
import Foundation
@testable import Rules
import SourceText
import Testing

/// The byte checks that let the text rules skip a pattern on a line never skip a line where the
/// pattern would have found something.
struct TextPrefilterTests {
    static func substitution(_ fields: String) throws -> SubstitutionKind {
        let (rule, errors) = RuleSetLoader.exampleRule(kind: "substitution", fields: fields)
        #expect(errors.isEmpty)
        let loaded = try #require(rule)
        return try #require(loaded.kind as? SubstitutionKind)
    }

    static func builtin(_ id: String) throws -> Rule {
        let catalog = try #require(RuleCatalog.builtin().0)
        return try #require(catalog.rules.first { $0.id == id }, "no built-in rule \(id)")
    }

    /// Lines made of pieces of the entries' spellings in every case, near misses, neighbours
    /// that the lookbehinds look at, and decomposed forms.
    static func randomLine(_ pieces: [String], using generator: inout some RandomNumberGenerator) -> String {
        var line = ""
        for _ in 0..<Int.random(in: 1...10, using: &generator) {
            var piece = pieces.randomElement(using: &generator)!
            switch Int.random(in: 0..<8, using: &generator) {
            case 0: piece = piece.uppercased()
            case 1: piece = piece.prefix(1).uppercased() + piece.dropFirst()
            case 2: piece = piece.decomposedStringWithCanonicalMapping
            case 3: piece = String(piece.prefix(Int.random(in: 0...piece.count, using: &generator)))
            default: break
            }
            line += piece + [" ", "  ", "", ", ", "_", "x", "\t"].randomElement(using: &generator)!
        }
        return line
    }

    static let misspellingPieces = [
        "Công thông tin điện tử", "cổng thông tin", "HDND", "hdnd", "HĐND", "UBDN", "Inmasat", "bổ xung", "bổ  xung", "xuất xắc",
        "suất sắc", "sơ xuất", "chỉnh chu", "tựu chung", "chau dồi", "chuẩn đoán", "sử lý", "Sử lý", "lịch sử lý", "tiểu sử lý",
        "quốc sử lý", "Lịch", "sử phạt", "Sử phạt", "lịch sử phạt", "sát nhập", "Sát nhập", "giám sát nhập khẩu", "sát nhập liệu",
        "chín mùi", "CHÍN MÙI", "Chín Mùi", "đã", "1", "tỉnh", "xử lý",
    ]

    @Test(arguments: ["vi-text/misspelling", "vi-text/likely-misspelling"])
    func builtinEntriesFindTheSameWithAndWithoutTheByteCheck(_ id: String) throws {
        let kind = try #require(try TextPrefilterTests.builtin(id).kind as? SubstitutionKind)
        #expect(kind.prefiltered.allSatisfy { $0 }, "every entry of \(id) has a byte check")
        try compare(kind, TextPrefilterTests.misspellingPieces, lines: 20_000)
    }

    @Test func userEntriesFindTheSameWithAndWithoutTheByteCheck() throws {
        let kind = try TextPrefilterTests.substitution(#"""
            entries:
              - { wrong: "a b", right: "c" }
              - { wrong: "ß", right: "ss" }
              - { wrong: "ǆa", right: "dža" }
              - { wrong: "ĳ", right: "ij" }
              - { wrong: "Ab", right: "AB" }
              - { match: "(?i)xy", right: "z" }
              - { match: "x+y|ab", right: "z" }
              - { match: "(?<=a )b{2}c", right: "z" }
              - { match: "\\bq[ab]?r\\b", right: "z" }
              - { match: "\\p{Lu}ờ", right: "z" }
            """#)
        #expect(kind.prefiltered == [true, true, true, true, true, false, false, true, true, true])
        try compare(kind, ["a b", "A B", "a  b", "A b", "ß", "SS", "ẞ", "ǆa", "ǅa", "ǄA", "Ǆa", "ĳ", "Ĳ", "ab", "AB", "aB", "Ab",
                           "xy", "XY", "xxy", "a bbc", "a bc", "qr", "qar", "Qr", "Ờ", "Bờ", "bờ", "ờ"], lines: 20_000)
    }

    func compare(_ kind: SubstitutionKind, _ pieces: [String], lines: Int) throws {
        var generator = SystemRandomNumberGenerator()
        var scratch = [Bool](repeating: false, count: kind.entries.count + 1)
        var found = 0
        for _ in 0..<lines {
            // Report lines are NFC; decomposed pieces are composed again but for the odd mark.
            var line = TextPrefilterTests.randomLine(pieces, using: &generator)
            if Bool.random(using: &generator) { line = line.precomposedStringWithCanonicalMapping }
            let fast = try kind.findings(in: line, prefilter: true, &scratch)
            let slow = try kind.findings(in: line, prefilter: false, &scratch)
            #expect(fast.map { "\($0.entry) \($0.range) \($0.found)" } == slow.map { "\($0.entry) \($0.range) \($0.found)" }, "\(line)")
            found += slow.count
        }
        #expect(found > lines / 10)
    }

    /// The marked vowels `placementPairs` looks for are, with their capitals, exactly the
    /// scalars PCRE2 matches caselessly; so are o, u, a, e and y.
    @Test func placementLettersAreClosedUnderPCRE2Caselessness() throws {
        var all = ""
        for value in UInt32(1)...0x10FFFF {
            if let scalar = Unicode.Scalar(value) { all.unicodeScalars.append(scalar) }
        }
        let vowels = ConsistencyKind.placementLetterSets.map(\.0).joined()
        for letter in (vowels + vowels.uppercased()).unicodeScalars {
            // `placementPairs` decodes only these lead bytes.
            #expect([0xC3, 0xC5, 0xE1].contains(String(letter).utf8.first!), "\(letter)")
        }
        for letter in (vowels + "ouaey").unicodeScalars {
            let text = String(letter)
            // Compared as scalar values: String equality would take U+212B for Å.
            let matches = try Pattern("(?i:\(text))").allMatches(in: all).flatMap { all.substring(utf8: $0).unicodeScalars.map(\.value) }
            #expect(Set(matches) == Set((text + text.uppercased()).unicodeScalars.map(\.value)), "\(text): \(matches)")
        }
    }

    @Test func placementPairsAreFoundWhereverThePatternsMatch() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["hoá", "hóa", "HOÁ", "HÓA", "Hoà", "hòa", "khoẻ", "khỏe", "KHỎE", "thuỷ", "thủy", "THUỶ", "THỦY", "uỷ", "Ủy",
                      "quý", "quỷ", "hoàng", "toả", "tỏa", "xoè", "xòe", "oa", "o", "u", "a", "y", "e", "ó", "ú", "ả", "ỳ", "Ý",
                      "1", "đ", "hoá1", "ủya"]
        var hits = 0
        for _ in 0..<20_000 {
            let line = TextPrefilterTests.randomLine(pieces, using: &generator)
            let (old, new) = ConsistencyKind.placementPairs(line)
            let oldMatches = try ConsistencyKind.oldPlacement.firstMatch(in: line) != nil
            let newMatches = try ConsistencyKind.newPlacement.firstMatch(in: line) != nil
            #expect(old || !oldMatches, "\(line)")
            #expect(new || !newMatches, "\(line)")
            if oldMatches || newMatches { hits += 1 }
        }
        #expect(hits > 1000)
    }

    /// The eight-bytes-at-a-time scan for lead bytes finds what the byte-by-byte one does.
    @Test func placementPairsWordAtATimeAgreesWithByteByByte() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["hoá", "hóa", "HOÁ", "Hoà", "khỏe", "thuỷ", "THỦY", "uỷ", "Ủy", "quý", "oa", "o", "u", "a", "y", "e", "ó",
                      "ú", "ả", "ỳ", "Ý", "1", "đ", "ư", "ơ", "ũa", "Ũy", "oẽ", "𝔸", "€", " ", "abcdefgh", "ủya", "\t"]
        var both = 0
        for _ in 0..<20_000 {
            let line = TextPrefilterTests.randomLine(pieces, using: &generator)
            let fast = ConsistencyKind.placementPairs(line), slow = ConsistencyKind.placementPairsByteByByte(line)
            #expect(fast == slow, "\(line)")
            if slow.old && slow.new { both += 1 }
        }
        #expect(both > 100)
    }

    /// The byte shortcut for finding the Quốc hiệu in its line agrees with Foundation's search.
    @Test func lineContainsAgreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["CỘNG HOÀ", "CỘNG HÒA", "CO\u{302}\u{323}NG HOA\u{300}", "a", " ", "\t", "\u{301}", "\u{200D}", "é", "e\u{301}",
                      "NAM", "X", "🇻🇳", "\r", "\n", "ก\u{E33}", "\u{600}"]
        var found = 0
        for _ in 0..<20_000 {
            let part = (0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var line = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            if Bool.random(using: &generator) {
                line.insert(contentsOf: part, at: line.index(line.startIndex, offsetBy: Int.random(in: 0...line.count, using: &generator)))
            }
            let expected = ConsistencyKind.lineContains(line, part, shortcut: false)
            #expect(ConsistencyKind.lineContains(line, part) == expected, "\(line.debugDescription) \(part.debugDescription)")
            if expected { found += 1 }
        }
        #expect(found > 1000)
    }

    @Test func spellingNeedlesAreInEveryLineASpellingMatches() throws {
        let rule = try TextPrefilterTests.builtin("vi-text/term-spelling")
        let builtin = try #require(rule.kind as? ConsistencyKind)
        #expect(builtin.spellingFiltered.allSatisfy { $0 })
        let (loaded, errors) = RuleSetLoader.exampleRule(kind: "consistency", fields: #"""
            variants: [[tỷ lệ, tỉ lệ], [kỹ thuật, kĩ thuật], [quy định, qui định], [email, e-mail], [ĐƯỢC, đuợc], [sis, ſiſ], [Ǆa, ǅa], [x, y]]
            """#)
        #expect(errors.isEmpty)
        let userRule = try #require(loaded)
        let user = try #require(userRule.kind as? ConsistencyKind)
        var generator = SystemRandomNumberGenerator()
        var hits = 0
        for kind in [builtin, user] {
            let spellings = kind.terms.flatMap(\.spellings)
            let patterns = kind.terms.flatMap(\.patterns)
            let pieces = spellings + ["tỷ", "lệ", "kĩ", "quy", "e", "mail", "đ", "1", "EMAIL", "Ê-MAIL", "KĨ THUẬT", "Ǆ", "ſ", "S", "-"]
            for _ in 0..<10_000 {
                let line = TextPrefilterTests.randomLine(pieces, using: &generator)
                var present = [Bool](repeating: false, count: spellings.count)
                try Pattern.withUTF8(of: line) { buffer throws(Pattern.MatchError) in kind.spellingLiterals.mark(in: buffer, &present) }
                for (i, pattern) in patterns.enumerated() where try pattern.firstMatch(in: line) != nil {
                    hits += 1
                    #expect(!kind.spellingFiltered[i] || present[i], "\(spellings[i]) in \(line)")
                }
            }
        }
        #expect(hits > 5000)
    }

    /// `CaselessLiteral.variants` lists exactly the scalars PCRE2 matches caselessly.
    @Test func caselessVariantsAreThoseOfPCRE2() throws {
        var all = ""
        for value in UInt32(1)...0x10FFFF {
            if let scalar = Unicode.Scalar(value) { all.unicodeScalars.append(scalar) }
        }
        var known = 0
        for value in UInt32(0)...0x1FFF {
            guard let scalar = Unicode.Scalar(value), let variants = CaselessLiteral.variants(of: scalar) else { continue }
            known += 1
            let hex = String(value, radix: 16)
            // Compared as scalar values: String equality would take U+212B for Å.
            let matches = try Pattern("\\x{\(hex)}", caseInsensitive: true).allMatches(in: all)
                .flatMap { all.substring(utf8: $0).unicodeScalars.map(\.value) }
            #expect(Set(matches) == Set(variants.map(\.value)), "U+\(hex): \(matches)")
        }
        #expect(known > 200)
        #expect(CaselessLiteral.variants(of: "k") == nil && CaselessLiteral.variants(of: "ǅ") == nil)
        #expect(CaselessLiteral.needles("tỷ lệ")?.map { String(decoding: $0, as: UTF8.self) } == ["tỷ", "tỶ", "Tỷ", "TỶ"])
    }

    /// Quantities already in line order keep it without a sort; others are sorted as before.
    @Test func quantityLineOrderWithoutSortAgreesWithSort() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2000 {
            var starts = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                Location(line: Int.random(in: 1...5, using: &generator), column: Int.random(in: 1...3, using: &generator))
            }
            if round % 2 == 0 { starts.sort() }
            #expect(NumberFormatKind.lineOrder(starts) == NumberFormatKind.lineOrder(starts, sorted: true), "\(starts)")
        }
    }

    /// Skipping eight bytes without a digit gives the answer of the byte-by-byte check.
    @Test func notationPreCheckSkipsOnlyWhatChangesNothing() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["1", "12", "123", "1234", "12345", ",", ".", " ", "%", "a", "hồ sơ", "tỷ", "/", "0", "9", ":", "abcdefg",
                      "Đạt tổng số ", "ứ", "\u{7F}", "@", "99.999", "1,000,000", "1,234.5"]
        var flagged = 0
        for _ in 0..<30_000 {
            let line = (0..<Int.random(in: 1...16, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let slow = NumberFormatKind.mayFlagNotationByteByByte(line)
            #expect(NumberFormatKind.mayFlagNotation(line) == slow, "\(line)")
            if slow { flagged += 1 }
        }
        #expect(flagged > 1000)
        for byte in UInt8(0)...UInt8(255) {
            let word = UInt64(byte) << 24 | 0x4141_4141_0041_4141
            #expect((NumberFormatKind.digitBytes(word) != 0) == (byte >= 0x30 && byte <= 0x39), "\(byte)")
        }
    }

    /// `separators` and `percent-space` pass a line without an ASCII digit (`Facts.linesWithDigit`)
    /// before reading it: such a line never passes `mayFlagNotation` (byte by byte) nor matches
    /// `spaceBeforePercent`, and `linesWithDigit` tells exactly the lines with an ASCII digit.
    @Test func linesWithoutADigitCannotBeFlaggedByNumberFormat() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["1", "12", "12345", "1,322,235", "87.3", ",", ".", " ", "\t", "\u{A0}", "%", " %", "a", "hồ sơ", "٣", "３", "²",
                      "½", "Ⅻ", "tỷ lệ", "Đạt", "O", "l", "\u{7F}", "99.999", "1,234.5"]
        var withoutDigit = 0, flaggedWithDigit = 0
        for _ in 0..<30_000 {
            let line = (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let hasDigit = line.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
            var copy = line
            #expect(copy.withUTF8 { Facts.containsASCIIDigit($0) } == hasDigit, "\(line)")
            if hasDigit {
                if NumberFormatKind.mayFlagNotationByteByByte(line) { flaggedWithDigit += 1 }
                continue
            }
            withoutDigit += 1
            #expect(!NumberFormatKind.mayFlagNotationByteByByte(line), "\(line)")
            #expect(try NumberFormatKind.spaceBeforePercent.firstMatch(in: line) == nil, "\(line)")
        }
        #expect(withoutDigit > 1000 && flaggedWithDigit > 1000)
    }

    /// Every line where `separators` could flag a number passes `mayFlagNotation`.
    @Test func notationPreCheckPassesEveryLineWithAFlaggableNumber() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["1", "12", "123", "1234", "12345", ",", ".", ",", ".", " ", "%", "-", "a", "hồ sơ", "tỷ", "/", "x", "0"]
        var flaggable = 0
        for _ in 0..<30_000 {
            let line = (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let flagged = scanNumbers(in: line, vocabulary: RuleCatalog.builtinVocabulary).contains { scanned in
                switch scanned.number.notation {
                case .vietnamese: return false
                case .englishGrouping, .decimalPoint: return true
                case .ungrouped: return scanned.number.text.unicodeScalars.prefix { ("0"..."9").contains($0) }.count >= 5
                }
            }
            if flagged {
                flaggable += 1
                #expect(NumberFormatKind.mayFlagNotation(line), "\(line)")
            }
        }
        #expect(flaggable > 1000)
        #expect(!NumberFormatKind.mayFlagNotation("Đạt 44,9%, tổng 1.322.235 thuê bao, năm 2014, mã 12,34"))
        #expect(NumberFormatKind.mayFlagNotation("1,322,235") && NumberFormatKind.mayFlagNotation("87.3%")
            && NumberFormatKind.mayFlagNotation("1,322.5") && NumberFormatKind.mayFlagNotation("10538 hồ sơ"))
    }

    @Test func exactTextKeepsNormalisationsApart() {
        let nfc = "hồ sơ", nfd = "hồ sơ".decomposedStringWithCanonicalMapping
        #expect(nfc == nfd)
        #expect(ExactText(nfc) != ExactText(nfd))
        #expect(ExactText(nfc) == ExactText(String(nfd.precomposedStringWithCanonicalMapping)))
        #expect(Set([ExactText(nfc), ExactText(nfd), ExactText("hồ sơ")]).count == 2)
        #expect(ExactText("") == ExactText(""))
    }

    @Test func sentenceStartsCountScalars() {
        #expect(NumberFormatKind.sentenceStarts("Đạt 5 hồ sơ. Giải quyết 4 hs! Còn? x.y .") == [0, 12, 29, 34])
        #expect(NumberFormatKind.sentenceStarts("") == [0])
        #expect(NumberFormatKind.sentenceStarts(". ") == [0, 1])
    }
}
