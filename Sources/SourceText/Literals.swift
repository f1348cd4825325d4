import Foundation

/// Cheap byte checks that let a rule skip a regular expression on a line that cannot match it.
/// They only ever say "cannot match"; a line they let through is matched by the pattern as before.

extension Pattern {
    /// Bytes that every match of this pattern contains, read from its top level: the longest run
    /// of literal characters outside groups, classes and lookarounds (`sử lý` in
    /// `(?<!lịch )sử lý(?![\p{L}])`). nil when the pattern is caseless or uses anything this
    /// reading does not follow for certain (top-level alternation, option settings, `\Q`,
    /// comments, verbs, escapes other than the common class and assertion ones): such a pattern
    /// is simply matched on every line.
    public var requiredLiteral: [UInt8]? {
        guard !caseInsensitive else { return nil }
        return Pattern.requiredLiteral(in: source.precomposedForMatching)
    }

    static func requiredLiteral(in pattern: String) -> [UInt8]? {
        guard let runs = requiredRuns(in: pattern) else { return nil }
        var best: [Unicode.Scalar] = []
        for run in runs where String(String.UnicodeScalarView(run)).utf8.count > String(String.UnicodeScalarView(best)).utf8.count {
            best = run
        }
        let bytes = Array(String(String.UnicodeScalarView(best)).utf8)
        return bytes.isEmpty ? nil : bytes
    }

    /// Whether every match of `pattern` contains the scalar `marker` (which the pattern holds
    /// literally, e.g. in place of a slot another construct will take): true when `marker` is in
    /// one of the pattern's top-level literal runs (`requiredLiteral`), false when unsure.
    public static func requires(_ marker: Unicode.Scalar, in pattern: String) -> Bool {
        requiredRuns(in: pattern)?.contains { $0.contains(marker) } ?? false
    }

    /// The runs of literal characters at the top level of `pattern`, each of which every match
    /// contains, in pattern order; nil when unsure (see `requiredLiteral`).
    static func requiredRuns(in pattern: String) -> [[Unicode.Scalar]]? {
        let s = Array(pattern.unicodeScalars)
        // Constructs whose extent is not found by counting brackets.
        for bad in ["\\Q", "\\E", "(?#", "(*"] where pattern.containsUTF8(bad) { return nil }
        enum Atom { case none, literal, other, quantifier }
        var runs: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        var atom = Atom.none
        func endRun() {
            if !run.isEmpty { runs.append(run) }
            run = []
        }
        /// The index after the `]` closing the class that opens at `start`, nil when unsure.
        func classEnd(_ start: Int) -> Int? {
            var j = start + 1
            if j < s.count, s[j] == "^" { j += 1 }
            if j < s.count, s[j] == "]" { j += 1 }
            while j < s.count {
                switch s[j] {
                case "\\": j += 2
                case "[":
                    if j + 1 < s.count, [":", ".", "="].contains(s[j + 1]) { return nil }
                    j += 1
                case "]": return j + 1
                default: j += 1
                }
            }
            return nil
        }
        /// The index after the `)` closing the group that opens at `start`, nil when unsure.
        func groupEnd(_ start: Int) -> Int? {
            var depth = 0
            var j = start
            while j < s.count {
                switch s[j] {
                case "\\": j += 2
                case "[":
                    guard let end = classEnd(j) else { return nil }
                    j = end
                case "(":
                    // Only plain groups, lookarounds, atomic, branch-reset and named groups.
                    if j + 1 < s.count, s[j + 1] == "?" {
                        guard j + 2 < s.count, [":", "=", "!", "<", ">", "|", "P", "'"].contains(s[j + 2]) else { return nil }
                    }
                    depth += 1
                    j += 1
                case ")":
                    depth -= 1
                    j += 1
                    if depth == 0 { return j }
                default: j += 1
                }
            }
            return nil
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                guard i + 1 < s.count else { return nil }
                let e = s[i + 1]
                if "sSdDwWbBhHvVRXAzZGK".unicodeScalars.contains(e) {
                    endRun(); atom = .other; i += 2
                } else if e == "p" || e == "P" {
                    endRun(); atom = .other
                    if i + 2 < s.count, s[i + 2] == "{" {
                        guard let close = s[(i + 3)...].firstIndex(of: "}") else { return nil }
                        i = close + 1
                    } else {
                        i += 3
                    }
                } else if e.isASCII, !e.properties.isAlphabetic, !("0"..."9").contains(e) {
                    // An escaped punctuation character or space stands for itself.
                    run.append(e); atom = .literal; i += 2
                } else {
                    return nil
                }
            case "(":
                guard let end = groupEnd(i) else { return nil }
                endRun(); atom = .other; i = end
            case ")", "|":
                return nil
            case "[":
                guard let end = classEnd(i) else { return nil }
                endRun(); atom = .other; i = end
            case "?", "*", "+":
                if atom == .quantifier {
                    // Lazy or possessive form of the quantifier before.
                    atom = .other; i += 1; continue
                }
                if atom == .literal && c != "+" { run.removeLast() }
                endRun(); atom = .quantifier; i += 1
            case "{":
                // Only `{n}`, `{n,}` and `{n,m}`; anything else may be literal or a quantifier
                // depending on the PCRE2 version.
                var j = i + 1
                var digits = 0
                while j < s.count, ("0"..."9").contains(s[j]) { j += 1; digits += 1 }
                guard digits > 0, j < s.count else { return nil }
                if s[j] == "," {
                    j += 1
                    while j < s.count, ("0"..."9").contains(s[j]) { j += 1 }
                }
                guard j < s.count, s[j] == "}" else { return nil }
                if atom == .literal { run.removeLast() }
                endRun(); atom = .quantifier; i = j + 1
            case "^", "$", ".":
                endRun(); atom = .other; i += 1
            default:
                run.append(c); atom = .literal; i += 1
            }
        }
        endRun()
        return runs
    }
}

