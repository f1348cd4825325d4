/// A paragraph as an array of Unicode scalars with a case-folded twin, so that every offset the
/// module reports is a scalar offset and phrase matching never builds substrings or lowercases
/// the whole text.

/// A vocabulary phrase folded once at load time. A space in the phrase matches one or more
/// whitespace scalars in the text, so `hồ  sơ` and `hồ sơ` are the same unit.
struct FoldedPhrase: Sendable, Hashable {
    let scalars: [UInt32]
    let text: String
    let startsWithWordCharacter: Bool
    let endsWithWordCharacter: Bool

    init(_ text: String) {
        self.text = text
        var out: [UInt32] = []
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar.value) {
                if !lastWasSpace { out.append(0x20) }
                lastWasSpace = true
            } else {
                out.append(foldCase(scalar))
                lastWasSpace = false
            }
        }
        if out.last == 0x20 { out.removeLast() }
        scalars = out
        startsWithWordCharacter = out.first.map(isWordValue) ?? false
        endsWithWordCharacter = out.last.map(isWordValue) ?? false
    }
}

struct ScalarText {
    let scalars: [Unicode.Scalar]
    let folded: [UInt32]
    var count: Int { scalars.count }

    init(_ text: String) {
        var text = text
        // One pass over the UTF-8 bytes into scratch buffers, then one copy into arrays of the
        // exact size: `Array(unsafeUninitializedCapacity:)` allocates through an unspecialised
        // path that looks up the array's metadata at run time (~460 instructions a call).
        (scalars, folded) = text.withUTF8 { bytes in
            let n = bytes.count
            return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: n) { scalarBuffer in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n) { foldedBuffer in
                    latinFoldTable.withUnsafeBufferPointer { table in
                        var i = 0
                        var k = 0
                        while i < n {
                            let b0 = UInt32(bytes[i])
                            if b0 < 0x80 {
                                // ASCII: the scalar is the byte, folded by hand.
                                scalarBuffer.initializeElement(at: k, to: Unicode.Scalar(UInt8(b0)))
                                foldedBuffer.initializeElement(at: k, to: (b0 &- 0x41 < 26) ? b0 | 0x20 : b0)
                                i += 1; k += 1
                                continue
                            }
                            let v = nextUTF8Scalar(bytes, at: &i)
                            // Swift strings hold valid UTF-8, so the fallback never fires.
                            let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                            scalarBuffer.initializeElement(at: k, to: scalar)
                            let f: UInt32
                            if v < 0x250 { f = table[Int(v)] }
                            else if v &- 0x1E00 < 0x100 { f = table[Int(v &- 0x1E00 &+ 0x250)] }
                            else { f = foldCase(scalar) }
                            foldedBuffer.initializeElement(at: k, to: f)
                            k += 1
                        }
                        return (Array(UnsafeBufferPointer(rebasing: scalarBuffer[0..<k])),
                                Array(UnsafeBufferPointer(rebasing: foldedBuffer[0..<k])))
                    }
                }
            }
        }
    }

    /// The text of `scalars`, folded as `init(_:)` folds them.
    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        folded = scalars.map(foldCase)
    }

    subscript(_ i: Int) -> UInt32 { i >= 0 && i < scalars.count ? scalars[i].value : 0 }

    func isDigit(_ i: Int) -> Bool { let v = self[i]; return v >= 0x30 && v <= 0x39 }
    func isSpace(_ i: Int) -> Bool { i >= 0 && i < count && isWhitespace(scalars[i].value) }
    func isWord(_ i: Int) -> Bool { i >= 0 && i < count && isWordValue(scalars[i].value) }
    func isLetter(_ i: Int) -> Bool { i >= 0 && i < count && isLetterValue(scalars[i].value) }

    func string(_ range: Range<Int>) -> String { encodeScalars(scalars, range) }

    /// The first position at or after `start` that holds an ASCII digit, or `count`.
    func nextDigit(from start: Int) -> Int {
        scalars.withUnsafeBufferPointer { scalars in
            var j = max(start, 0)
            while j < scalars.count, scalars[j].value &- 0x30 >= 10 { j += 1 }
            return j
        }
    }

    func skipSpaces(from i: Int) -> Int {
        var j = i
        while j < count && isWhitespace(scalars[j].value) { j += 1 }
        return j
    }

    func skipSpacesBackward(from end: Int) -> Int {
        var j = end
        while j > 0 && isWhitespace(scalars[j - 1].value) { j -= 1 }
        return j
    }

    /// The end of `phrase` when it occurs at `start`, honouring word boundaries. `glued` lets a
    /// unit follow a digit directly (`1.188ca`, `300.000đ`).
    func match(_ phrase: FoldedPhrase, at start: Int, glued: Bool = false) -> Int? {
        let p = phrase.scalars
        guard !p.isEmpty, start >= 0 else { return nil }
        if phrase.startsWithWordCharacter && start > 0 && isWord(start - 1) {
            guard glued && isDigit(start - 1) else { return nil }
        }
        var i = start
        var k = 0
        while k < p.count {
            if p[k] == 0x20 {
                guard i < count, isWhitespace(folded[i]) else { return nil }
                while i < count && isWhitespace(folded[i]) { i += 1 }
            } else {
                guard i < count, folded[i] == p[k] else { return nil }
                i += 1
            }
            k += 1
        }
        if phrase.endsWithWordCharacter && isWord(i) { return nil }
        return i
    }

    /// The start of `phrase` when it ends exactly at `end`, honouring word boundaries.
    func match(_ phrase: FoldedPhrase, endingAt end: Int) -> Int? {
        let p = phrase.scalars
        guard !p.isEmpty, end <= count else { return nil }
        if phrase.endsWithWordCharacter && isWord(end) { return nil }
        var i = end
        var k = p.count - 1
        while k >= 0 {
            if p[k] == 0x20 {
                guard i > 0, isWhitespace(folded[i - 1]) else { return nil }
                while i > 0 && isWhitespace(folded[i - 1]) { i -= 1 }
            } else {
                guard i > 0, folded[i - 1] == p[k] else { return nil }
                i -= 1
            }
            k -= 1
        }
        if phrase.startsWithWordCharacter && isWord(i - 1) { return nil }
        return i
    }

    /// `longestMatch(of:endingAt:)` after a one-bit test: `lastScalars` is
    /// `lastScalarMask(phrases)`, so a position no phrase can end at costs no loop.
    @inline(__always)
    func longestMatch(of phrases: [FoldedPhrase], lastScalars: UInt64, endingAt end: Int) -> (start: Int, index: Int)? {
        guard end > 0, end <= count, lastScalars & (1 << (folded[end - 1] & 63)) != 0 else { return nil }
        return longestMatch(of: phrases, endingAt: end)
    }

    /// `longestMatch(of:at:)` after a one-bit test: `firstScalars` is `firstScalarMask(phrases)`.
    @inline(__always)
    func longestMatch(of phrases: [FoldedPhrase], firstScalars: UInt64, at start: Int) -> (end: Int, index: Int)? {
        guard start >= 0, start < count, firstScalars & (1 << (folded[start] & 63)) != 0 else { return nil }
        return longestMatch(of: phrases, at: start)
    }

    /// The longest of `phrases` ending at `end`, as (start, phrase index).
    func longestMatch(of phrases: [FoldedPhrase], endingAt end: Int) -> (start: Int, index: Int)? {
        guard end > 0, end <= count else { return nil }
        let last = folded[end - 1]
        // The scalar before the last, tested here so that most phrases are not matched at all
        // (`match` compares it next; a space stands for a run of whitespace and is left to it).
        let previous = end >= 2 ? folded[end - 2] : UInt32.max
        var best: (start: Int, index: Int)?
        for index in phrases.indices where phrases[index].scalars.last == last {
            let count = phrases[index].scalars.count
            if count > 1 {
                let before = phrases[index].scalars[count - 2]
                if before != 0x20 && before != previous { continue }
            }
            if let start = match(phrases[index], endingAt: end), start < (best?.start ?? Int.max) {
                best = (start, index)
            }
        }
        return best
    }

    /// The longest of `phrases` starting at `start`, as (end, phrase index).
    func longestMatch(of phrases: [FoldedPhrase], at start: Int) -> (end: Int, index: Int)? {
        guard start >= 0, start < count else { return nil }
        let first = folded[start]
        // The second scalar, tested here as in `longestMatch(of:endingAt:)`.
        let next = start + 1 < count ? folded[start + 1] : UInt32.max
        var best: (end: Int, index: Int)?
        for index in phrases.indices where phrases[index].scalars.first == first {
            if phrases[index].scalars.count > 1 {
                let second = phrases[index].scalars[1]
                if second != 0x20 && second != next { continue }
            }
            if let end = match(phrases[index], at: start), end > (best?.end ?? Int.min) {
                best = (end, index)
            }
        }
        return best
    }

    /// Whether any of `phrases` occurs in `range` at parenthesis depth 0 relative to its start;
    /// returns the first position found.
    func firstOccurrence(of phrases: [FoldedPhrase], in range: Range<Int>, topLevelOnly: Bool) -> Int? {
        // First scalars of the phrases, hashed into 64 bits: most positions start none of them.
        var firstScalars: UInt64 = 0
        for phrase in phrases { if let first = phrase.scalars.first { firstScalars |= 1 << (first & 63) } }
        guard firstScalars != 0, !range.isEmpty else { return nil }
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        // The first two scalars of each phrase side by side (`none` for a missing one): a
        // position goes on to `match` only when both agree, and no phrase is copied for the test.
        let none = UInt32.max
        return withUnsafeTemporaryAllocation(of: (UInt32, UInt32).self, capacity: phrases.count) { starts -> Int? in
            for index in phrases.indices {
                let p = phrases[index].scalars
                starts[index] = (p.first ?? none, p.count > 1 ? p[1] : none)
            }
            return folded.withUnsafeBufferPointer { folded -> Int? in
                scalars.withUnsafeBufferPointer { scalars -> Int? in
                    var depth = 0
                    var i = range.lowerBound
                    while i < range.upperBound {
                        let v = folded[i]
                        if v == 0x28 { depth += 1 } else if v == 0x29 { depth = max(0, depth - 1) }
                        if firstScalars & (1 << (v & 63)) != 0, (!topLevelOnly || depth == 0),
                           !(i > 0 && isWordValue(scalars[i - 1].value) && isWordValue(v)) {
                            // Past the text no scalar agrees (a phrase scalar is at most 0x10FFFF).
                            let next = i + 1 < folded.count ? folded[i + 1] : none - 1
                            for index in 0..<starts.count where starts[index].0 == v {
                                let second = starts[index].1
                                // A space in a phrase stands for any run of whitespace: `match` decides.
                                guard second == none || second == next || second == 0x20 else { continue }
                                if let end = match(phrases[index], at: i), end <= range.upperBound { return i }
                            }
                        }
                        i += 1
                    }
                    return nil
                }
            }
        }
    }

    /// The word (letters and digits) that ends at or before `end`, skipping whitespace and the
    /// given punctuation.
    func previousWord(before end: Int, skipping punctuation: Set<UInt32> = []) -> Range<Int>? {
        var j = end
        while j > 0 && (isWhitespace(folded[j - 1]) || punctuation.contains(folded[j - 1])) { j -= 1 }
        guard j > 0, isLetter(j - 1) else { return nil }
        var s = j
        while s > 0 && isLetter(s - 1) { s -= 1 }
        return s..<j
    }

}

