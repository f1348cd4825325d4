import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// Finds a document that spells one thing two ways. With `tone-placement: true` it compares the
/// old and new placement of the tone mark in open syllables of each rhyme (`uỷ`/`ủy`,
/// `thuỷ`/`thủy` for uy; `hoà`/`hòa`, `hoá`/`hóa` for oa; `khoẻ`/`khỏe` for oe): either
/// convention is correct, mixing them within a rhyme is not. `variants` lists other terms
/// with two accepted spellings (`tỷ lệ`/`tỉ lệ`). One finding per rhyme or term, at the first
/// use of the spelling that appears second, with a note at the first use of the other. The
/// Quốc hiệu is left alone (NĐ 30 fixes its wording), and so are closed syllables such as
/// `hoàng` and `quý`, where both conventions agree.
struct ConsistencyKind: RuleKind {
    static let name = "consistency"
    static let summary = "One spelling per term: no mix of old and new tone-mark placement, nor of listed variants."
    static let fields = [
        FieldDoc("tone-placement", "bool, default false: compare òa/oà, óe/oé, ủy/uỷ … per rhyme"),
        FieldDoc("variants", "list of lists of spellings of one term, e.g. [[tỷ lệ, tỉ lệ]]"),
    ]

    struct Term: Sendable {
        let spellings: [String]
        let patterns: [Pattern]
    }

    let tonePlacement: Bool
    let terms: [Term]
    /// Byte needles of the spellings (owner: the spelling's place in `terms.flatMap(\.spellings)`):
    /// a line without any needle of a spelling cannot match its caseless pattern.
    let spellingLiterals: LiteralSet
    /// Spellings with needles in `spellingLiterals`; the others are searched on every line.
    let spellingFiltered: [Bool]
    /// The term of each spelling of `terms.flatMap(\.spellings)`.
    let spellingTerm: [Int]

    init(_ fields: RuleFields) throws(RuleSetError) {
        tonePlacement = try fields.bool("tone-placement", default: false)
        terms = try fields.optionalList("variants") { node throws(RuleSetError) in
            let spellings = try RuleFields.list(node) { value throws(RuleSetError) in try RuleFields.string(value, "variants") }
            guard spellings.count >= 2 else { throw RuleSetError("a variant list needs at least two spellings", at: node.location) }
            return Term(spellings: spellings, patterns: spellings.map { VietnameseText.wordPattern($0, caseInsensitive: true) })
        }
        var needles: [(bytes: [UInt8], owner: Int)] = []
        spellingFiltered = terms.flatMap(\.spellings).enumerated().map { index, spelling in
            guard let forms = CaselessLiteral.needles(spelling.precomposedForMatching) else { return false }
            needles += forms.map { ($0, index) }
            return true
        }
        spellingLiterals = LiteralSet(needles)
        spellingTerm = terms.enumerated().flatMap { t, term in term.spellings.map { _ in t } }
        if !tonePlacement && terms.isEmpty {
            throw RuleSetError("\(fields.owner) needs 'tone-placement: true' or 'variants'", at: fields.node.location)
        }
    }

