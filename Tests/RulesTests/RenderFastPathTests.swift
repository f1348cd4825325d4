@testable import Diagnostics
@testable import Engine
import Foundation
import ReportModel
@testable import Rules
import SourceText
import Testing

/// The byte-buffer renderers and the engine's per-report shortcuts give exactly what the code
/// they replaced gives: each is compared with that code, kept as the reference, on varied and
/// random inputs.
struct RenderFastPathTests {
    /// A small deterministic generator, so a failure can be reproduced.
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

    static let pieces: [String] = [
        "", " ", "a", "Tổng cộng", "ĐVT", "số liệu", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}",
        "\u{7F}", "\u{80}", "\u{A0}", "{x}", "[rule]", ":", "%", "e\u{301}", "😀", "/", "../c100/r001.txt",
        "ẠẢẤẦẨẪẬ", "\u{2028}", "<>&'", "1.234.567", "-", "–", "—",
    ]

    static func text(_ generator: inout Generator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...6, using: &generator) { text += pieces.randomElement(using: &generator)! }
        return text
    }

    static func number(_ generator: inout Generator) -> Int {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: return Int.random(in: 0...9, using: &generator)
        case 1: return Int.random(in: 10...99999, using: &generator)
        case 2: return Int.random(in: -12...(-1), using: &generator)
        case 3: return [Int.max, Int.min, 0, 1, 10, 100, 1_000_000].randomElement(using: &generator)!
        default: return Int.random(in: 1...400, using: &generator)
        }
    }

    static func range(_ generator: inout Generator) -> SourceRange? {
        guard Int.random(in: 0..<5, using: &generator) > 0 else { return nil }
        return SourceRange(Location(line: number(&generator), column: number(&generator)),
                           Location(line: number(&generator), column: number(&generator)))
    }

    static func diagnostic(path: String, _ generator: inout Generator) -> Diagnostic {
        let notes = (0..<[0, 0, 1, 2, 3].randomElement(using: &generator)!).map { _ in
            Note(text(&generator), at: range(&generator))
        }
        let fixIts = (0..<[0, 0, 1, 2].randomElement(using: &generator)!).map { _ in
            FixIt(range(&generator) ?? SourceRange(line: 1, column: 1), replacement: text(&generator),
                  safe: Bool.random(using: &generator))
        }
        return Diagnostic(path: path, range: range(&generator), severity: Severity.allCases.randomElement(using: &generator)!,
                          message: text(&generator), ruleID: ["vi/a", "input", "x", text(&generator)].randomElement(using: &generator)!,
                          notes: notes, fixIts: fixIts)
    }

    static let paths = ["r.txt", "c100/r001.txt", "báo cáo/Tổng hợp \"2024\".docx", "a\\b\tc.txt", "-", "<stdin>", ""]

    @Test func decimalsAreStringInit() {
        var generator = Generator(state: 1)
        var values = [0, 1, 9, 10, 11, 99, 100, -1, -9, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for _ in 0..<2000 { values.append(Int(bitPattern: UInt(generator.next() >> UInt64.random(in: 0...63, using: &generator)))) }
        for value in values {
            var buffer = ByteBuffer()
            buffer.append(decimal: value)
            #expect(buffer.string == String(value))
        }
    }

    @Test func gccMatchesTheInterpolatedLines() {
        var generator = Generator(state: 2)
        #expect(GCCRenderer.render([]) == GCCRenderer.renderReference([]))
        for _ in 0..<400 {
            let path = Self.paths.randomElement(using: &generator)!
            let diagnostics = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                Self.diagnostic(path: Bool.random(using: &generator) ? path : Self.text(&generator), &generator)
            }
            let fast = GCCRenderer.render(diagnostics)
            #expect(fast == GCCRenderer.renderReference(diagnostics))
            #expect(fast.utf8.elementsEqual(GCCRenderer.renderReference(diagnostics).utf8))
        }
    }

    @Test func jsonQuotingMatchesTheScalarWalk() {
        var generator = Generator(state: 3)
        var samples = Self.pieces
        for byte in 0..<0x80 { samples.append(String(UnicodeScalar(UInt8(byte)))) }
        for _ in 0..<2000 { samples.append(Self.text(&generator)) }
        for sample in samples {
            var fast = ByteBuffer()
            JSONWriter.quote(sample, into: &fast)
            var reference = ""
            JSONValue.quote(sample, into: &reference)
            #expect(fast.string == reference, "\(sample.debugDescription)")
            #expect(fast.bytes == Array(reference.utf8))
        }
    }

    static func value(_ generator: inout Generator, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator) {
        case 0: return .string(text(&generator))
        case 1: return .int(number(&generator))
        case 2: return .bool(Bool.random(using: &generator))
        case 3: return .null
        case 4: return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in value(&generator, depth: depth + 1) })
        default:
            return .object((0..<Int.random(in: 0...4, using: &generator)).map { _ in
                (text(&generator), value(&generator, depth: depth + 1))
            })
        }
    }

    @Test func jsonValuesSerializeAsBefore() {
        var generator = Generator(state: 4)
        for _ in 0..<1000 {
            let value = Self.value(&generator)
            #expect(value.serialized() == value.serializedReference())
        }
    }

    static let tool = ToolInfo(name: "reportlint", version: "1.2.3", informationURI: "https://example.com/\"x\"")

    @Test func jsonDocumentsMatchTheTree() {
        var generator = Generator(state: 5)
        for round in 0..<300 {
            var sources: [String: SourceFile] = [:]
            var diagnostics: [Diagnostic] = []
            var files: [String] = []
            for path in Self.paths.shuffled(using: &generator).prefix(Int.random(in: 0...4, using: &generator)) {
                if Bool.random(using: &generator) { files.append(path) }
                if Bool.random(using: &generator) {
                    let lines = Int.random(in: 1...30, using: &generator)
                    sources[path] = SourceFile(path: path, text: String(repeating: "dòng\n", count: lines),
                                               paragraphIndexes: Bool.random(using: &generator)
                                                   ? (0..<lines).map { $0 * 2 } : nil)
                }
                for _ in 0..<Int.random(in: 0...8, using: &generator) {
                    diagnostics.append(Self.diagnostic(path: path, &generator))
                }
            }
            if round % 10 == 0, let first = files.first { files.append(first) } // a path listed twice
            let fast = JSONRenderer.render(diagnostics, files: files, sources: sources, tool: Self.tool)
            let reference = JSONRenderer.renderReference(diagnostics, files: files, sources: sources, tool: Self.tool)
            #expect(fast == reference)

            // The stream writes the same document when each file comes once, with its findings.
            let paths = Array(Set(files + diagnostics.map(\.path))).sorted()
            var stream = JSONRenderer.Stream()
            var streamed = stream.start(tool: Self.tool)
            for path in paths {
                streamed += stream.file(path, diagnostics.filter { $0.path == path }, source: sources[path])
            }
            streamed += stream.end()
            let whole = JSONRenderer.renderReference(diagnostics, files: paths, sources: sources, tool: Self.tool)
            #expect(streamed == whole)
        }
    }

    @Test func cachedRuleSelectionsMatchTheComputedOnes() throws {
        let catalog = try #require(RuleCatalog.builtin().0)
        var generator = Generator(state: 6)
        let ids = catalog.ruleSets.map(\.id) + ["no-such-set"]
        var selections: [[String]] = [[], ids, ids.reversed()]
        for _ in 0..<200 { selections.append((0..<Int.random(in: 0...4, using: &generator)).map { _ in ids.randomElement(using: &generator)! }) }
        for _ in 0..<2 {
            for selection in selections {
                let cached = catalog.rules(inSets: selection)
                let computed = catalog.computeRules(inSets: selection)
                #expect(cached.map(\.id) == computed.map(\.id), "\(selection)")
                #expect(cached.map(\.severity) == computed.map(\.severity))
            }
        }
    }

    @Test func disabledRulesAreStillLeftOut() throws {
        let catalog = try #require(RuleCatalog.builtin().0)
        var rules = Array(catalog.rules.prefix(12))
        rules[3].severity = nil
        rules[7].severity = nil
        let source = SourceFile(path: "r.txt", text: "BỘ TÀI CHÍNH\nBÁO CÁO\nTổng cộng: 1.234 tỷ đồng\n")
        let linted = Linter(rules: rules).lint(.success(source), displayPath: "r.txt", absolutePath: nil)
        #expect(linted.rules.map(\.id) == rules.filter(\.isEnabled).map(\.id))
        let allOn = Array(catalog.rules.prefix(12))
        let all = Linter(rules: allOn).lint(.success(source), displayPath: "r.txt", absolutePath: nil)
        #expect(all.rules.map(\.id) == allOn.map(\.id))
    }
}