/// Spaces within a line. A tab is not one: it separates table cells in the text rendering of a
/// .docx, and no quantity, unit or label runs across a cell boundary.
@inline(__always) func isWhitespace(_ v: UInt32) -> Bool {
    v == 0x20 || v == 0xA0 || v == 0x0A || v == 0x0D || v == 0x202F || v == 0x2009
}

@inline(__always) func isLetterValue(_ v: UInt32) -> Bool {
    if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
    // Every Vietnamese letter, precomposed, plus stray combining marks: no property lookup.
    if v >= 0xC0 && v <= 0x24F { return v != 0xD7 && v != 0xF7 }
    if (v >= 0x1E00 && v <= 0x1EFF) || (v >= 0x300 && v <= 0x36F) { return true }
    if v < 0xC0 || (v >= 0x2000 && v <= 0x2BFF) { return false }   // Latin-1 symbols, punctuation
    guard let scalar = Unicode.Scalar(v) else { return false }
    return scalar.properties.isAlphabetic
}

@inline(__always) func isWordValue(_ v: UInt32) -> Bool {
    (v >= 0x30 && v <= 0x39) || isLetterValue(v)
}

/// Simple one-to-one lowercase mapping. Vietnamese letters are precomposed in NFC and all sit
/// in Latin-1, Latin Extended-A/B and Latin Extended Additional, handled without allocating.
func foldCase(_ scalar: Unicode.Scalar) -> UInt32 {
    let v = scalar.value
    if v < 0x80 { return (v >= 0x41 && v <= 0x5A) ? v + 0x20 : v }
    if v >= 0xC0 && v <= 0xDE && v != 0xD7 { return v + 0x20 }
    if (v >= 0x100 && v <= 0x137) || (v >= 0x14A && v <= 0x177) { return v | 1 }
    if v == 0x1A0 || v == 0x1AF { return v + 1 }
    if v >= 0x1EA0 && v <= 0x1EFF { return v | 1 }
    if v >= 0x1E00 && v <= 0x1E95 { return v | 1 }
    if v < 0x250 || (v >= 0x2000 && v <= 0x2BFF) || !scalar.properties.changesWhenLowercased { return v }
    return scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? v
}

