import SourceText

/// What SARIF's `tool.driver.rules` says about one rule that ran. The CLI builds these from the
/// rule sets (a renderer never sees a rule kind).
public struct SARIFRule: Sendable {
    public var id: String
    public var shortDescription: String
    public var fullDescription: String
    public var help: String
    /// The severity the rule reports at in this run.
    public var level: Severity

    public init(id: String, shortDescription: String, fullDescription: String, help: String, level: Severity) {
        self.id = id
        self.shortDescription = shortDescription
        self.fullDescription = fullDescription
        self.help = help
        self.level = level
    }
}

/// SARIF 2.1.0, one run: what GitHub code scanning, Azure DevOps and SARIF viewers read.
/// Columns are Unicode code points (`columnKind: unicodeCodePoints`, as reportlint counts them);
/// relative paths are URIs against `%SRCROOT%`, the directory reportlint ran in. Each result
/// has a `partialFingerprints` entry computed from the rule id and the text it flagged (never
/// the line number), so edits elsewhere in the file keep a finding's identity.
public enum SARIFRenderer {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let fingerprintKey = "reportlintFinding/v1"

    /// `root` is the absolute directory relative paths start from (`%SRCROOT%`), if known.
    public static func render(_ diagnostics: [Diagnostic], sources: [String: SourceFile], rules: [SARIFRule],
                              tool: ToolInfo, root: String? = nil) -> String {
        var descriptors = rules
        var index: [String: Int] = [:]
        for (position, rule) in descriptors.enumerated() where index[rule.id] == nil { index[rule.id] = position }
        // Findings about the input itself (unreadable files, stale baseline entries) come from
        // no rule set; they still get a descriptor so every result has a rule.
        for d in diagnostics where index[d.ruleID] == nil {
            index[d.ruleID] = descriptors.count
            descriptors.append(SARIFRule(id: d.ruleID, shortDescription: d.ruleID, fullDescription: d.ruleID,
                                         help: d.ruleID, level: d.severity))
        }

        var occurrences: [String: Int] = [:]
        let results: [JSONValue] = diagnostics.map { d in
            let source = sources[d.path]
            let hash = fingerprint(d, source: source)
            let key = d.path + "\u{0}" + hash
            occurrences[key, default: 0] += 1
            var members: [(String, JSONValue)] = [
                ("ruleId", .string(d.ruleID)),
                ("ruleIndex", .int(index[d.ruleID]!)),
                ("level", .string(level(d.severity))),
                ("message", .object([("text", .string(d.message))])),
                ("locations", .array([location(d.path, d.range)])),
            ]
            if !d.notes.isEmpty {
                members.append(("relatedLocations", .array(d.notes.enumerated().map { number, note in
                    var related = location(d.path, note.range).members
                    related.insert(("id", .int(number)), at: 0)
                    related.append(("message", .object([("text", .string(note.message))])))
                    return .object(related)
                })))
            }
            members.append(("partialFingerprints", .object([
                (fingerprintKey, .string("\(hash):\(occurrences[key]!)")),
            ])))
            if !d.fixIts.isEmpty {
                members.append(("fixes", .array(d.fixIts.map { fix in
                    .object([
                        ("description", .object([("text", .string(
                            (fix.safe ? "" : "(unsafe) ") + "replace with \"\(fix.replacement)\""))])),
                        ("artifactChanges", .array([.object([
                            ("artifactLocation", artifactLocation(d.path)),
                            ("replacements", .array([.object([
                                ("deletedRegion", region(fix.range)),
                                ("insertedContent", .object([("text", .string(fix.replacement))])),
                            ])])),
                        ])])),
                    ])
                })))
            }
            return .object(members)
        }

        var driver: [(String, JSONValue)] = [
            ("name", .string(tool.name)),
            ("version", .string(tool.version)),
            ("semanticVersion", .string(tool.version)),
        ]
        if let uri = tool.informationURI { driver.append(("informationUri", .string(uri))) }
        driver.append(("rules", .array(descriptors.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("shortDescription", .object([("text", .string(rule.shortDescription))])),
                ("fullDescription", .object([("text", .string(rule.fullDescription))])),
                ("help", .object([("text", .string(rule.help))])),
                ("defaultConfiguration", .object([("level", .string(level(rule.level)))])),
            ])
        })))

        var run: [(String, JSONValue)] = [("tool", .object([("driver", .object(driver))]))]
        if let root {
            let directory = root.hasSuffix("/") ? root : root + "/"
            run.append(("originalUriBaseIds", .object([
                ("%SRCROOT%", .object([("uri", .string("file://" + percentEncoded(directory)))])),
            ])))
        }
        run.append(("columnKind", .string("unicodeCodePoints")))
        run.append(("results", .array(results)))
        return JSONValue.object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ]).serialized()
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    static func location(_ path: String, _ range: SourceRange?) -> JSONValue {
        var physical: [(String, JSONValue)] = [("artifactLocation", artifactLocation(path))]
        // A finding about the whole file has a location without a region.
        if let range { physical.append(("region", region(range))) }
        return .object([("physicalLocation", .object(physical))])
    }

    static func region(_ range: SourceRange) -> JSONValue {
        .object([
            ("startLine", .int(range.start.line)),
            ("startColumn", .int(range.start.column)),
            ("endLine", .int(max(range.end.line, range.start.line))),
            ("endColumn", .int(range.end.line > range.start.line ? range.end.column : max(range.end.column, range.start.column))),
        ])
    }

    static func artifactLocation(_ path: String) -> JSONValue {
        if path.hasPrefix("/") {
            return .object([("uri", .string("file://" + percentEncoded(path)))])
        }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return .object([("uri", .string(percentEncoded(String(relative)))), ("uriBaseId", .string("%SRCROOT%"))])
    }

    /// RFC 3986: unreserved characters and `/` stay, every other byte of the UTF-8 is `%XX`.
    /// Written into a byte buffer (`percentEncodedReference` is the former form).
    static func percentEncoded(_ path: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count + 16)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(upperHex(byte >> 4))
                out.append(upperHex(byte & 15))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func upperHex(_ value: UInt8) -> UInt8 { value < 10 ? value + 48 : value + 55 }

    static func percentEncodedReference(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// Rule id, the normalised text of the flagged line and the flagged text itself: the
    /// identity of a finding that survives edits elsewhere in the file.
    public static func fingerprint(_ d: Diagnostic, source: SourceFile?) -> String {
        var text = d.ruleID
        if let range = d.range, let source {
            text += "\u{0}" + FindingText.normalized(source.originalLine(range.start.line))
            text += "\u{0}" + FindingText.flagged(d.range, in: source)
        }
        return FindingText.hash(text)
    }
}