/// Which of several owners (rule entries) have one of their byte strings in a line, found in one
/// pass over the line (Wu–Manber). Each needle of two or more bytes is looked for by one run of
/// `shortest` bytes in it (the length of the shortest such needle), its key run, chosen to end
/// in a pair of bytes that is rare in Vietnamese text (the last two bytes of `ậ` rather than
/// `ch`). A window of `shortest` bytes slides along the line, and the pair of bytes at its end
/// says how far it may move without passing a key run, up to `shortest - 1` bytes at a time;
/// where the pair ends a key run, the needles of that run are compared. Single-byte needles
/// are looked for with memchr.
public struct LiteralSet: Sendable {
    /// Every needle's bytes, one after the other.
    private var bytes: [UInt8] = []
    /// Per needle of two or more bytes, grouped by `slot` of the pair ending its key run:
    /// where its bytes start, how many, where its key run starts, and its owner.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var anchors: [Int] = []
    private var owners: [Int] = []
    /// The needles whose pair has slot h are `bucket[h]..<bucket[h + 1]`.
    private var bucket = [Int](repeating: 0, count: LiteralSet.slots + 1)
    static let slots = 1024
    /// The bucket of the pair `key`: its two bytes mixed, so that pairs sharing a byte spread out.
    @inline(__always) static func slot(_ key: Int) -> Int { (key ^ (key >> 6) ^ (key >> 11)) & (slots - 1) }
    /// Per pair `b0 | b1 << 8` ending at the window's last byte: how far the window may move
    /// (0: a needle's prefix may end here).
    private var shifts: [UInt8] = []
    /// The length of the shortest needle of two or more bytes (0 when there is none).
    private var shortest = 0
    /// Single-byte needles: the byte and its owner.
    private var singles: [(byte: UInt8, owner: Int)] = []
    public let isEmpty: Bool