/// `foldCase` of U+0000…U+024F, then of U+1E00…U+1EFF (Latin Extended Additional), so that
/// the scalars of Vietnamese text fold by one load.
let latinFoldTable: [UInt32] = (0..<0x250).map { foldCase(Unicode.Scalar(UInt32($0))!) }
    + (0x1E00..<0x1F00).map { foldCase(Unicode.Scalar(UInt32($0))!) }

/// The first scalars of `phrases`, hashed into 64 bits (bit `v & 63`).
func firstScalarMask(_ phrases: [FoldedPhrase]) -> UInt64 {
    phrases.reduce(0) { mask, phrase in phrase.scalars.first.map { mask | 1 << ($0 & 63) } ?? mask }
}

/// The last scalars of `phrases`, hashed into 64 bits (bit `v & 63`).
func lastScalarMask(_ phrases: [FoldedPhrase]) -> UInt64 {
    phrases.reduce(0) { mask, phrase in phrase.scalars.last.map { mask | 1 << ($0 & 63) } ?? mask }
}

/// The scalars of `range` as a String (`ScalarText.string`).
func encodeScalars(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
    // Encode straight into the string's buffer; appending to a UnicodeScalarView scalar by
    // scalar was a hot spot of the facts phase.
    // The exact size first: a string of at most 15 bytes is then built in place, without
    // allocating a buffer for four bytes per scalar.
    var size = 0
    for k in range {
        let v = scalars[k].value
        size += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
    }
    return String(unsafeUninitializedCapacity: size) { buffer in
        var k = 0
        for index in range { appendUTF8(scalars[index].value, to: buffer, at: &k) }
        return k
    }
}

