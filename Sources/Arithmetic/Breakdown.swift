/// Breakdowns: a total followed by the parts it is claimed to consist of. The finder is
/// deliberately timid — a false alarm costs a reviewer's trust, a miss costs a re-check — so it
/// returns nothing whenever the list may be a selection, mixes units, holds an approximate number,
/// or reads as a comparison with another period.
import Foundation

public struct Part: Sendable, Hashable {
    /// The scalars of the paragraph, shared: `label` is spelled out only when asked for.
    let paragraph: [Unicode.Scalar]
    public let labelRange: Range<Int>
    public let quantity: Quantity
    /// `(đạt 44,9 %)` written right after the part: its share of the total.
    public let share: Quantity?

    public var label: String { encodeScalars(paragraph, labelRange) }

    /// Equal when every field is, the label compared as text.
    public static func == (a: Part, b: Part) -> Bool {
        a.label == b.label && a.labelRange == b.labelRange && a.quantity == b.quantity && a.share == b.share
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(label)
        hasher.combine(labelRange)
        hasher.combine(quantity)
        hasher.combine(share)
    }
}

public struct Breakdown: Sendable, Hashable {
    public let total: Quantity
    public let parts: [Part]
    /// The connective as written (`trong đó`, `gồm`); nil for a bare parenthesised list
    /// such as `(cố định là 58.437 thuê bao, di động là 1.263.798 thuê bao)`.
    public let connective: String?
    public let isParenthesised: Bool
    /// From the total to the end of the last part.
    public let range: Range<Int>
}

/// Every checkable breakdown in a paragraph.
public func findBreakdowns(in text: String, vocabulary: Vocabulary = .standard) -> [Breakdown] {
    let scalars = ScalarText(text)
    var entries: [NumberEntry] = []
    var quantities: [Quantity] = []
    var numbers: [VNumber] = []
    scanNumbers(scalars, vocabulary, entries: &entries, quantities: &quantities, numbers: &numbers, keepNumbers: false)
    guard entries.count >= 3 else { return [] }
    let finder = BreakdownFinder(text: scalars, entries: entries, quantities: quantities, vocabulary: vocabulary)
    return finder.find()
}

/// `scanQuantities` and `findBreakdowns` of one paragraph from a single scan of its numbers:
/// both start with the same `scanNumbers` pass, the most expensive part of either.
public func scanQuantitiesAndBreakdowns(in text: String, vocabulary: Vocabulary = .standard)
    -> (quantities: [Quantity], breakdowns: [Breakdown]) {
    var scratch = QuantityScanScratch()
    return scanQuantitiesAndBreakdowns(in: text, vocabulary: vocabulary, scratch: &scratch)
}

/// Buffers `scanQuantitiesAndBreakdowns(in:vocabulary:scratch:)` reuses from one paragraph to
/// the next (the numbers of a paragraph are only read while it is scanned).
public struct QuantityScanScratch {
    var entries: [NumberEntry] = []

    public init() {}
}

/// `scanQuantitiesAndBreakdowns(in:vocabulary:)` with the per-paragraph list of numbers kept in
/// `scratch`, so that a report's paragraphs share one buffer instead of allocating one each.
public func scanQuantitiesAndBreakdowns(in text: String, vocabulary: Vocabulary, scratch: inout QuantityScanScratch)
    -> (quantities: [Quantity], breakdowns: [Breakdown]) {
    // Every number starts at an ASCII digit: without one there is nothing to find.
    guard text.hasASCIIDigit else { return ([], []) }
    let scalars = ScalarText(text)
    // The quantities are written once into their own store; the finder refers to them by index.
    var entries: [NumberEntry] = []
    swap(&entries, &scratch.entries)
    entries.removeAll(keepingCapacity: true)
    defer { swap(&entries, &scratch.entries) }
    var quantities: [Quantity] = []
    var numbers: [VNumber] = []
    scanNumbers(scalars, vocabulary, entries: &entries, quantities: &quantities, numbers: &numbers, keepNumbers: false)
    guard entries.count >= 3 else { return (quantities, []) }
    return (quantities,
            BreakdownFinder(text: scalars, entries: entries, quantities: quantities, vocabulary: vocabulary).find())
}

