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
        let s = Array(pattern.unicodeScalars)
        // Constructs whose extent is not found by counting brackets.
        for bad in ["\\Q", "\\E", "(?#", "(*"] where pattern.contains(bad) { return nil }
        enum Atom { case none, literal, other, quantifier }
        var best: [Unicode.Scalar] = []
        var run: [Unicode.Scalar] = []
        var atom = Atom.none
        func endRun() {
            if String(String.UnicodeScalarView(run)).utf8.count > String(String.UnicodeScalarView(best)).utf8.count { best = run }
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
        let bytes = Array(String(String.UnicodeScalarView(best)).utf8)
        return bytes.isEmpty ? nil : bytes
    }
}

/// Which of several owners (rule entries) have one of their byte strings in a line, found in one
/// pass over the line: a bitmap of the byte pairs that start a needle rules out most positions.
public struct LiteralSet: Sendable {
    private struct Needle: Sendable {
        let bytes: [UInt8]
        let owner: Int
    }

    /// Needles by first byte.
    private var byFirst: [[Needle]] = Array(repeating: [], count: 256)
    /// Bit `b0 << 8 | b1` is set when a needle starts with b0 b1 (or is the single byte b0, for
    /// which every b1 is set).
    private var pairs = [UInt64](repeating: 0, count: 1024)
    public private(set) var isEmpty = true

    public init() {}

    public mutating func add(_ bytes: [UInt8], owner: Int) {
        guard let first = bytes.first else { return }
        isEmpty = false
        byFirst[Int(first)].append(Needle(bytes: bytes, owner: owner))
        if bytes.count == 1 {
            for second in 0..<256 { setPair(Int(first) << 8 | second) }
        } else {
            setPair(Int(first) << 8 | Int(bytes[1]))
        }
    }

    private mutating func setPair(_ key: Int) { pairs[key >> 6] |= 1 << UInt64(key & 63) }

    /// Sets `found[owner]` for every owner with a needle in `buffer` (others are left as they are).
    public func mark(in buffer: UnsafeBufferPointer<UInt8>, _ found: inout [Bool]) {
        let n = buffer.count
        guard n > 0 else { return }
        pairs.withUnsafeBufferPointer { pairs in
            for i in 0..<n {
                let b0 = Int(buffer[i])
                let key = b0 << 8 | (i + 1 < n ? Int(buffer[i + 1]) : 0)
                // The last byte is looked up with a second byte of 0: single-byte needles set
                // every pair, and no needle of two or more bytes fits there anyway.
                guard pairs[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
                for needle in byFirst[b0] where !found[needle.owner] && i + needle.bytes.count <= n {
                    var equal = true
                    var k = 1
                    while k < needle.bytes.count {
                        if buffer[i + k] != needle.bytes[k] { equal = false; break }
                        k += 1
                    }
                    if equal { found[needle.owner] = true }
                }
            }
        }
    }
}
