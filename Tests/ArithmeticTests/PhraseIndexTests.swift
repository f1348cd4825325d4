import Testing
@testable import Arithmetic

/// `PhraseIndex` searches give exactly what the searches over the phrase array give, on
/// random texts built from the phrases themselves, their pieces, brackets and look-alikes.
struct PhraseIndexTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static var lists: [[FoldedPhrase]] {
        let v = Vocabulary.standard.storage
        return [v.designatorPhrases, v.approximatePhrases, v.estimatePhrases, v.approximateSuffixPhrases,
                v.connectivePhrases, v.nonExhaustivePhrases, v.sharePhrases, v.breakdownStopPhrases,
                v.breakdownPredicatePhrases, v.comparisonOrChangePhrases, v.unitPhrases, aspectMarkers,
                ["a", "a b", "ab", "b", "(a", "a)", "tổng  số", "x", "ơ", "Ĩ", "ĩa"].map(FoldedPhrase.init), []]
    }

    @Test func indexedSearchesAgreeOnRandomTexts() {
        var generator = Generator(state: 20_261_123)
        let lists = Self.lists
        var pieces = lists.flatMap { $0.map(\.text) }
        pieces += ["(", ")", " ", "  ", "\u{A0}", "\t", ",", ".", ":", "1", "25", "x", "A", "Ĩ", "ĩ", "ĩa", "Ơ",
                   "TRONG ĐÓ", "So Với", "ậ", "ư", "\u{128}", "\u{1E28}", "e\u{301}", "đ", "-", "…"]
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int.random(in: 1...14, using: &generator) {
                text += pieces.randomElement(using: &generator)!
                if Bool.random(using: &generator) { text += " " }
            }
            let scalars = ScalarText(text)
            for phrases in lists {
                let index = PhraseIndex(phrases)
                for i in 0...scalars.count {
                    let forward = scalars.longestMatch(of: phrases, at: i)
                    let indexedForward = scalars.longestMatch(of: index, at: i)
                    #expect(forward?.end == indexedForward?.end && forward?.index == indexedForward?.index,
                            "\(text.debugDescription) at \(i)")
                    let backward = scalars.longestMatch(of: phrases, endingAt: i)
                    let indexedBackward = scalars.longestMatch(of: index, endingAt: i)
                    #expect(backward?.start == indexedBackward?.start && backward?.index == indexedBackward?.index,
                            "\(text.debugDescription) ending at \(i)")
                    let j = Int.random(in: i...scalars.count, using: &generator)
                    for topLevel in [false, true] {
                        #expect(scalars.firstOccurrence(of: index, in: i..<j, topLevelOnly: topLevel)
                                    == scalars.firstOccurrence(of: phrases, in: i..<j, topLevelOnly: topLevel),
                                "\(text.debugDescription) in \(i)..<\(j)")
                    }
                }
            }
        }
    }
}

extension PhraseIndexTests {
    /// `Vocabulary.unit` (bucket table) gives the first spelling of `unitsByFirstScalar` that
    /// matches, on random texts of unit spellings and look-alikes.
    @Test func unitLookupAgreesWithTheDictionaryOnRandomTexts() {
        var generator = Generator(state: 7)
        let vocabulary = Vocabulary.standard
        let storage = vocabulary.storage
        var pieces = storage.unitPhrases.map(\.text) + ["HS", "Hồ  Sơ", "tin,bài", "1", "2.5", " ", "\u{A0}", "(", "%"]
        pieces += ["t", "h", "đ", "đv", "tr", "Đồng", "usd", "km2", "lượt  người", "ca", "cán", "chữ ký"]
        for _ in 0..<600 {
            var text = ""
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                text += pieces.randomElement(using: &generator)!
                if Bool.random(using: &generator) { text += " " }
            }
            let scalars = ScalarText(text)
            for i in 0...scalars.count {
                for glued in [false, true] {
                    let candidates = i < scalars.count ? storage.unitsByFirstScalar[scalars.folded[i]] ?? [] : []
                    let reference = candidates.lazy.compactMap { index in
                        scalars.match(storage.unitPhrases[index], at: i, glued: glued).map { ($0, storage.unitCanonical[index]) }
                    }.first
                    let found = vocabulary.unit(in: scalars, at: i, glued: glued)
                    #expect(found?.end == reference?.0 && found?.canonical == reference?.1, "\(text.debugDescription) at \(i)")
                }
            }
        }
    }
}

extension PhraseIndexTests {
    /// `connectiveIsPartition` says what hashing into `partitionConnectives` says.
    @Test func partitionFlagsAgreeWithTheSet() {
        let extra = Vocabulary(units: [:], connectives: ["Gồm", "gồm  có", "bao gồm", "trong số đó", "gồm"])
        for vocabulary in [Vocabulary.standard, Vocabulary.standard.extended(with: extra), extra] {
            let storage = vocabulary.storage
            #expect(storage.connectiveIsPartition.count == storage.connectivePhrases.count)
            for (index, phrase) in storage.connectivePhrases.enumerated() {
                #expect(storage.connectiveIsPartition[index] == partitionConnectives.contains(phrase), "\(phrase.text)")
            }
        }
    }
}

extension PhraseIndexTests {
    /// The one-pass search of a breakdown's region gives what the two searches give, for
    /// every cut at or before the stop.
    @Test func combinedRegionSearchAgreesWithTwoSearches() {
        var generator = Generator(state: 99)
        let v = Vocabulary.standard.storage
        let pairs = [(v.breakdownStopPhrases, v.nonExhaustivePhrases), (v.comparisonPhrases, v.connectivePhrases),
                     ([], v.nonExhaustivePhrases), (v.breakdownStopPhrases, []),
                     (["a", "(a", "b c"].map(FoldedPhrase.init), ["a", "ab", "c", "a  b"].map(FoldedPhrase.init))]
        var pieces = pairs.flatMap { $0.0.map(\.text) + $0.1.map(\.text) }
        pieces += ["(", ")", " ", ",", ";", ".", "1.250", "hồ sơ", "x", "TRONG ĐÓ CÓ", "So với", "...", "v.v", "ab", "\u{A0}"]
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<Int.random(in: 1...14, using: &generator) {
                text += pieces.randomElement(using: &generator)!
                if Bool.random(using: &generator) { text += " " }
            }
            let scalars = ScalarText(text)
            for (stops, others) in pairs {
                let stopIndex = PhraseIndex(stops)
                let otherIndex = PhraseIndex(others)
                for lower in 0...scalars.count {
                    let upper = Int.random(in: lower...scalars.count, using: &generator)
                    let found = scalars.firstOccurrence(of: stopIndex, andLeastEndOf: otherIndex, in: lower..<upper)
                    let stop = scalars.firstOccurrence(of: stops, in: lower..<upper, topLevelOnly: true)
                    #expect(found.stop == stop, "\(text.debugDescription) in \(lower)..<\(upper)")
                    for cut in lower...(stop ?? upper) {
                        let reference = scalars.firstOccurrence(of: others, in: lower..<cut, topLevelOnly: false) != nil
                        #expect((found.othersEnd <= cut) == reference, "\(text.debugDescription) in \(lower)..<\(upper) cut \(cut)")
                    }
                }
            }
        }
    }
}