extension RenderFastPathTests {
    @Test func outputOrderIsTheStableSort() {
        var generator = Generator(state: 7)
        for round in 0..<600 {
            let path = Self.paths.randomElement(using: &generator)!
            let count = Int.random(in: 0...40, using: &generator)
            var diagnostics: [Diagnostic] = []
            for _ in 0..<count {
                // Few distinct positions, rule ids and messages, so ties are common.
                let range: SourceRange? = Int.random(in: 0..<6, using: &generator) == 0 ? nil
                    : SourceRange(line: Int.random(in: 0...4, using: &generator), column: Int.random(in: 0...3, using: &generator),
                                  length: Int.random(in: 0...2, using: &generator))
                diagnostics.append(Diagnostic(
                    path: round % 7 == 0 && Bool.random(using: &generator) ? Self.paths.randomElement(using: &generator)! : path,
                    range: range, severity: Severity.allCases.randomElement(using: &generator)!,
                    message: ["m", "n", "Tổng", "tổng", ""].randomElement(using: &generator)!,
                    ruleID: ["a/x", "a/y", "b"].randomElement(using: &generator)!,
                    notes: Bool.random(using: &generator) ? [] : [Note("\(Int.random(in: 0...9, using: &generator))", at: nil)]))
            }
            if round % 3 == 0 { diagnostics.sort(by: Diagnostic.ordered) }
            let fast = Diagnostic.sortedInOutputOrder(diagnostics)
            let reference = diagnostics.sorted(by: Diagnostic.ordered)
            #expect(fast == reference)
        }
    }
}

