import SourceText

/// The `github` format: GitHub Actions workflow commands, one per finding, which the runner
/// turns into annotations on the pull request:
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
/// Notes follow the message on lines of their own. GitHub takes `col`/`endColumn` only within
/// one line and counts `endColumn` inclusively, so a range over several lines gives lines only.
public enum GitHubRenderer {
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics {
            var properties = [("file", d.path)]
            if let range = d.range {
                properties.append(("line", String(range.start.line)))
                if range.end.line == range.start.line {
                    properties.append(("col", String(range.start.column)))
                    properties.append(("endLine", String(range.end.line)))
                    if range.end.column > range.start.column {
                        properties.append(("endColumn", String(range.end.column - 1)))
                    }
                } else {
                    properties.append(("endLine", String(range.end.line)))
                }
            }
            properties.append(("title", d.ruleID))
            var message = d.message
            for note in d.notes {
                let position = note.range.map { "\($0.start.line):\($0.start.column)" }
                message += "\nnote" + (position.map { " (\($0))" } ?? "") + ": " + note.message
            }
            out += "::\(command(d.severity)) "
                + properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
                + "::" + escapeData(message) + "\n"
        }
        return out
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    /// The runner's own escaping (actions/toolkit `escapeData`): `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        text.replacingUTF8("%", with: "%25").replacingUTF8("\r", with: "%0D").replacingUTF8("\n", with: "%0A")
    }

    /// Property values also escape `:` and `,`, which separate the properties.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingUTF8(":", with: "%3A").replacingUTF8(",", with: "%2C")
    }
}
