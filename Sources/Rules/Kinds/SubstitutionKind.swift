import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// Finds known wrong spellings and offers the right one as a fix-it. Each entry is a wrong →
/// right pair matched as whole words (a letter, digit or `_` on either side is no match, with
/// Vietnamese letters counted as letters), in the text as written, with its first letter
/// capitalised, or in capitals; the replacement takes the same case. An entry may instead give
/// a PCRE2 `match` for mistakes that are mistakes only in some contexts. Header and body, the
/// distribution list and the signature are all searched; nothing is guessed beyond the list.
struct SubstitutionKind: RuleKind {
    static let name = "substitution"
    static let summary = "Known misspellings, each with its correction as a fix-it."
    static let fields = [
        FieldDoc("entries", "list of { wrong: text | match: pattern, right: text, safe?: bool (default true) }"),
    ]

    struct Entry: Sendable {
        let pattern: Pattern
        /// Set for literal entries: the accepted case forms are derived from it.
        let wrong: String?
        let right: String
        let safe: Bool

        init(_ node: YAMLNode) throws(RuleSetError) {
            let fields = try RuleFields.nested(node, owner: "entry", allowed: ["wrong", "match", "right", "safe"])
            right = try fields.string("right")
            safe = try fields.bool("safe", default: true)
            switch (fields.has("wrong"), fields.has("match")) {
            case (true, false):
                let text = try fields.string("wrong")
                guard !text.isEmpty else { throw RuleSetError("'wrong' must not be empty", at: fields.value("wrong")!.location) }
                wrong = text
                pattern = VietnameseText.wordPattern(text, caseInsensitive: true)
            case (false, true):
                wrong = nil
                pattern = try fields.pattern("match")
            default:
                throw RuleSetError("entry needs exactly one of 'wrong' and 'match'", at: node.location)
            }
        }
    }

    let entries: [Entry]
    /// Byte strings one of which is in every line where an entry can report (see `needles(_:)`).
    let literals: LiteralSet
    /// Entries the literal set speaks for; the others are matched on every line.
    let prefiltered: [Bool]
    /// Entries given as `wrong` text rather than a `match` pattern.
    let literal: [Bool]
    /// Whether `check` uses `literals` at all.
    let usesLiterals: Bool
    /// `!prefiltered`, for the check of eight entries at a time in `findings`.
    let runsAlways: [Bool]

    init(_ fields: RuleFields) throws(RuleSetError) {
        entries = try fields.list("entries") { node throws(RuleSetError) in try Entry(node) }
        var needles: [(bytes: [UInt8], owner: Int)] = []
        prefiltered = entries.enumerated().map { index, entry in
            guard let forms = SubstitutionKind.needles(entry) else { return false }
            needles += forms.map { ($0, index) }
            return true
        }
        // Owner `entries.count`: a combining mark's lead byte, which the literal entries' check needs.
        needles += [([0xCC], entries.count), ([0xCD], entries.count)]
        literals = LiteralSet(needles)
        literal = entries.map { $0.wrong != nil }
        // A pass over the line for the needles (which skips several bytes at a time) costs less
        // than matching one entry's pattern on it: a rule with any entry to skip uses it.
        usesLiterals = prefiltered.contains(true)
        runsAlways = prefiltered.map { !$0 }
    }