extension RenderFastPathTests {
    @Test func sarifPiecesMatchTheScalarWalks() {
        // The white-space shortcut agrees with the Unicode property for every scalar below U+0085.
        for value in UInt32(0)..<0x85 {
            let scalar = Unicode.Scalar(value)!
            #expect((value == 0x20 || (value >= 0x09 && value <= 0x0D)) == scalar.properties.isWhitespace, "\(value)")
        }
        var generator = Generator(state: 8)
        var samples = Self.pieces + Self.paths + [
            " a  b ", "\u{A0}x\u{2003}y\u{3000}", "\u{85}\u{1680}\u{2028}\u{2029}\u{202F}\u{205F}\u{180E}",
            "Tô\u{300}ng  cô\u{323}ng", "\t\n\r\u{B}\u{C}", "\u{1C}\u{1D}\u{1E}\u{1F}", "/abs/path with space/ẞ.txt",
        ]
        for _ in 0..<3000 { samples.append(Self.text(&generator)) }
        for sample in samples {
            #expect(FindingText.normalized(sample) == FindingText.normalizedReference(sample), "\(sample.debugDescription)")
            #expect(SARIFRenderer.percentEncoded(sample) == SARIFRenderer.percentEncodedReference(sample))
        }
    }

    @Test func columnCursorCountsAsTheIndexWalk() {
        var generator = Generator(state: 9)
        for _ in 0..<1500 {
            let text = Self.text(&generator) + Self.text(&generator)
            let span = TextSpan(text, SourceRange(line: Int.random(in: 1...50, using: &generator),
                                                  column: Int.random(in: 1...9, using: &generator)))
            var cursor = ColumnCursor(span)
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                // Mostly forward, sometimes back (the cursor starts over), sometimes past the end.
                let target = Int.random(in: -2...(text.utf8.count + 3), using: &generator)
                #expect(cursor.column(ofUTF8: target) == ColumnCursor.columnReference(span, ofUTF8: target))
            }
        }
    }
}

extension RenderFastPathTests {
    @Test func flaggedLinesAreTheRangeUnion() {
        var generator = Generator(state: 10)
        for _ in 0..<500 {
            let diagnostics = (0..<Int.random(in: 0...15, using: &generator)).map { _ in
                var d = Self.diagnostic(path: "r.txt", &generator)
                // Modest line numbers (a range is walked line by line), ends before starts too.
                func small(_ range: SourceRange?) -> SourceRange? {
                    guard range != nil else { return nil }
                    return SourceRange(Location(line: Int.random(in: -3...60, using: &generator), column: 1),
                                       Location(line: Int.random(in: -3...60, using: &generator), column: 2))
                }
                d.range = small(d.range)
                d.notes = d.notes.map { Note($0.message, at: small($0.range)) }
                d.fixIts = d.fixIts.map { FixIt(small($0.range) ?? SourceRange(line: 2, column: 1), replacement: $0.replacement) }
                return d
            }
            let result = FileResult(path: "r.txt", source: nil, diagnostics: diagnostics, unreadable: false)
            #expect(result.flaggedLines() == result.flaggedLinesReference())
        }
    }
}

extension RenderFastPathTests {
    @Test func flaggedTextIsTheScalarSlice() {
        var generator = Generator(state: 11)
        for _ in 0..<300 {
            let lines = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                Self.text(&generator).replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            }
            let source = SourceFile(path: "r.txt", text: lines.joined(separator: "\n"))
            for _ in 0..<10 {
                let start = Location(line: Int.random(in: -1...8, using: &generator), column: Int.random(in: -2...40, using: &generator))
                let end = Location(line: Int.random(in: -1...8, using: &generator), column: Int.random(in: -2...40, using: &generator))
                let range: SourceRange? = Int.random(in: 0..<8, using: &generator) == 0 ? nil : SourceRange(start, end)
                #expect(FindingText.flagged(range, in: source) == FindingText.flaggedReference(range, in: source))
            }
            #expect(FindingText.flagged(SourceRange(line: 1, column: 1), in: nil) == "")
        }
    }
}
