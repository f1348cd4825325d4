import SourceText

/// One finding: where, how bad, what, which rule, with notes at related places and fix-its.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// The word text formats print: editors, `errorformat` and CI problem matchers know
    /// `error`, `warning` and `note`, not `info`.
    public var label: String { self == .info ? "note" : rawValue }
}

public enum Language: String, Sendable, CaseIterable, Codable {
    case vi, en
}

/// A message in both languages the tool speaks. `{name}` placeholders are filled by the rule.
public struct Message: Sendable, Hashable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public init(_ both: String) {
        vi = both
        en = both
    }

    public func text(_ language: Language) -> String { language == .vi ? vi : en }

    /// The text in `language` with its `{name}` placeholders filled (the other language is not built).
    public func text(_ language: Language, filling values: [String: String]) -> String {
        let template = text(language)
        return values.isEmpty ? template : Message.fill(template, values)
    }

    /// Replaces each `{name}` that `values` knows; other braces stay as written. Works on the
    /// UTF-8 bytes (`{` and `}` are ASCII and never part of a longer character), into one byte
    /// buffer; a name is matched against the keys' bytes first (byte-equal strings are equal),
    /// and only a name no key spells byte for byte goes through the dictionary's `String` lookup.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var template = template
        let filled: [UInt8]? = template.withUTF8 { bytes in
            guard let firstOpen = bytes.firstIndex(of: UInt8(ascii: "{")) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            let end = bytes.count
            // Bytes from `start` are still to be copied; `{` at `open` begins a possible name.
            var start = 0, open = firstOpen
            while true {
                if let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "}")),
                   var value = lookup(UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), values) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<open]))
                    value.withUTF8 { out.append(contentsOf: $0) }
                    start = close + 1
                    guard let next = bytes[start...].firstIndex(of: UInt8(ascii: "{")) else { break }
                    open = next
                } else {
                    guard let next = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "{")) else { break }
                    open = next
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            return out
        }
        guard let filled else { return template }
        return String(decoding: filled, as: UTF8.self)
    }

    /// `values[name]` for the UTF-8 bytes of `name`.
    private static func lookup(_ name: UnsafeBufferPointer<UInt8>, _ values: [String: String]) -> String? {
        for (key, value) in values where key.utf8.elementsEqual(name) { return value }
        return values[String(decoding: name, as: UTF8.self)]
    }

    /// The former `String`-index implementation of `fill`, kept for the tests that compare the two.
    static func fillReference(_ template: String, _ values: [String: String]) -> String {
        let bytes = template.utf8
        guard let firstOpen = bytes.firstIndex(of: UInt8(ascii: "{")) else { return template }
        var result = String(template[..<firstOpen])
        var rest = template.utf8[firstOpen...]
        while let open = rest.firstIndex(of: UInt8(ascii: "{")) {
            result += Substring(rest[..<open])
            let after = rest[bytes.index(after: open)...]
            if let close = after.firstIndex(of: UInt8(ascii: "}")), let value = values[String(Substring(after[..<close]))] {
                result += value
                rest = after[bytes.index(after: close)...]
            } else {
                result += "{"
                rest = after
            }
        }
        return result + Substring(rest)
    }
}

public struct Note: Sendable, Hashable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange?) {
        self.message = message
        self.range = range
    }
}

/// A replacement of a range of the saved file. `safe` fix-its are applied by `--fix`.
public struct FixIt: Sendable, Hashable {
    public var range: SourceRange
    public var replacement: String
    public var safe: Bool

    public init(_ range: SourceRange, replacement: String, safe: Bool = true) {
        self.range = range
        self.replacement = replacement
        self.safe = safe
    }
}

public struct Diagnostic: Sendable, Hashable {
    public var path: String
    /// nil for findings about the whole file (unreadable, binary, empty).
    public var range: SourceRange?
    public var severity: Severity
    public var message: String
    public var ruleID: String
    public var notes: [Note]
    public var fixIts: [FixIt]

    public init(path: String, range: SourceRange?, severity: Severity, message: String, ruleID: String,
                notes: [Note] = [], fixIts: [FixIt] = []) {
        self.path = path
        self.range = range
        self.severity = severity
        self.message = message
        self.ruleID = ruleID
        self.notes = notes
        self.fixIts = fixIts
    }

    /// Order of output: by file, then line, then column; file-level findings first.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path < b.path }
        let la = a.range?.start ?? Location(line: 0, column: 0)
        let lb = b.range?.start ?? Location(line: 0, column: 0)
        if la != lb { return la < lb }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}

extension Diagnostic {
    /// `diagnostics.sorted(by: Diagnostic.ordered)` (a stable sort), without moving the
    /// diagnostics around while sorting: when they all name one file (a linted file's findings
    /// do), their positions are sorted as plain integer keys, the rule id and message compared
    /// only between findings at one position, and the original order breaks the remaining ties
    /// as the stable sort does. Returns the array itself when it is already in order.
    public static func sortedInOutputOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let count = diagnostics.count
        guard count > 1 else { return diagnostics }
        return diagnostics.withUnsafeBufferPointer { items -> [Diagnostic] in
            let path = items[0].path
            for index in 1..<count where items[index].path != path {
                return diagnostics.sorted(by: ordered)
            }
            // (line, column, index): file-level findings sort as line 0, column 0.
            var keys: [(line: Int, column: Int, index: Int)] = []
            keys.reserveCapacity(count)
            var inOrder = true
            for index in 0..<count {
                let start = items[index].range?.start
                let key = (line: start?.line ?? 0, column: start?.column ?? 0, index: index)
                if inOrder, let last = keys.last {
                    if (key.line, key.column) < (last.line, last.column) {
                        inOrder = false
                    } else if key.line == last.line && key.column == last.column,
                              ordered(items[index], items[last.index]) {
                        inOrder = false
                    }
                }
                keys.append(key)
            }
            if inOrder { return diagnostics }
            keys.sort { a, b in
                if a.line != b.line { return a.line < b.line }
                if a.column != b.column { return a.column < b.column }
                if items[a.index].ruleID != items[b.index].ruleID { return items[a.index].ruleID < items[b.index].ruleID }
                if items[a.index].message != items[b.index].message { return items[a.index].message < items[b.index].message }
                return a.index < b.index
            }
            var result: [Diagnostic] = []
            result.reserveCapacity(count)
            for key in keys { result.append(items[key.index]) }
            return result
        }
    }
}