    /// A set of `needles`, each with the owner it speaks for.
    public init(_ needles: [(bytes: [UInt8], owner: Int)] = []) {
        let needles = needles.filter { !$0.bytes.isEmpty }
        isEmpty = needles.isEmpty
        singles = needles.filter { $0.bytes.count == 1 }.map { ($0.bytes[0], $0.owner) }
        let long = needles.filter { $0.bytes.count > 1 }
        guard let m = long.map(\.bytes.count).min() else { return }
        // Shifts are bytes; windows longer than 256 bytes move no further than that.
        shortest = min(m, 256)
        let m1 = shortest - 1
        shifts = [UInt8](repeating: UInt8(m1), count: 1 << 16)
        var entries: [(slot: Int, order: Int, start: Int, length: Int, anchor: Int, owner: Int)] = []
        for (needle, owner) in long {
            let start = bytes.count
            bytes += needle
            // The key run starts at `anchor`; its last pair is `needle[anchor + m1 - 1 ... anchor + m1]`.
            var anchor = 0
            for o in 0...(needle.count - shortest)
            where LiteralSet.rarity(needle[o + m1 - 1], needle[o + m1]) > LiteralSet.rarity(needle[anchor + m1 - 1], needle[anchor + m1]) {
                anchor = o
            }
            for j in 1...m1 {
                let key = Int(needle[anchor + j - 1]) | Int(needle[anchor + j]) << 8
                shifts[key] = min(shifts[key], UInt8(m1 - j))
            }
            let key = Int(needle[anchor + m1 - 1]) | Int(needle[anchor + m1]) << 8
            entries.append((LiteralSet.slot(key), entries.count, start, needle.count, anchor, owner))
        }
        entries.sort { ($0.slot, $0.order) < ($1.slot, $1.order) }
        starts = entries.map(\.start); lengths = entries.map(\.length); anchors = entries.map(\.anchor); owners = entries.map(\.owner)
        for entry in entries { bucket[entry.slot + 1] += 1 }
        for h in 0..<LiteralSet.slots { bucket[h + 1] += bucket[h] }
    }

    /// How rare the byte pair `x y` is likely to be in Vietnamese text (higher is rarer).
    static func rarity(_ x: UInt8, _ y: UInt8) -> Int {
        let continuation = 0x80..<0xC0 as Range<UInt8>
        func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        switch (x, y) {
        case (..<0x80, ..<0x80): return isUpper(x) || isUpper(y) ? 2 : (x == 0x20 || y == 0x20 ? 0 : 1)
        case (0xC0..., continuation): return x == 0xE1 ? 0 : 1          // a letter's lead byte (E1: all of ạ…ỹ)
        case (continuation, continuation): return 3                       // the tail of one letter of U+1Exx
        case (continuation, ..<0x80): return y == 0x20 ? 1 : 2            // an accented letter, then a letter
        case (..<0x80, 0xC0...): return x == 0x20 ? 0 : 1
        default: return 2
        }
    }

    /// Sets `found[owner]` for every owner with a needle in `buffer` (others are left as they are).
    public func mark(in buffer: UnsafeBufferPointer<UInt8>, _ found: inout [Bool]) {
        let n = buffer.count
        guard n > 0, let base = buffer.baseAddress else { return }
        for (byte, owner) in singles where !found[owner] {
            if memchr(base, Int32(byte), n) != nil { found[owner] = true }
        }
        let m1 = shortest - 1
        guard shortest > 0, n > m1 else { return }
        shifts.withUnsafeBufferPointer { shifts in
        bytes.withUnsafeBufferPointer { bytes in
        starts.withUnsafeBufferPointer { starts in
        lengths.withUnsafeBufferPointer { lengths in
        anchors.withUnsafeBufferPointer { anchors in
        owners.withUnsafeBufferPointer { owners in
        bucket.withUnsafeBufferPointer { bucket in
        found.withUnsafeMutableBufferPointer { found in
            let raw = UnsafeRawPointer(base)
            let shift = shifts.baseAddress!
            // `j`: where the pair at the window's end starts; the window starts at j + 1 - m1.
            // Wrapping arithmetic: j < n and the shifts are small (no overflow checks in the loop).
            var j = m1 &- 1
            let limit = n &- 1
            while j < limit {
                // Bytes j and j + 1 in one load.
                let key = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt16.self)))
                let s = Int(shift[key])
                if s != 0 { j &+= s; continue }
                let h = LiteralSet.slot(key)
                let run = j + 1 - m1
                for k in bucket[h]..<bucket[h + 1] where !found[owners[k]] {
                    let at = run - anchors[k], length = lengths[k]
                    guard at >= 0 && at + length <= n else { continue }
                    let start = starts[k]
                    var i = 0
                    while i < length && buffer[at + i] == bytes[start + i] { i += 1 }
                    if i == length { found[owners[k]] = true }
                }
                j &+= 1
            }
        }
        }
        }
        }
        }
        }
        }
        }
    }
}

