import SourceText

/// `path:line:col: severity: message [rule-id]`, one line per finding and one per note:
/// the format editors, `errorformat` and CI log parsers read.
public enum GCCRenderer {
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += line(diagnostic) + "\n"
            for note in diagnostic.notes {
                out += noteLine(note, path: diagnostic.path) + "\n"
            }
        }
        return out
    }

    public static func line(_ d: Diagnostic) -> String {
        "\(position(d.path, d.range)): \(d.severity.label): \(d.message) [\(d.ruleID)]"
    }

    public static func noteLine(_ note: Note, path: String) -> String {
        "\(position(path, note.range)): note: \(note.message)"
    }

    static func position(_ path: String, _ range: SourceRange?) -> String {
        guard let range else { return path }
        return "\(path):\(range.start.line):\(range.start.column)"
    }
}