    /// An open syllable ending in o/u + a vowel with the mark on either letter. The letters
    /// before it are the initial consonant (`qu` makes the u a consonant: `quý` is left alone).
    static let oldPlacement = try! Pattern(#"(?<![\p{L}\p{N}])(?i:[bcdđghklmnprstvx]{0,3})(?i:o[áàảãạ]|o[éèẻẽẹ]|u[ýỳỷỹỵ])(?![\p{L}\p{N}])"#)
    static let newPlacement = try! Pattern(#"(?<![\p{L}\p{N}])(?i:[bcdđghklmnprstvx]{0,3})(?i:[óòỏõọ]a|[óòỏõọ]e|[úùủũụ]y)(?![\p{L}\p{N}])"#)

    enum Style { case old, new }

    struct Use {
        let text: String
        let range: SourceRange
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        // The lines are read in place (one span per line, in line order); the Quốc hiệu's line,
        // when it holds the Quốc hiệu, is the one left out: its index in `spans`, if any.
        let spans = rule.facts.textLines
        var excluded = -1
        if let skipped = report.header.nationalName,
           let index = spans.firstIndex(where: { $0.line == skipped.line }),
           ConsistencyKind.lineContains(spans[index].text, skipped.text) {
            excluded = index
        }
        var diagnostics: [Diagnostic] = []
        if tonePlacement { diagnostics += try checkTonePlacement(spans, excluding: excluded, rule) }
        // Per line and spelling: whether the line has one of the spelling's needles; per term:
        // the lines where one of its spellings may be (every line when a spelling has no needles).
        let spellings = spellingFiltered.count
        var present = [Bool](repeating: false, count: terms.isEmpty ? 0 : spans.count * spellings)
        var termLines = [[Int]](repeating: [], count: terms.count)
        if !terms.isEmpty {
            var line = [Bool](repeating: false, count: spellings)
            // Most lines have no needle: the flags are cleared only after a line that set one.
            var marked = false
            for index in spans.indices where index != excluded {
                if marked {
                    line.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
                    marked = false
                }
                if spans[index].text.utf8.withContiguousStorageIfAvailable({ spellingLiterals.mark(in: $0, &line) }) == nil {
                    var text = spans[index].text
                    text.withUTF8 { spellingLiterals.mark(in: $0, &line) }
                }
                guard line.contains(true) else { continue }
                marked = true
                for i in line.indices where line[i] {
                    present[index * spellings + i] = true
                    if termLines[spellingTerm[i]].last != index { termLines[spellingTerm[i]].append(index) }
                }
            }
        }
        var firstSpelling = 0
        for (t, term) in terms.enumerated() {
            defer { firstSpelling += term.spellings.count }
            var first: [Int: Use] = [:]
            let lines = term.spellings.indices.allSatisfy { spellingFiltered[firstSpelling + $0] }
                ? termLines[t] : spans.indices.filter { $0 != excluded }
            for index in lines {
                for (i, pattern) in term.patterns.enumerated() {
                    let spelling = firstSpelling + i
                    if spellingFiltered[spelling] && !present[index * spellings + spelling] { continue }
                    guard first[i] == nil else { continue }
                    if let match = try pattern.firstMatch(in: spans[index].text) {
                        first[i] = Use(text: spans[index].text.substring(utf8: match), range: spans[index].range(ofUTF8: match))
                    }
                }
            }
            if let diagnostic = finding(first.values.sorted { $0.range.start < $1.range.start }, rule) {
                diagnostics.append(diagnostic)
            }
        }
        return diagnostics
    }

    /// `line.contains(part)` (Foundation's search, which finds canonically equivalent text too),
    /// with a shortcut: `part`, starting and ending with an ASCII byte other than CR and LF,
    /// byte for byte in `line` with an ASCII byte or the line's end on either side, is a match
    /// for it as well (those are character boundaries, and the characters between are the same).
    /// Without `shortcut`, only Foundation's search (the tests).
    static func lineContains(_ line: String, _ part: String, shortcut: Bool = true) -> Bool {
        if shortcut, let first = part.utf8.first, let last = part.utf8.last, first < 0x80, last < 0x80,
           first != 0x0A, first != 0x0D, last != 0x0A, last != 0x0D {
            let bytes = Array(line.utf8)
            for offset in line.utf8Occurrences(of: part) {
                let end = offset + part.utf8.count
                if (offset == 0 || bytes[offset - 1] < 0x80) && (end == bytes.count || bytes[end] < 0x80) { return true }
            }
        }
        return line.contains(part)
    }

    /// The tone-placement findings in `spans` but the one at index `excluded` (-1: none).
    func checkTonePlacement(_ spans: [TextSpan], excluding excluded: Int, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        // rhyme (`oa`, `oe`, `uy`) → style → first use; and the same per syllable (`uỷ`/`ủy`),
        // which makes the most convincing pair when a syllable is written both ways.
        var first: [String: [Style: Use]] = [:]
        var bySyllable: [String: [Style: Use]] = [:]
        var order: [String] = []
        for index in spans.indices where index != excluded {
            let (old, new) = ConsistencyKind.placementPairs(spans[index].text)
            guard old || new else { continue }
            let span = spans[index]
            for (style, pattern) in [(Style.old, ConsistencyKind.oldPlacement), (.new, ConsistencyKind.newPlacement)]
            where style == .old ? old : new {
                for match in try pattern.allMatches(in: span.text) {
                    let word = span.text.substring(utf8: match)
                    if word.lowercased().hasPrefix("q") { continue }
                    let rhyme = ConsistencyKind.rhyme(of: word)
                    let use = Use(text: word, range: span.range(ofUTF8: match))
                    if first[rhyme] == nil { order.append(rhyme) }
                    if first[rhyme, default: [:]][style] == nil { first[rhyme, default: [:]][style] = use }
                    let syllable = ConsistencyKind.syllable(of: word)
                    if bySyllable[syllable, default: [:]][style] == nil { bySyllable[syllable, default: [:]][style] = use }
                }
            }
        }
        return order.compactMap { rhyme in
            let sameWord = bySyllable.filter { $0.value.count == 2 && ConsistencyKind.rhyme(of: $0.key) == rhyme }
                .map { $0.value.values.sorted { $0.range.start < $1.range.start } }
                .min { $0[1].range.start < $1[1].range.start }
            return finding(sameWord ?? first[rhyme]!.values.sorted { $0.range.start < $1.range.start }, rule)
        }
    }

    /// Whether `text` has the two letters an `oldPlacement` match needs (o + á/é…, u + ý…, in
    /// either case) and those a `newPlacement` match needs (ó… + a/e, ú… + y). A line without
    /// them cannot match the pattern, which is then not run on it. The letters' case forms are
    /// all PCRE2 matches caselessly (checked against every scalar by a test). Both patterns end
    /// with `(?![\p{L}\p{N}])` right after the pair: a pair followed by an ASCII letter or digit
    /// (`hoạt`, `toàn`, `khoản`) is not counted.
    static func placementPairs(_ text: String) -> (old: Bool, new: Bool) {
        var text = text
        let letters = ConsistencyKind.placementLetters   // read once, not once per letter
        return text.withUTF8 { b in
            let n = b.count
            var old = false, new = false
            /// Looks at the scalar whose lead byte is at `i`; false when the scan is over.
            @inline(__always) func visit(_ i: Int) -> Bool {
                // A pair needs o/O/u/U right before the scalar (old) or a/e/y in either case right
                // after it (new; the marked vowels are two bytes after C3/C5, three after E1): a
                // lead byte without either is passed before its scalar is decoded.
                let before = i > 0 ? b[i - 1] | 0x20 : 0
                let end = i + (b[i] >= 0xE0 ? 3 : 2)
                let after = end < n ? b[end] | 0x20 : 0
                if before != 0x6F && before != 0x75 && after != 0x61 && after != 0x65 && after != 0x79 { return true }
                guard notePair(b, at: i, letters: letters, old: &old, new: &new) != nil else { return false }
                return !(old && new)
            }
            // Every lead byte (0xC0 and up; the bytes after it are continuation bytes, which
            // the letters looked for never are), eight bytes at a time.
            var i = 0
            if let base = b.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= n {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    var leads = word & (word << 1) & 0x8080_8080_8080_8080
                    while leads != 0 {
                        guard visit(i + leads.trailingZeroBitCount >> 3) else { return (old, new) }
                        leads &= leads - 1
                    }
                    i += 8
                }
            }
            while i < n {
                if b[i] >= 0xC0 { guard visit(i) else { return (old, new) } }
                i += 1
            }
            return (old, new)
        }
    }

    /// The letter pair at the scalar whose lead byte is at `i`, noted in `old` / `new`: the
    /// scalar's length in bytes (1 for a byte that leads no marked vowel), nil when the text ends
    /// inside it. The marked vowels are U+00C0–U+00FF (lead byte C3), U+0168/0169 (C5) and
    /// U+1EA0–U+1EF9 (E1); the letters next to them are ASCII.
    @inline(__always)
    static func notePair(_ b: UnsafeBufferPointer<UInt8>, at i: Int, letters: [UInt8],
                         old: inout Bool, new: inout Bool) -> Int? {
        let n = b.count
        let lead = b[i]
        guard lead == 0xC3 || lead == 0xC5 || lead == 0xE1 else { return 1 }
        let c: Int, length: Int
        if lead == 0xE1 {
            guard i + 2 < n else { return nil }
            c = Int(lead & 0x0F) << 12 | Int(b[i + 1] & 0x3F) << 6 | Int(b[i + 2] & 0x3F); length = 3
        } else {
            guard i + 1 < n else { return nil }
            c = Int(lead & 0x1F) << 6 | Int(b[i + 1] & 0x3F); length = 2
        }
        let flags = c < letters.count ? letters[c] : 0
        guard flags != 0 else { return length }
        let before: UInt8 = i > 0 ? b[i - 1] : 0
        let after: UInt8 = i + length < n ? b[i + length] : 0
        let afterNext: UInt8 = i + length + 1 < n ? b[i + length + 1] : 0
        // The pair ends the syllable: no ASCII letter or digit right after it.
        if !isASCIIAlphanumeric(after) {
            if flags & 0x01 != 0 && (before == 0x6F || before == 0x4F) { old = true }
            if flags & 0x02 != 0 && (before == 0x75 || before == 0x55) { old = true }
        }
        if !isASCIIAlphanumeric(afterNext) {
            if flags & 0x04 != 0 && (after == 0x61 || after == 0x41 || after == 0x65 || after == 0x45) { new = true }
            if flags & 0x08 != 0 && (after == 0x79 || after == 0x59) { new = true }
        }
        return length
    }

    /// `placementPairs` a byte at a time, for the tests (the eight-byte lead search against a
    /// plain walk).
    static func placementPairsByteByByte(_ text: String) -> (old: Bool, new: Bool) {
        var text = text
        return text.withUTF8 { b in
            var old = false, new = false
            var i = 0
            while i < b.count, !(old && new),
                  let length = notePair(b, at: i, letters: placementLetters, old: &old, new: &new) {
                i += length
            }
            return (old, new)
        }
    }

    @inline(__always) static func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
    }