/// Roles that make a list unreadable as a partition: a part labelled by a date or a period is a
/// time series, a ratio is not a count.
private func isBlockingRole(_ role: NumberRole) -> Bool {
    switch role {
    case .date, .year, .documentNumber, .fraction, .ratio, .range, .time, .phone: true
    case .quantity, .designator, .name, .footnote, .code: false
    }
}
/// Tense and voice markers open a predicate: a "label" that starts with one (`đã giải quyết`)
/// is the next statement of the sentence, not a part (`hồ sơ đang giải quyết` is a part).
let aspectMarkers = ["đã", "đang", "sẽ", "chưa", "được", "bị"].map(FoldedPhrase.init)
private let aspectMarkerIndex = PhraseIndex(aspectMarkers)
private let existentialMarker = FoldedPhrase("có")
/// `gồm` says "consists of"; `trong đó` only says "of which" and often introduces highlights.
let partitionConnectives = Set(["gồm", "bao gồm", "gồm có"].map(FoldedPhrase.init))

private struct BreakdownFinder {
    let text: ScalarText
    /// Every number of the paragraph, in order; a quantity's entry holds its index in `quantities`.
    let entries: [NumberEntry]
    let quantities: [Quantity]
    let vocabulary: Vocabulary

    init(text: ScalarText, entries: [NumberEntry], quantities: [Quantity], vocabulary: Vocabulary) {
        self.text = text
        self.entries = entries
        self.quantities = quantities
        self.vocabulary = vocabulary
    }

    func find() -> [Breakdown] {
        var found: [Breakdown] = []
        for index in entries.indices {
            // Tested in place, by index: a quantity is copied only into a breakdown found.
            let q = entries[index].quantity
            guard q >= 0, quantities[q].unit != nil, !quantities[q].isPercent, !quantities[q].isApproximate
            else { continue }
            if let breakdown = breakdown(after: q, entryIndex: index) { found.append(breakdown) }
        }
        return found
    }

    enum Shape { case open, parenthesised }

    func breakdown(after totalIndex: Int, entryIndex: Int) -> Breakdown? {
        var k = afterComplement(text.skipSpaces(from: quantities[totalIndex].range.upperBound))
        var shape = Shape.open
        var regionEnd: Int
        var close: Int?
        if text[k] == 0x28 {
            guard let c = matchingParen(from: k) else { return nil }
            close = c
            shape = .parenthesised
            k = text.skipSpaces(from: k + 1)
            regionEnd = c
        } else {
            if text[k] == 0x2C || text[k] == 0x3A { k = text.skipSpaces(from: k + 1) }
            regionEnd = text.count
        }
        if text.longestMatch(of: vocabulary.storage.nonExhaustiveIndex, at: k) != nil { return nil }
        /// The connective's index in `vocabulary.connectivePhrases`.
        var connective: Int?
        var regionStart = k
        if let hit = text.longestMatch(of: vocabulary.storage.connectiveIndex, at: k) {
            connective = hit.index
            regionStart = hit.end
            var after = text.skipSpaces(from: hit.end)
            while text[after] == 0x2C || text[after] == 0x3A { after = text.skipSpaces(from: after + 1) }
            if text.longestMatch(of: vocabulary.storage.nonExhaustiveIndex, at: after) != nil { return nil }
            if text.match(existentialMarker, at: after) != nil { return nil }   // `trong đó, có …`
        } else if shape == .open {
            return nil
        }
        if shape == .open { regionEnd = openRegionEnd(from: regionStart) }
        guard regionStart < regionEnd else { return nil }
        // `collectParts` needs two parts, each a quantity (not a percentage) that starts inside
        // the region: without two, every path below returns nil, so the phrase scans are skipped.
        guard hasTwoPartCandidates(in: regionStart..<regionEnd, after: entryIndex) else { return nil }
        var cut = regionEnd
        // The comparison and the non-exhaustive markers, searched in one pass.
        let found = text.firstOccurrence(of: vocabulary.storage.breakdownStopIndex,
                                         andLeastEndOf: vocabulary.storage.nonExhaustiveIndex, in: regionStart..<regionEnd)
        if let stop = found.stop {
            // A closed list that mentions a comparison is not a partition; an open one ends
            // at the clause that starts the comparison.
            if shape == .parenthesised { return nil }
            cut = clauseStart(before: stop, notBefore: regionStart)
        }
        // A non-exhaustive marker before the cut (`firstOccurrence` of them in regionStart..<cut).
        if found.othersEnd <= cut { return nil }
        guard var parts = collectParts(in: regionStart..<cut, after: entryIndex, total: totalIndex,
                                       isParenthesised: shape == .parenthesised) else { return nil }
        guard parts.count >= 2 else { return nil }
        let total = quantities[totalIndex]

        if let totalWhole = total.number.wholeValue, let sum = wholeSum(parts.lazy.map(\.quantity)) {
            // Whole numbers only: the same tests as below on Ints (each interval is its value).
            var partsSum = sum
            if shape == .open, sum != totalWhole {
                var running = 0
                for index in parts.indices {
                    running += parts[index].quantity.number.wholeValue!
                    if index >= 1, index < parts.count - 1, running == totalWhole {
                        parts = Array(parts[...index])
                        partsSum = running
                        break
                    }
                }
            }
            if connective.map({ !vocabulary.storage.connectiveIsPartition[$0] }) ?? true, partsSum * 2 < totalWhole {
                return nil   // `trong đó` naming a few highlights of a much larger total
            }
            return finish(total: total, parts: parts, connective: connective, k: k, regionStart: regionStart,
                          shape: shape, close: close)
        }
        let totalInterval = total.interval
        let sum = parts.reduce(DecimalInterval.zero) { $0 + $1.quantity.interval }
        // The sum of the parts kept: the same additions as `sum`, or as `running` when the list
        // is cut after a prefix.
        var partsSum = sum
        if shape == .open, !sum.overlaps(totalInterval) {
            // An open list can run into the next statement of the sentence; when a prefix of at
            // least two parts adds up exactly, the rest belongs to that next statement.
            var running = DecimalInterval.zero
            for (index, part) in parts.enumerated() {
                running = running + part.quantity.interval
                if index >= 1, index < parts.count - 1, running.overlaps(totalInterval) {
                    parts = Array(parts[...index])
                    partsSum = running
                    break
                }
            }
        }
        if connective.map({ !vocabulary.storage.connectiveIsPartition[$0] }) ?? true, partsSum.high * 2 < totalInterval.low {
            return nil   // `trong đó` naming a few highlights of a much larger total
        }
        return finish(total: total, parts: parts, connective: connective, k: k, regionStart: regionStart,
                      shape: shape, close: close)
    }

