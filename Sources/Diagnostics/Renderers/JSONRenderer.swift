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

        let fileValues: [JSONValue] = paths.map { path in
            .object([
                ("path", .string(path)),
                ("diagnostics", .array((byPath[path] ?? []).map { value($0, source: sources[path]) })),
            ])
        }
        let document = JSONValue.object([
            ("version", .int(formatVersion)),
            ("tool", .object([("name", .string(tool.name)), ("version", .string(tool.version))])),
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