    /// The marked vowels of the two placements, lower and upper case, by scalar value: 0x01 may
    /// follow o in `oldPlacement`, 0x02 may follow u; 0x04 may precede a or e in
    /// `newPlacement`, 0x08 may precede y.
    static let placementLetterSets: [(String, UInt8)] = [("áàảãạéèẻẽẹ", 0x01), ("ýỳỷỹỵ", 0x02), ("óòỏõọ", 0x04), ("úùủũụ", 0x08)]
    static let placementLetters: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x1F00)
        for (letters, flag) in placementLetterSets {
            for scalar in (letters + letters.uppercased()).unicodeScalars { table[Int(scalar.value)] |= flag }
        }
        return table
    }()

    /// The syllable without case or tone placement: `Ủy` and `uỷ` are both `uy` with a hook above.
    static func syllable(of word: String) -> String {
        let scalars = word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        let marks = scalars.filter { (0x300...0x36F).contains($0.value) }
        let letters = scalars.filter { !(0x300...0x36F).contains($0.value) }
        return String(String.UnicodeScalarView(letters)) + String(String.UnicodeScalarView(marks))
    }

    /// `oa`, `oe` or `uy`: the two vowels without their tone mark.
    static func rhyme(of word: String) -> String {
        let base = word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { !(0x300...0x36F).contains($0.value) }
        return String(String.UnicodeScalarView(base.suffix(2)))
    }

    func finding(_ uses: [Use], _ rule: RuleContext) -> Diagnostic? {
        guard uses.count >= 2 else { return nil }
        let (earlier, later) = (uses[0], uses[1])
        return rule.diagnose(.mixedSpelling, ["first": earlier.text, "second": later.text, "line": String(earlier.range.start.line)],
                             at: later.range,
                             notes: [(Message(vi: "\"\(earlier.text)\" lần đầu ở đây", en: "\"\(earlier.text)\" is first used here"),
                                      earlier.range)])
    }

    static let examples = [
        Example(rule: "tone-placement: true",
                report: "I. Kết quả\nPhối hợp với Ban Tuyên giáo Tỉnh uỷ.\n\nNơi nhận:\n- Tỉnh ↓ủy Quảng Ninh;\n- Lưu: VT.",
                expect: ["văn bản viết cả \"uỷ\" (dòng 2) và \"ủy\": nên thống nhất một cách viết"]),
        Example(rule: "tone-placement: true",
                report: "I. Kết quả\nVăn hóa, thủy sản, Ủy ban nhân dân, khỏe mạnh, thỏa thuận, quý III, hoàng hôn."),
        Example(rule: "tone-placement: true",
                report: "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBÁO CÁO\nTình hình văn hóa tháng 3"),
        Example(rule: "tone-placement: true",
                report: "I. Kết quả\nCông tác văn hoá, Tỉnh uỷ chỉ đạo; ↓thủy sản ổn định; ↓hòa giải cơ sở.",
                expect: ["văn bản viết cả \"uỷ\" (dòng 2) và \"thủy\": nên thống nhất một cách viết",
                         "văn bản viết cả \"hoá\" (dòng 2) và \"hòa\": nên thống nhất một cách viết"]),
        Example(rule: "variants: [[tỷ lệ, tỉ lệ], [kỹ thuật, kĩ thuật]]",
                report: "I. Kết quả\nĐạt tỷ lệ 157 thuê bao/100 dân; ↓tỉ lệ hộ có Internet 09%.",
                expect: ["văn bản viết cả \"tỷ lệ\" (dòng 2) và \"tỉ lệ\": nên thống nhất một cách viết"]),
        Example(rule: "variants: [[tỷ lệ, tỉ lệ]]", report: "I. Kết quả\nTỷ lệ đạt 90%; tỷ lệ hồ sơ trực tuyến tăng."),
    ]
}

extension Message {
    static let mixedSpelling = Message(vi: "văn bản viết cả \"{first}\" (dòng {line}) và \"{second}\": nên thống nhất một cách viết",
                                       en: "the document writes both \"{first}\" (line {line}) and \"{second}\"; use one spelling")
}