    func finish(total: Quantity, parts: [Part], connective: Int?, k: Int, regionStart: Int, shape: Shape,
                close: Int?) -> Breakdown {
        let last = parts.last!
        let end = max(last.share?.range.upperBound ?? 0, last.quantity.range.upperBound, close.map { $0 + 1 } ?? 0)
        return Breakdown(total: total, parts: parts,
                         connective: connective.map { _ in text.string(k..<regionStart) },
                         isParenthesised: shape == .parenthesised,
                         range: total.range.lowerBound..<end)
    }

    /// Where a connective or a parenthesis may start after a total: right after the unit, or
    /// after a short complement of the unit (`30 cuộc thanh tra, kiểm tra, trong đó …`,
    /// `12 đơn vị cấp tỉnh (gồm …)`) that holds no number and no new predicate.
    func afterComplement(_ start: Int) -> Int {
        if text[start] == 0x28 || text[start] == 0x2C || text[start] == 0x3A
            || text.longestMatch(of: vocabulary.storage.connectiveIndex, at: start) != nil { return start }
        var i = start
        var words = 0
        while i < text.count, words <= 8 {
            let c = text[i]
            if text.isLetter(i) {
                if text.longestMatch(of: vocabulary.storage.connectiveIndex, at: i) != nil { return i }
                if text.longestMatch(of: vocabulary.storage.breakdownPredicateIndex, at: i) != nil { return start }
                while text.isLetter(i) { i += 1 }
                words += 1
            } else if c == 0x28 {
                return i
            } else if c == 0x2C || c == 0x3A {
                let next = text.skipSpaces(from: i + 1)
                if text.longestMatch(of: vocabulary.storage.connectiveIndex, at: next) != nil { return i }
                i += 1
            } else if isWhitespace(c) || c == 0x2D {
                i += 1
            } else {
                return start
            }
        }
        return start
    }