    /// What a line must contain for `entry` to report in it, as alternative byte strings; nil
    /// when there is no such thing to check. A literal entry reports a match only in one of the
    /// three case forms `acceptableCase` allows, compared scalar by scalar after NFC: in a line
    /// without combining marks (no 0xCC/0xCD lead bytes) that is the form's bytes exactly; lines
    /// with combining marks are always matched. A `match` entry needs its pattern's top-level literal.
    static func needles(_ entry: Entry) -> [[UInt8]]? {
        guard let wrong = entry.wrong else { return entry.pattern.requiredLiteral.map { [$0] } }
        let w = wrong.precomposedForMatching
        guard let first = w.first else { return nil }
        let swapped = (String(first).uppercased() == String(first) ? String(first).lowercased() : String(first).uppercased())
            + w.dropFirst()
        var forms: [[UInt8]] = []
        for form in [w, w.uppercased(), swapped] where !form.isEmpty {
            let bytes = Array(form.utf8)
            if !forms.contains(bytes) { forms.append(bytes) }
        }
        return forms
    }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var present = [Bool](repeating: false, count: entries.count + 1)
        // The same mistake tends to recur: each entry adapts its case to a found text once
        // (keyed by the text's exact bytes).
        var adapted: [Int: [ExactText: String]] = [:]
        // The lines are read in place: a span is copied only when its line has findings.
        let spans = rule.facts.textLines
        for line in spans.indices {
            let lineFindings = try findings(in: spans[line].text, prefilter: usesLiterals, &present)
            if lineFindings.isEmpty { continue }   // most lines: no column cursor to make
            var columns = ColumnCursor(spans[line])
            for (index, match, found) in lineFindings {
                let entry = entries[index]
                let replacement: String
                if entry.wrong == nil {
                    replacement = entry.right
                } else if let known = adapted[index]?[ExactText(found)] {
                    replacement = known
                } else {
                    replacement = VietnameseText.adaptCase(entry.right, to: found)
                    adapted[index, default: [:]][ExactText(found)] = replacement
                }
                let at = columns.range(ofUTF8: match)
                diagnostics.append(rule.diagnose(.misspelling, ["wrong": found, "right": replacement], at: at,
                                                 fixIts: [FixIt(at, replacement: replacement, safe: entry.safe)]))
            }
        }
        return diagnostics
    }

    /// The entries' findings in one line, entry by entry and in order within an entry: the
    /// entry's index, the UTF-8 range and the text found. With `prefilter`, an entry whose
    /// needles are not in the line is not matched (without, every entry is: the tests compare
    /// both). `present` is scratch space with one element per entry and one more.
    func findings(in text: String, prefilter: Bool, _ present: inout [Bool]) throws(Pattern.MatchError)
        -> [(entry: Int, range: Range<Int>, found: String)] {
        if prefilter {
            present.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
            // Native and small strings lend their bytes without a copy of `text`.
            if text.utf8.withContiguousStorageIfAvailable({ literals.mark(in: $0, &present) }) == nil {
                var bytes = text
                bytes.withUTF8 { literals.mark(in: $0, &present) }
            }
        }
        // Whether the line has combining marks, after which a literal entry may match in a
        // form its needles do not show.
        let combining = prefilter && present[entries.count]
        var result: [(entry: Int, range: Range<Int>, found: String)] = []
        let count = entries.count
        var index = 0
        while index < count {
            if prefilter {
                if index + 8 <= count, noneRuns(from: index, present, combining) { index += 8; continue }
                if skips(index, present, combining) { index += 1; continue }
            }
            defer { index += 1 }
            let entry = entries[index]
            for match in try entry.pattern.allMatches(in: text) {
                let found = text.substring(utf8: match)
                if let wrong = entry.wrong, !VietnameseText.acceptableCase(found, of: wrong) { continue }
                result.append((index, match, found))
            }
        }
        return result
    }

    /// Whether the prefilter rules entry `index` out of a line: its needles are not in the line
    /// (`present`), and it is not a literal entry after a combining mark (`combining`).
    @inline(__always)
    private func skips(_ index: Int, _ present: [Bool], _ combining: Bool) -> Bool {
        prefiltered.withUnsafeBufferPointer { prefiltered in
            present.withUnsafeBufferPointer { present in
                literal.withUnsafeBufferPointer { literal in
                    prefiltered[index] && !present[index] && !(literal[index] && combining)
                }
            }
        }
    }

    /// Whether `skips` holds for all eight entries from `index` (which must be at most
    /// `entries.count - 8`): an entry runs when it is not prefiltered, its needles are present, or
    /// it is literal and the line has combining marks; `Bool` is one byte, 0 or 1, so the OR of
    /// the three arrays' eight bytes is zero exactly when none runs.
    @inline(__always)
    private func noneRuns(from index: Int, _ present: [Bool], _ combining: Bool) -> Bool {
        present.withUnsafeBytes { present in
            runsAlways.withUnsafeBytes { always in
                literal.withUnsafeBytes { literal in
                    var word = present.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        | always.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if combining { word |= literal.loadUnaligned(fromByteOffset: index, as: UInt64.self) }
                    return word == 0
                }
            }
        }
    }

    static let examples = [
        Example(rule: entries, report: "I. Kết quả\nVận hành ↓Công thông tin điện tử và hệ thống thư điện tử.",
                expect: ["viết sai \"Công thông tin điện tử\", đúng là \"Cổng thông tin điện tử\""]),
        Example(rule: entries, report: "Nơi nhận:\n- ↓HDND, UBND tỉnh;\n- Lưu: VT.",
                expect: ["viết sai \"HDND\", đúng là \"HĐND\""]),
        Example(rule: entries, report: "I. Kết quả\nSửa chữa thiết bị ↓Inmasat BGAN; báo cáo ↓UBDN tỉnh.",
                expect: ["viết sai \"Inmasat\", đúng là \"Inmarsat\"", "viết sai \"UBDN\", đúng là \"UBND\""]),
        Example(rule: entries, report: "I. KẾT QUẢ\n↓CÔNG THÔNG TIN ĐIỆN TỬ TỈNH",
                expect: ["viết sai \"CÔNG THÔNG TIN ĐIỆN TỬ\", đúng là \"CỔNG THÔNG TIN ĐIỆN TỬ\""]),
        Example(rule: entries, report: "I. Kết quả\nCổng thông tin điện tử, HĐND, UBND tỉnh, thiết bị Inmarsat; HDNDX là mã khác."),
        Example(rule: #"entries: [{ match: "(?<!lịch )(?<!tiểu )\\b[Ss]ử lý\\b", right: "xử lý" }]"#,
                report: "I. Kết quả\nĐã ↓sử lý 12 hồ sơ; tiểu sử lý lịch đầy đủ.",
                expect: ["viết sai \"sử lý\", đúng là \"xử lý\""]),
    ]
    private static let entries = """
        entries:
          - { wrong: "Công thông tin điện tử", right: "Cổng thông tin điện tử" }
          - { wrong: "HDND", right: "HĐND" }
          - { wrong: "UBDN", right: "UBND" }
          - { wrong: "Inmasat", right: "Inmarsat" }
        """
}

extension Message {
    static let misspelling = Message(vi: "viết sai \"{wrong}\", đúng là \"{right}\"", en: "\"{wrong}\" is misspelt; write \"{right}\"")
}