extension String {
    /// Whether the UTF-8 bytes hold `byte` (memchr, not a walk of the UTF-8 view).
    public func containsUTF8Byte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }
}

/// Byte needles for a literal that PCRE2 matches caselessly (UTF + UCP), for the scalars whose
/// caseless matches are known: ASCII letters other than i, k and s (İ, ı, K and ſ match them
/// too), printable ASCII that is not a letter, and the Latin letters Vietnamese uses. A test
/// checks every one of them against PCRE2 over all of Unicode.
public enum CaselessLiteral {
    /// Every scalar PCRE2 matches caselessly for `scalar` (itself included); nil outside the
    /// scalars described above.
    public static func variants(of scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        let v = scalar.value
        switch v {
        case 0x49, 0x69, 0x4B, 0x6B, 0x53, 0x73: return nil
        case 0x41...0x5A, 0x61...0x7A: return [scalar, Unicode.Scalar(UInt8(v ^ 0x20))]   // what the mappings give
        case 0x21...0x7E: return [scalar]
        case 0xC5, 0xE5, 0xD7, 0xF7, 0xDF, 0xFF: return nil
        case 0xC0...0xFE, 0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0x1EA0...0x1EF9: break
        default: return nil
        }
        var result = [scalar]
        for mapping in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
            let scalars = mapping.unicodeScalars
            guard scalars.count == 1, let other = scalars.first else { return nil }
            if !result.contains(other) { result.append(other) }
        }
        return result
    }

    /// Needles for `phrase` (NFC, words separated by spaces) matched caselessly: every case
    /// form of one run of up to `window` known scalars inside a word, the run most likely to be
    /// rare (letters with diacritics first). nil when the phrase has no known scalar.
    public static func needles(_ phrase: String, window: Int = 3) -> [[UInt8]]? {
        let scalars = Array(phrase.unicodeScalars)
        func weight(_ s: Unicode.Scalar) -> Int { s.isASCII ? (s.properties.isAlphabetic ? 1 : 2) : 4 }
        var best: (score: Int, range: Range<Int>)?
        for start in scalars.indices {
            var score = 0
            for end in start..<min(scalars.count, start + window) {
                guard scalars[end] != " ", variants(of: scalars[end]) != nil else { break }
                score += weight(scalars[end])
                if best == nil || score > best!.score { best = (score, start..<end + 1) }
            }
        }
        guard let range = best?.range else { return nil }
        var forms: [String] = [""]
        for scalar in scalars[range] {
            let options = variants(of: scalar)!
            forms = forms.flatMap { form in options.map { form + String($0) } }
        }
        return forms.map { Array($0.utf8) }
    }
}

/// Pieces of literal text every match of a pattern holds, found with memchr: windows of up to
/// three scalars of the pattern's top-level literal runs (`Pattern.requiredRuns`), one per run
/// and at most `limit` of them, each in all of its case forms when the pattern starts with
/// `(?i)` (`CaselessLiteral`). A line without a form of every piece has no match. Windows are
/// chosen to end in a byte that is rare in Vietnamese text (the last byte of `ổ` rather than
/// of `ạ`, which `á` and `ơ` share), since memchr stops at each of its occurrences.
public final class RequiredLiteral: Sendable {
    /// Per piece, the bytes of its case forms, cheapest piece first.
    public let pieces: [[[UInt8]]]
    /// Every form's bytes but the last, one after the other.
    let heads: [UInt8]
    /// Per form, grouped by piece and within a piece by last byte: where its bytes but the last
    /// start in `heads`, and how many they are.
    let forms: [(start: Int, count: Int)]
    /// The memchr searches, grouped by piece: a last byte and the range of `forms` that end in it.
    let searches: [(byte: UInt8, forms: Range<Int>, piece: Int)]