    /// The end of an open list: `;`, a sentence end, an unmatched `)`, a tab, or the paragraph end.
    func openRegionEnd(from start: Int) -> Int {
        var depth = 0
        var i = start
        while i < text.count {
            let c = text[i]
            if c == 0x28 { depth += 1 }
            else if c == 0x29 { if depth == 0 { return i }; depth -= 1 }
            else if depth == 0 {
                if c == 0x3B || c == 0x09 { return i }
                if c == 0x2E, i + 1 == text.count || text.isSpace(i + 1) { return i }
            }
            i += 1
        }
        return i
    }

    func matchingParen(from open: Int) -> Int? {
        var depth = 0
        var i = open
        while i < text.count {
            if text[i] == 0x28 { depth += 1 }
            else if text[i] == 0x29 { depth -= 1; if depth == 0 { return i } }
            i += 1
        }
        return nil
    }

    /// The last top-level `,` or `;` before `position`, or `floor`.
    func clauseStart(before position: Int, notBefore floor: Int) -> Int {
        var depth = 0
        var i = position
        while i > floor {
            let c = text[i - 1]
            if c == 0x29 { depth += 1 } else if c == 0x28 { depth -= 1 }
            else if depth == 0 && (c == 0x2C || c == 0x3B) { return i - 1 }
            i -= 1
        }
        return floor
    }

    /// Whether at least two quantities after `entryIndex` that are not percentages start in
    /// `region`: the least `collectParts` needs to find two candidates.
    func hasTwoPartCandidates(in region: Range<Int>, after entryIndex: Int) -> Bool {
        var found = 0
        var index = entryIndex + 1
        while index < entries.count {
            defer { index += 1 }
            let q = entries[index].quantity
            guard q >= 0 else { continue }
            let start = entries[index].start
            if start < region.lowerBound { continue }
            if start >= region.upperBound { break }
            if !quantities[q].isPercent {
                found += 1
                if found == 2 { return true }
            }
        }
        return false
    }

