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
        let (paths, byPath) = grouped(diagnostics, files: files)

        var writer = JSONWriter()
        writer.out.append(start(tool: tool))
        for (number, path) in paths.enumerated() {
            writer.out.append(number == 0 ? "[\n    " : ",\n    ")
            writeFile(path, byPath[path] ?? [], source: sources[path], into: &writer, indent: 4)
        }
        writer.out.append(end(files: paths.count, errors: diagnostics.count { $0.severity == .error },
                              warnings: diagnostics.count { $0.severity == .warning },
                              notes: diagnostics.count { $0.severity == .info }))
        return writer.out.string
    }

    /// The files in output order (`files`, then any other path a finding names, sorted) and the
    /// findings of each.
    static func grouped(_ diagnostics: [Diagnostic], files: [String]) -> (paths: [String], byPath: [String: [Diagnostic]]) {
        var byPath: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics { byPath[diagnostic.path, default: []].append(diagnostic) }
        var paths = files
        let listed = Set(files)
        for path in byPath.keys.sorted() where !listed.contains(path) { paths.append(path) }
        return (paths, byPath)
    }

    /// The former, tree-built `render`, kept for the tests that compare the two.
    static func renderReference(_ diagnostics: [Diagnostic], files: [String], sources: [String: SourceFile] = [:],
                                tool: ToolInfo) -> String {
        let (paths, byPath) = grouped(diagnostics, files: files)

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

    /// The document up to the files array: `{ "version", "tool", "files": `.
    static func start(tool: ToolInfo) -> String {
        var out = "{\n  \"version\": \(formatVersion),\n  \"tool\": "
        toolValue(tool).write(into: &out, indent: 2)
        return out + ",\n  \"files\": "
    }

    /// The end of the files array (`[]` when there was none) and the summary.
    static func end(files: Int, errors: Int, warnings: Int, notes: Int) -> String {
        var out = files == 0 ? "[]" : "\n  ]"
        out += ",\n  \"summary\": "
        JSONValue.object([
            ("files", .int(files)), ("errors", .int(errors)), ("warnings", .int(warnings)), ("notes", .int(notes)),
        ]).write(into: &out, indent: 2)
        return out + "\n}\n"
    }

    /// `fileValue(path, diagnostics, source:)` written at `indent`, without the tree.
    static func writeFile(_ path: String, _ diagnostics: [Diagnostic], source: SourceFile?,
                          into writer: inout JSONWriter, indent: Int) {
        writer.out.append(UInt8(ascii: "{"))
        writer.key("path", first: true, indent: indent + 2)
        writer.string(path)
        writer.key("diagnostics", first: false, indent: indent + 2)
        writer.array(count: diagnostics.count, indent: indent + 2) { writer, index, at in
            write(diagnostics[index], source: source, into: &writer, indent: at)
        }
        writer.close(UInt8(ascii: "}"), indent: indent)
    }

    /// `value(d, source:)` written at `indent`, without the tree.
    static func write(_ d: Diagnostic, source: SourceFile?, into writer: inout JSONWriter, indent: Int) {
        let inner = indent + 2
        writer.out.append(UInt8(ascii: "{"))
        writer.key("rule", first: true, indent: inner)
        writer.string(d.ruleID)
        writer.key("severity", first: false, indent: inner)
        writer.string(d.severity.label)
        writer.key("message", first: false, indent: inner)
        writer.string(d.message)
        writer.key("range", first: false, indent: inner)
        writer.range(d.range, indent: inner)
        if let line = d.range?.start.line, let paragraph = source?.paragraphIndex(ofLine: line) {
            writer.key("paragraph", first: false, indent: inner)
            writer.int(paragraph)
        }
        writer.key("notes", first: false, indent: inner)
        writer.array(count: d.notes.count, indent: inner) { writer, index, at in
            writer.out.append(UInt8(ascii: "{"))
            writer.key("message", first: true, indent: at + 2)
            writer.string(d.notes[index].message)
            writer.key("range", first: false, indent: at + 2)
            writer.range(d.notes[index].range, indent: at + 2)
            writer.close(UInt8(ascii: "}"), indent: at)
        }
        writer.key("fixes", first: false, indent: inner)
        writer.array(count: d.fixIts.count, indent: inner) { writer, index, at in
            writer.out.append(UInt8(ascii: "{"))
            writer.key("range", first: true, indent: at + 2)
            writer.range(d.fixIts[index].range, indent: at + 2)
            writer.key("replacement", first: false, indent: at + 2)
            writer.string(d.fixIts[index].replacement)
            writer.key("safe", first: false, indent: at + 2)
            writer.out.append(d.fixIts[index].safe ? "true" : "false")
            writer.close(UInt8(ascii: "}"), indent: at)
        }
        writer.close(UInt8(ascii: "}"), indent: indent)
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
            JSONRenderer.start(tool: tool)
        }

        public mutating func file(_ path: String, _ diagnostics: [Diagnostic], source: SourceFile?) -> String {
            var writer = JSONWriter()
            writer.out.bytes.reserveCapacity(512 + diagnostics.count * 700)
            writer.out.append(files == 0 ? "[\n    " : ",\n    ")
            files += 1
            for d in diagnostics {
                switch d.severity {
                case .error: errors += 1
                case .warning: warnings += 1
                case .info: notes += 1
                }
            }
            JSONRenderer.writeFile(path, diagnostics, source: source, into: &writer, indent: 4)
            return writer.out.string
        }

        public func end() -> String {
            JSONRenderer.end(files: files, errors: errors, warnings: warnings, notes: notes)
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