extension JSONValue {
    var members: [(String, JSONValue)] {
        if case let .object(members) = self { return members }
        return []
    }
}

/// The text a finding is about, normalised so that it identifies the finding independently of
/// where it sits: NFC, runs of white space as one space, trimmed. SARIF fingerprints and the
/// baseline both key on it.
public enum FindingText {
    /// The saved text inside `range` (lines joined by a space), normalised; empty without a range.
    /// Each line's piece is cut at the UTF-8 offsets of its first and last scalar, counted on
    /// the bytes (no array of the line's scalars); `flaggedReference` is the former form.
    public static func flagged(_ range: SourceRange?, in source: SourceFile?) -> String {
        guard let range, let source, range.start.line >= 1, range.start.line <= source.lineCount else { return "" }
        var pieces: [String] = []
        for number in range.start.line...min(max(range.end.line, range.start.line), source.lineCount) {
            let line = source.originalLine(number)
            let from = number == range.start.line ? range.start.column - 1 : 0
            let to = number == range.end.line ? range.end.column - 1 : Int.max
            let piece: String? = line.utf8.withContiguousStorageIfAvailable { bytes in
                // The byte offset of scalar `index` (the end when the line has fewer scalars).
                func offset(ofScalar index: Int) -> Int {
                    var seen = 0
                    for position in bytes.indices where bytes[position] & 0xC0 != 0x80 {
                        if seen == index { return position }
                        seen += 1
                    }
                    return bytes.count
                }
                let lower = offset(ofScalar: max(0, from))
                let upper = max(lower, to == Int.max ? bytes.count : offset(ofScalar: max(0, to)))
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
            }
            if let piece {
                pieces.append(piece)
                continue
            }
            let scalars = Array(line.unicodeScalars)
            let lower = max(0, min(from, scalars.count)), upper = max(lower, min(to, scalars.count))
            var slow = ""
            slow.unicodeScalars.append(contentsOf: scalars[lower..<upper])
            pieces.append(slow)
        }
        return normalized(pieces.joined(separator: " "))
    }

    static func flaggedReference(_ range: SourceRange?, in source: SourceFile?) -> String {
        guard let range, let source, range.start.line >= 1, range.start.line <= source.lineCount else { return "" }
        var pieces: [String] = []
        for number in range.start.line...min(max(range.end.line, range.start.line), source.lineCount) {
            let scalars = Array(source.originalLine(number).unicodeScalars)
            let from = number == range.start.line ? range.start.column - 1 : 0
            let to = number == range.end.line ? range.end.column - 1 : scalars.count
            let lower = max(0, min(from, scalars.count)), upper = max(lower, min(to, scalars.count))
            var piece = ""
            piece.unicodeScalars.append(contentsOf: scalars[lower..<upper])
            pieces.append(piece)
        }
        return normalized(pieces.joined(separator: " "))
    }

    public static func normalized(_ text: String) -> String {
        // Findings are short; normalising one line at a time is cheap (never a whole file).
        // Into a byte buffer; ASCII and the scalars below U+0085 (none of them white space
        // but tab to carriage return and the space) skip the property lookup.
        let composed = text.precomposedForMatching
        var out: [UInt8] = []
        out.reserveCapacity(composed.utf8.count)
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            let value = scalar.value
            let isSpace = value < 0x85 ? value == 0x20 || (value >= 0x09 && value <= 0x0D) : scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(UInt8(ascii: " ")); pendingSpace = false }
                if value < 0x80 {
                    out.append(UInt8(truncatingIfNeeded: value))
                } else {
                    UTF8.encode(scalar) { out.append($0) }
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The former `String`-built `normalized`, kept for the tests that compare the two.
    static func normalizedReference(_ text: String) -> String {
        let composed = text.precomposedForMatching
        var out = ""
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out += " "; pendingSpace = false }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// FNV-1a, 64 bits, as 16 hex digits: stable across runs, platforms and Swift versions
    /// (Swift's `Hasher` is seeded per process).
    public static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