    func collectParts(in region: Range<Int>, after entryIndex: Int, total totalIndex: Int, isParenthesised: Bool) -> [Part]? {
        // Quantities by index into `quantities`: copied only into the parts returned.
        var candidates: [(quantity: Int, share: Int?, end: Int)] = []
        // At most one per entry after the total: sized once instead of grown.
        candidates.reserveCapacity(entries.count - entryIndex - 1)
        var depth = 0
        var cursor = region.lowerBound
        var skipUntil = region.lowerBound
        for k in (entryIndex + 1)..<max(entryIndex + 1, entries.count) {
            let start = entries[k].start
            if start < region.lowerBound { continue }
            if start >= region.upperBound { break }
            if start < skipUntil { continue }
            while cursor < start {
                if text[cursor] == 0x28 { depth += 1 } else if text[cursor] == 0x29 { depth -= 1 }
                cursor += 1
            }
            guard depth == 0 else { continue }
            let q = entries[k].quantity
            guard q >= 0 else {
                if isBlockingRole(entries[k].role) { return nil }
                continue
            }
            let range = quantities[q].range
            if quantities[q].isPercent {
                // A bare percentage after a part is its share only when a share verb says so.
                guard let previous = candidates.last, previous.share == nil,
                      isShareLead(previous.end..<range.lowerBound) else { return nil }
                candidates[candidates.count - 1].share = q
                candidates[candidates.count - 1].end = range.upperBound
                skipUntil = range.upperBound
                continue
            }
            guard quantities[q].unit == quantities[totalIndex].unit, !quantities[q].isApproximate else { return nil }
            var end = range.upperBound
            var share: Int?
            let next = text.skipSpaces(from: end)
            if text[next] == 0x28, let close = matchingParen(from: next), close < region.upperBound {
                share = shareInParentheses(next..<(close + 1))
                end = close + 1
            }
            candidates.append((q, share, end))
            skipUntil = end
            while cursor < end {
                if text[cursor] == 0x28 { depth += 1 } else if text[cursor] == 0x29 { depth -= 1 }
                cursor += 1
            }
        }
        guard candidates.count >= 2 else { return nil }

        // Labels come before the numbers (`cố định là 58.437 thuê bao`) or, when the first part
        // has none, after the unit (`178 thuê bao cố định`); a list must keep one style.
        var parts: [Part] = []
        parts.reserveCapacity(candidates.count)
        let firstPrefix = trimLabel(text, region.lowerBound..<quantities[candidates[0].quantity].range.lowerBound,
                                    vocabulary: vocabulary)
        if !firstPrefix.isEmpty {
            var previousEnd = region.lowerBound
            // A label that opens with a tense marker (`đang giải quyết 412 hồ sơ`) may be a part
            // or the next statement of the sentence. The arithmetic decides: the list ends there
            // only if the parts before it add up; if neither reading adds up, the list is
            // ambiguous and stays silent rather than risk a false alarm.
            var ambiguousEnd = false
            for candidate in candidates {
                let label = trimLabel(text, previousEnd..<quantities[candidate.quantity].range.lowerBound, vocabulary: vocabulary)
                guard !label.isEmpty else { return nil }
                if text.longestMatch(of: aspectMarkerIndex, at: label.lowerBound) != nil {
                    guard !parts.isEmpty, !isParenthesised else { return nil }
                    let before = parts.reduce(DecimalInterval.zero) { $0 + $1.quantity.interval }
                    if before.overlaps(quantities[totalIndex].interval) { break }
                    ambiguousEnd = true
                }
                parts.append(Part(paragraph: text.scalars, labelRange: label,
                                  quantity: quantities[candidate.quantity], share: candidate.share.map { quantities[$0] }))
                previousEnd = candidate.end
            }
            if ambiguousEnd, !parts.reduce(DecimalInterval.zero, { $0 + $1.quantity.interval }).overlaps(quantities[totalIndex].interval) {
                return nil
            }
        } else {
            var previousEnd = region.lowerBound
            for (index, candidate) in candidates.enumerated() {
                let gap = trimLabel(text, previousEnd..<quantities[candidate.quantity].range.lowerBound, vocabulary: vocabulary)
                guard gap.isEmpty else { return nil }
                let limit = index + 1 < candidates.count ? quantities[candidates[index + 1].quantity].range.lowerBound : region.upperBound
                var labelEnd = candidate.end
                while labelEnd < limit, !isClauseMark(text[labelEnd]) { labelEnd += 1 }
                let label = trimLabel(text, candidate.end..<labelEnd, vocabulary: vocabulary)
                guard !label.isEmpty else { return nil }
                parts.append(Part(paragraph: text.scalars, labelRange: label,
                                  quantity: quantities[candidate.quantity], share: candidate.share.map { quantities[$0] }))
                previousEnd = labelEnd
            }
        }
        return parts
    }

    /// `(đạt 44,9 %)`, `(6,6%)`, `(chiếm 30%)`: one percentage, at most a share verb before it,
    /// and no comparison with another period.
    func shareInParentheses(_ range: Range<Int>) -> Int? {
        let inside = (range.lowerBound + 1)..<(range.upperBound - 1)
        // The one entry inside that is not a footnote, counted without copying any.
        var containedCount = 0
        var contained = -1
        for index in entries.indices where inside.contains(entries[index].start) && entries[index].role != .footnote {
            containedCount += 1
            contained = index
        }
        guard containedCount == 1 else { return nil }
        let shareIndex = entries[contained].quantity
        guard shareIndex >= 0 else { return nil }
        let share = quantities[shareIndex]
        guard share.isPercent, !share.isApproximate else { return nil }
        if text.firstOccurrence(of: vocabulary.storage.comparisonOrChangeIndex, in: inside,
                                topLevelOnly: false) != nil { return nil }
        guard isShareLead(inside.lowerBound..<share.range.lowerBound) else { return nil }
        let tail = text.skipSpaces(from: share.range.upperBound)
        var tailEnd = tail
        while tailEnd < inside.upperBound, text.isDigit(tailEnd) { tailEnd += 1 }   // footnote
        return text.skipSpaces(from: tailEnd) >= inside.upperBound ? shareIndex : nil
    }

    /// Whether `range` holds only separators and share verbs (`, chiếm`, `đạt tỷ lệ`).
    func isShareLead(_ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            if isWhitespace(text[i]) || text[i] == 0x2C || text[i] == 0x3A { i += 1; continue }
            guard let hit = text.longestMatch(of: vocabulary.storage.shareIndex, at: i), hit.end <= range.upperBound
            else { return false }
            i = hit.end
        }
        return true
    }
}
