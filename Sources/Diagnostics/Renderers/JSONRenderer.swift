import SourceText

/// The `json` format: one document for the whole run. Its shape is versioned (`version`) and
/// documented in the README; adding a member is compatible, renaming or removing one bumps it.
///
/// ```
/// { "version": 1, "tool": { "name", "version" },
///   "files": [ { "path", "diagnostics": [ { "rule", "severity", "message",
///       "range": { "start": { "line", "column" }, "end": {…} } | null, "paragraph"?,
///       "notes": [ { "message", "range" } ], "fixes": [ { "range", "replacement", "safe" } ] } ] } ],
///   "summary": { "files", "errors", "warnings", "notes" } }
/// ```
/// Lines and columns are 1-based; a column counts Unicode scalars; `end` is exclusive.
/// `severity` is `error`, `warning` or `note`, the words of the text formats.
public enum JSONRenderer {
    public static let formatVersion = 1

    /// `files` lists every file the run looked at, clean ones too, in output order;
    /// `sources` supplies the .docx paragraph index of a line when there is one.
    public static func render(_ diagnostics: [Diagnostic], files: [String], sources: [String: SourceFile] = [:],
                              tool: ToolInfo) -> String {
        var byPath: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics { byPath[diagnostic.path, default: []].append(diagnostic) }
        var paths = files
        let listed = Set(files)
        for path in byPath.keys.sorted() where !listed.contains(path) { paths.append(path) }

        let fileValues: [JSONValue] = paths.map { path in fileValue(path, byPath[path] ?? [], source: sources[path]) }
        let document = JSONValue.object([
            ("version", .int(formatVersion)),
            ("tool", toolValue(tool)),
            ("files", .array(fileValues)),
            ("summary", .object([
                ("files", .int(paths.count)),
                ("errors", .int(diagnostics.count { $0.severity == .error })),
                ("warnings", .int(diagnostics.count { $0.severity == .warning })),
                ("notes", .int(diagnostics.count { $0.severity == .info })),
            ])),
        ])
        return document.serialized()
    }

    static func fileValue(_ path: String, _ diagnostics: [Diagnostic], source: SourceFile?) -> JSONValue {
        .object([("path", .string(path)), ("diagnostics", .array(diagnostics.map { value($0, source: source) }))])
    }

    static func toolValue(_ tool: ToolInfo) -> JSONValue {
        .object([("name", .string(tool.name)), ("version", .string(tool.version))])
    }

    /// The same document as `render`, written piece by piece so a run need not hold every
    /// file's findings: `start`, then `file` for each file in output order, then `end`.
    public struct Stream {
        private var files = 0, errors = 0, warnings = 0, notes = 0

        public init() {}

        public func start(tool: ToolInfo) -> String {
            var out = "{\n  \"version\": \(formatVersion),\n  \"tool\": "
            toolValue(tool).write(into: &out, indent: 2)
            return out + ",\n  \"files\": "
        }

        public mutating func file(_ path: String, _ diagnostics: [Diagnostic], source: SourceFile?) -> String {
            var out = files == 0 ? "[\n    " : ",\n    "
            files += 1
            for d in diagnostics {
                switch d.severity {
                case .error: errors += 1
                case .warning: warnings += 1
                case .info: notes += 1
                }
            }
            fileValue(path, diagnostics, source: source).write(into: &out, indent: 4)
            return out
        }

        public func end() -> String {
            var out = files == 0 ? "[]" : "\n  ]"
            out += ",\n  \"summary\": "
            JSONValue.object([
                ("files", .int(files)), ("errors", .int(errors)), ("warnings", .int(warnings)), ("notes", .int(notes)),
            ]).write(into: &out, indent: 2)
            return out + "\n}\n"
        }
    }

    static func value(_ d: Diagnostic, source: SourceFile?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(d.ruleID)),
            ("severity", .string(d.severity.label)),
            ("message", .string(d.message)),
            ("range", d.range?.json ?? .null),
        ]
        if let line = d.range?.start.line, let paragraph = source?.paragraphIndex(ofLine: line) {
            members.append(("paragraph", .int(paragraph)))
        }
        members.append(("notes", .array(d.notes.map { note in
            .object([("message", .string(note.message)), ("range", note.range?.json ?? .null)])
        })))
        members.append(("fixes", .array(d.fixIts.map { fix in
            .object([("range", fix.range.json), ("replacement", .string(fix.replacement)), ("safe", .bool(fix.safe))])
        })))
        return .object(members)
    }
}