/// The scalar value whose UTF-8 bytes start at `i`, moving `i` past them. The bytes are a Swift
/// string's (valid UTF-8); a sequence cut short by the end gives U+FFFD and ends the walk.
@inline(__always)
func nextUTF8Scalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) -> UInt32 {
    let n = bytes.count
    let b0 = UInt32(bytes[i])
    if b0 < 0x80 {
        i += 1
        return b0
    } else if b0 < 0xE0, i + 1 < n {
        defer { i += 2 }
        return (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
    } else if b0 < 0xF0, i + 2 < n {
        defer { i += 3 }
        return (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
    } else if i + 3 < n {
        defer { i += 4 }
        return (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
    }
    i = n
    return 0xFFFD
}

/// Writes the UTF-8 bytes of the scalar value `v` at `k` and moves `k` past them (the caller
/// has sized `buffer` for them).
@inline(__always)
func appendUTF8(_ v: UInt32, to buffer: UnsafeMutableBufferPointer<UInt8>, at k: inout Int) {
    if v < 0x80 {
        buffer[k] = UInt8(v); k += 1
    } else if v < 0x800 {
        buffer[k] = UInt8(0xC0 | (v >> 6)); buffer[k + 1] = UInt8(0x80 | (v & 0x3F)); k += 2
    } else if v < 0x10000 {
        buffer[k] = UInt8(0xE0 | (v >> 12)); buffer[k + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
        buffer[k + 2] = UInt8(0x80 | (v & 0x3F)); k += 3
    } else {
        buffer[k] = UInt8(0xF0 | (v >> 18)); buffer[k + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
        buffer[k + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[k + 3] = UInt8(0x80 | (v & 0x3F)); k += 4
    }
}

/// A phrase list prepared once for searching (`ScalarText.longestMatch(of:at:)`,
/// `longestMatch(of:endingAt:)`, `firstOccurrence(of:in:topLevelOnly:)` over an index): the
/// phrases grouped by first scalar and by last scalar (value & 63), each with its neighbouring
/// scalar, so that a position is compared with the few phrases that can start or end there
/// instead of every phrase of the list. Gives exactly what the searches over the array give.
final class PhraseIndex: Sendable {
    let phrases: [FoldedPhrase]
    /// Bit `v & 63` of every first scalar / every last scalar.
    let firstMask: UInt64
    let lastMask: UInt64
    /// Per low byte (`v & 255`) of a scalar: 1 when some phrase starts with a scalar of that low
    /// byte, 2 for `(` and `)`, which `firstOccurrence` counts.
    let firstOrParen: [UInt8]
    /// `byFirst[firstStart[b]..<firstStart[b + 1]]`: the phrases whose first scalar & 63 is `b`,
    /// in list order, as (first scalar, second scalar or `none`, phrase index).
    let firstStart: [Int]
    let byFirst: [(scalar: UInt32, next: UInt32, index: Int)]
    /// The same by last scalar, with the scalar before it.
    let lastStart: [Int]
    let byLast: [(scalar: UInt32, next: UInt32, index: Int)]
    /// The scalars of every phrase one after another, and per phrase where they are with its
    /// word-boundary flags: the searches match a phrase on these without copying its
    /// `FoldedPhrase` (two references to retain and release per attempt).
    let flat: [UInt32]
    let spans: [PhraseSpan]

    static let none = UInt32.max

    init(_ phrases: [FoldedPhrase]) {
        self.phrases = phrases
        firstMask = firstScalarMask(phrases)
        lastMask = lastScalarMask(phrases)
        var table = [UInt8](repeating: 0, count: 256)
        table[0x28] |= 2
        table[0x29] |= 2
        // Counted per bucket, then placed in list order: one pass over the phrases each.
        var firstStart = [Int](repeating: 0, count: 65)
        var lastStart = [Int](repeating: 0, count: 65)
        for phrase in phrases {
            guard let first = phrase.scalars.first, let last = phrase.scalars.last else { continue }
            firstStart[Int(first & 63) + 1] += 1
            lastStart[Int(last & 63) + 1] += 1
            table[Int(first & 255)] |= 1
        }
        for bucket in 0..<64 {
            firstStart[bucket + 1] += firstStart[bucket]
            lastStart[bucket + 1] += lastStart[bucket]
        }
        var byFirst = [(scalar: UInt32, next: UInt32, index: Int)](repeating: (0, 0, 0), count: firstStart[64])
        var byLast = byFirst
        var firstFill = firstStart
        var lastFill = lastStart
        for (index, phrase) in phrases.enumerated() {
            let p = phrase.scalars
            guard let first = p.first, let last = p.last else { continue }
            byFirst[firstFill[Int(first & 63)]] = (first, p.count > 1 ? p[1] : Self.none, index)
            firstFill[Int(first & 63)] += 1
            byLast[lastFill[Int(last & 63)]] = (last, p.count > 1 ? p[p.count - 2] : Self.none, index)
            lastFill[Int(last & 63)] += 1
        }
        firstOrParen = table
        (self.flat, self.spans) = PhraseSpan.flatten(phrases)
        self.firstStart = firstStart
        self.byFirst = byFirst
        self.lastStart = lastStart
        self.byLast = byLast
    }
}

/// Where a phrase's scalars sit in `PhraseIndex.flat`, with its word-boundary flags.
struct PhraseSpan: Sendable {
    let offset: Int
    let count: Int
    let startsWithWordCharacter: Bool
    let endsWithWordCharacter: Bool

    /// The scalars of `phrases` one after another in one array, and where each phrase is in it.
    static func flatten(_ phrases: [FoldedPhrase]) -> (flat: [UInt32], spans: [PhraseSpan]) {
        var flat: [UInt32] = []
        var spans: [PhraseSpan] = []
        spans.reserveCapacity(phrases.count)
        for phrase in phrases {
            spans.append(PhraseSpan(offset: flat.count, count: phrase.scalars.count,
                                    startsWithWordCharacter: phrase.startsWithWordCharacter,
                                    endsWithWordCharacter: phrase.endsWithWordCharacter))
            flat += phrase.scalars
        }
        return (flat, spans)
    }
}

/// `ScalarText.match(_:at:glued:)` of the phrase `span` of `flat`, on the text's buffers:
/// the same steps, without a `FoldedPhrase` to copy.
@inline(__always)
func matchSpan(_ span: PhraseSpan, of flat: UnsafeBufferPointer<UInt32>, at start: Int,
               folded: UnsafeBufferPointer<UInt32>, scalars: UnsafeBufferPointer<Unicode.Scalar>,
               glued: Bool = false) -> Int? {
    guard span.count > 0, start >= 0 else { return nil }
    let n = scalars.count
    if span.startsWithWordCharacter && start > 0 && start - 1 < n && isWordValue(scalars[start - 1].value) {
        guard glued && scalars[start - 1].value &- 0x30 < 10 else { return nil }
    }
    var i = start
    var k = span.offset
    let end = span.offset + span.count
    while k < end {
        let c = flat[k]
        if c == 0x20 {
            guard i < n, isWhitespace(folded[i]) else { return nil }
            while i < n && isWhitespace(folded[i]) { i += 1 }
        } else {
            guard i < n, folded[i] == c else { return nil }
            i += 1
        }
        k += 1
    }
    if span.endsWithWordCharacter && i < n && isWordValue(scalars[i].value) { return nil }
    return i
}

/// `ScalarText.match(_:endingAt:)` of the phrase `span` of `flat`, as `matchSpan(_:of:at:)`.
@inline(__always)
func matchSpan(_ span: PhraseSpan, of flat: UnsafeBufferPointer<UInt32>, endingAt end: Int,
               folded: UnsafeBufferPointer<UInt32>, scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Int? {
    let n = scalars.count
    guard span.count > 0, end <= n else { return nil }
    if span.endsWithWordCharacter && end >= 0 && end < n && isWordValue(scalars[end].value) { return nil }
    var i = end
    var k = span.offset + span.count - 1
    while k >= span.offset {
        let c = flat[k]
        if c == 0x20 {
            guard i > 0, isWhitespace(folded[i - 1]) else { return nil }
            while i > 0 && isWhitespace(folded[i - 1]) { i -= 1 }
        } else {
            guard i > 0, folded[i - 1] == c else { return nil }
            i -= 1
        }
        k -= 1
    }
    if span.startsWithWordCharacter && i - 1 >= 0 && i - 1 < n && isWordValue(scalars[i - 1].value) { return nil }
    return i
}

extension ScalarText {
    /// `longestMatch(of: index.phrases, at:)`: a one-bit test here, the phrases of the bucket
    /// out of line.
    @inline(__always)
    func longestMatch(of index: PhraseIndex, at start: Int) -> (end: Int, index: Int)? {
        guard start >= 0, start < count, index.firstMask & (1 << (folded[start] & 63)) != 0 else { return nil }
        return longestMatch(inBucketsOf: index, at: start)
    }

    /// `longestMatch(of: index.phrases, endingAt:)`, tested as `longestMatch(of:at:)`.
    @inline(__always)
    func longestMatch(of index: PhraseIndex, endingAt end: Int) -> (start: Int, index: Int)? {
        guard end > 0, end <= count, index.lastMask & (1 << (folded[end - 1] & 63)) != 0 else { return nil }
        return longestMatch(inBucketsOf: index, endingAt: end)
    }

    func longestMatch(inBucketsOf index: PhraseIndex, at start: Int) -> (end: Int, index: Int)? {
        let first = folded[start]
        let next = start + 1 < count ? folded[start + 1] : UInt32.max
        var best: (end: Int, index: Int)?
        let bucket = Int(first & 63)
        index.flat.withUnsafeBufferPointer { flat in
            folded.withUnsafeBufferPointer { folded in
                scalars.withUnsafeBufferPointer { scalars in
                    for k in index.firstStart[bucket]..<index.firstStart[bucket + 1] {
                        let entry = index.byFirst[k]
                        guard entry.scalar == first else { continue }
                        if entry.next != PhraseIndex.none && entry.next != 0x20 && entry.next != next { continue }
                        if let end = matchSpan(index.spans[entry.index], of: flat, at: start, folded: folded, scalars: scalars),
                           end > (best?.end ?? Int.min) {
                            best = (end, entry.index)
                        }
                    }
                }
            }
        }
        return best
    }

    func longestMatch(inBucketsOf index: PhraseIndex, endingAt end: Int) -> (start: Int, index: Int)? {
        let last = folded[end - 1]
        let previous = end >= 2 ? folded[end - 2] : UInt32.max
        var best: (start: Int, index: Int)?
        let bucket = Int(last & 63)
        index.flat.withUnsafeBufferPointer { flat in
            folded.withUnsafeBufferPointer { folded in
                scalars.withUnsafeBufferPointer { scalars in
                    for k in index.lastStart[bucket]..<index.lastStart[bucket + 1] {
                        let entry = index.byLast[k]
                        guard entry.scalar == last else { continue }
                        if entry.next != PhraseIndex.none && entry.next != 0x20 && entry.next != previous { continue }
                        if let start = matchSpan(index.spans[entry.index], of: flat, endingAt: end, folded: folded, scalars: scalars),
                           start < (best?.start ?? Int.max) {
                            best = (start, entry.index)
                        }
                    }
                }
            }
        }
        return best
    }

    /// `firstOccurrence(of: index.phrases, in:topLevelOnly:)`: one table load per scalar, and
    /// at a possible start only the phrases of its bucket.
    func firstOccurrence(of index: PhraseIndex, in range: Range<Int>, topLevelOnly: Bool) -> Int? {
        guard index.firstMask != 0, !range.isEmpty else { return nil }
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        let none = PhraseIndex.none
        return index.firstOrParen.withUnsafeBufferPointer { table -> Int? in
          index.flat.withUnsafeBufferPointer { flat -> Int? in
            folded.withUnsafeBufferPointer { folded -> Int? in
                scalars.withUnsafeBufferPointer { scalars -> Int? in
                    var depth = 0
                    var i = range.lowerBound
                    let upper = range.upperBound
                    while i < upper {
                        let v = folded[i]
                        let flags = table[Int(v & 255)]
                        if flags != 0 {
                            if v == 0x28 { depth += 1 } else if v == 0x29 { depth = max(0, depth - 1) }
                            if flags & 1 != 0, (!topLevelOnly || depth == 0),
                               !(i > 0 && isWordValue(scalars[i - 1].value) && isWordValue(v)) {
                                // Past the text no scalar agrees (a phrase scalar is at most 0x10FFFF).
                                let next = i + 1 < folded.count ? folded[i + 1] : none - 1
                                let bucket = Int(v & 63)
                                for k in index.firstStart[bucket]..<index.firstStart[bucket + 1] {
                                    let entry = index.byFirst[k]
                                    guard entry.scalar == v else { continue }
                                    // A space in a phrase stands for any run of whitespace: `match` decides.
                                    guard entry.next == none || entry.next == next || entry.next == 0x20 else { continue }
                                    if let end = matchSpan(index.spans[entry.index], of: flat, at: i,
                                                           folded: folded, scalars: scalars),
                                       end <= upper { return i }
                                }
                            }
                        }
                        i += 1
                    }
                    return nil
                }
            }
          }
        }
    }
}

extension ScalarText {
    /// The two searches of a breakdown's region in one pass: `stop` is
    /// `firstOccurrence(of: stops, in: range, topLevelOnly: true)`, and `othersEnd` the least
    /// end of a phrase of `others` that starts, on a word boundary, in `range` before `stop`
    /// (`Int.max` for none). For any `cut` at or before `stop` (or the end of `range`),
    /// `othersEnd <= cut` exactly when `firstOccurrence(of: others, in: range.lowerBound..<cut,
    /// topLevelOnly: false)` finds one.
    func firstOccurrence(of stops: PhraseIndex, andLeastEndOf others: PhraseIndex, in range: Range<Int>)
        -> (stop: Int?, othersEnd: Int) {
        guard !range.isEmpty else { return (nil, Int.max) }
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        let none = PhraseIndex.none
        let searchStops = stops.firstMask != 0
        let searchOthers = others.firstMask != 0
        var othersEnd = Int.max
        let stop = stops.firstOrParen.withUnsafeBufferPointer { stopTable -> Int? in
            others.firstOrParen.withUnsafeBufferPointer { otherTable -> Int? in
              stops.flat.withUnsafeBufferPointer { stopFlat -> Int? in
              others.flat.withUnsafeBufferPointer { otherFlat -> Int? in
                folded.withUnsafeBufferPointer { folded -> Int? in
                    scalars.withUnsafeBufferPointer { scalars -> Int? in
                        var depth = 0
                        var i = range.lowerBound
                        let upper = range.upperBound
                        while i < upper {
                            let v = folded[i]
                            let stopFlags = stopTable[Int(v & 255)]
                            let otherFlags = otherTable[Int(v & 255)] & 1
                            if stopFlags | otherFlags != 0 {
                                if v == 0x28 { depth += 1 } else if v == 0x29 { depth = max(0, depth - 1) }
                                if (stopFlags & 1 != 0 && depth == 0) || otherFlags != 0,
                                   !(i > 0 && isWordValue(scalars[i - 1].value) && isWordValue(v)) {
                                    let next = i + 1 < folded.count ? folded[i + 1] : none - 1
                                    let bucket = Int(v & 63)
                                    if searchStops, stopFlags & 1 != 0, depth == 0 {
                                        for k in stops.firstStart[bucket]..<stops.firstStart[bucket + 1] {
                                            let entry = stops.byFirst[k]
                                            guard entry.scalar == v else { continue }
                                            guard entry.next == none || entry.next == next || entry.next == 0x20 else { continue }
                                            if let end = matchSpan(stops.spans[entry.index], of: stopFlat, at: i,
                                                                   folded: folded, scalars: scalars),
                                               end <= upper { return i }
                                        }
                                    }
                                    if searchOthers, otherFlags != 0 {
                                        for k in others.firstStart[bucket]..<others.firstStart[bucket + 1] {
                                            let entry = others.byFirst[k]
                                            guard entry.scalar == v else { continue }
                                            guard entry.next == none || entry.next == next || entry.next == 0x20 else { continue }
                                            if let end = matchSpan(others.spans[entry.index], of: otherFlat, at: i,
                                                                   folded: folded, scalars: scalars),
                                               end < othersEnd { othersEnd = end }
                                        }
                                    }
                                }
                            }
                            i += 1
                        }
                        return nil
                    }
                }
              }
              }
            }
        }
        return (stop, othersEnd)
    }
}