    /// The pieces for `pattern` (the text given to `Pattern`, matched case-sensitively but for
    /// a leading `(?i)`); nil when its runs cannot be read or have no piece.
    public init?(pattern: String, limit: Int = 3) {
        var body = pattern.precomposedForMatching
        let caseless = body.hasPrefix("(?i)")
        if caseless { body.removeFirst(4) }
        guard let runs = Pattern.requiredRuns(in: body) else { return nil }
        var chosen: [(cost: Int, length: Int, forms: [[UInt8]])] = []
        for run in runs {
            // Each scalar's case forms, read once (nil: not known); a window is judged by its last
            // scalar's forms and its length before any of its forms is spelled out.
            let options = run.map { caseless ? CaselessLiteral.variants(of: $0) : [$0] }
            var best: (cost: Int, length: Int, start: Int, end: Int)?
            for end in run.indices {
                guard let last = options[end] else { continue }
                var start = end, count = 1, length = 0
                while start >= 0 && end - start < 3, let forms = options[start], count * forms.count <= 16 {
                    count *= forms.count
                    length += String(run[start]).utf8.count
                    start -= 1
                }
                var lastBytes: [UInt8] = []
                for scalar in last where !lastBytes.contains(String(scalar).utf8.last!) { lastBytes.append(String(scalar).utf8.last!) }
                let cost = lastBytes.reduce(0) { $0 + RequiredLiteral.frequency($1) }
                if best == nil || cost < best!.cost || (cost == best!.cost && length > best!.length) {
                    best = (cost, length, start + 1, end)
                }
            }
            guard let best else { continue }
            var forms: [[UInt8]] = [[]]
            for k in best.start...best.end {
                forms = forms.flatMap { form in options[k]!.map { form + Array(String($0).utf8) } }
            }
            chosen.append((best.cost, best.length, forms))
        }
        guard !chosen.isEmpty else { return nil }
        // A stable sort: equal pieces keep the pattern's order.
        let ordered = chosen.enumerated().sorted { a, b in
            (a.element.cost, -a.element.length, a.offset) < (b.element.cost, -b.element.length, b.offset)
        }.prefix(max(1, limit)).map(\.element.forms)
        pieces = Array(ordered)
        var heads: [UInt8] = [], forms: [(start: Int, count: Int)] = []
        var searches: [(byte: UInt8, forms: Range<Int>, piece: Int)] = []
        for (piece, pieceForms) in pieces.enumerated() {
            var last: [UInt8] = []
            for form in pieceForms where !last.contains(form.last!) { last.append(form.last!) }
            for byte in last {
                let first = forms.count
                for form in pieceForms where form.last == byte {
                    forms.append((heads.count, form.count - 1))
                    heads += form.dropLast()
                }
                searches.append((byte, first..<forms.count, piece))
            }
        }
        self.heads = heads
        self.forms = forms
        self.searches = searches
    }

    /// How often a byte ends a character of Vietnamese text, roughly: the number of common
    /// characters (lower-case letters, digits, space and common punctuation count four) whose
    /// UTF-8 form ends in it.
    static func frequency(_ byte: UInt8) -> Int { frequencies[Int(byte)] }
    static let frequencies: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for scalar in "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ".unicodeScalars {
            table[Int(String(scalar).utf8.last!)] += 1
        }
        for scalar in "abcdefghijklmnopqrstuvwxyz0123456789 ,.;:()-/%".unicodeScalars { table[Int(scalar.value)] += 4 }
        return table
    }()

    /// Whether `buffer` holds a form of every piece.
    public func mayMatch(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buffer.count
        guard n > 0, let base = buffer.baseAddress else { return false }
        return heads.withUnsafeBufferPointer { heads in
            forms.withUnsafeBufferPointer { forms in
                searches.withUnsafeBufferPointer { searches in
                    var piece = 0, found = false
                    for search in searches {
                        if search.piece != piece {
                            // The previous piece's searches are over.
                            guard found else { return false }
                            piece = search.piece
                            found = false
                        }
                        if found { continue }
                        var from = 0
                        search: while from < n, let hit = memchr(base + from, Int32(search.byte), n - from) {
                            let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))   // the last byte's offset
                            for f in search.forms {
                                let (start, count) = forms[f]
                                guard count <= end else { continue }
                                var i = 0
                                while i < count && base[end - count + i] == heads[start + i] { i += 1 }
                                if i == count { found = true; break search }
                            }
                            from = end + 1
                        }
                    }
                    return found
                }
            }
        }
    }

    /// `mayMatch` over the UTF-8 bytes of `line`.
    public func mayMatch(_ line: String) -> Bool {
        if let result = line.utf8.withContiguousStorageIfAvailable({ mayMatch($0) }) { return result }
        var line = line
        return line.withUTF8 { mayMatch($0) }
    }
}
