import SourceText

/// The gcc line, then the source line windowed around the column with a caret and underline.
/// Real paragraphs run to 500+ characters on one line, so long lines are cut with `…`.
public struct PrettyRenderer {
    public var color: Bool
    public var window = 100

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += headline(diagnostic) + "\n"
            if let range = diagnostic.range, let source = sources[diagnostic.path] {
                out += snippet(source, range, caretColor: severityColor(diagnostic.severity))
            }
            for note in diagnostic.notes {
                out += paint(GCCRenderer.position(diagnostic.path, note.range) + ":", bold) + " "
                    + paint("note:", noteColor) + " " + note.message + "\n"
                if let range = note.range, let source = sources[diagnostic.path] {
                    out += snippet(source, range, caretColor: noteColor)
                }
            }
        }
        return out
    }

    func headline(_ d: Diagnostic) -> String {
        paint(GCCRenderer.position(d.path, d.range) + ":", bold) + " "
            + paint(d.severity.label + ":", severityColor(d.severity)) + " "
            + d.message + " " + paint("[\(d.ruleID)]", dim)
    }

    func snippet(_ source: SourceFile, _ range: SourceRange, caretColor: String) -> String {
        let lineNumber = range.start.line
        guard lineNumber >= 1, lineNumber <= source.lineCount else { return "" }
        // Display the line as saved; combining marks take no column of their own on screen.
        let scalars = Array(source.originalLine(lineNumber).unicodeScalars)
        var cells: [String] = []        // one display cell per visible scalar
        var cellOfColumn: [Int] = []    // scalar column -> display cell
        for scalar in scalars {
            cellOfColumn.append(cells.count)
            if (0x0300...0x036F).contains(scalar.value), !cells.isEmpty {
                cells[cells.count - 1].unicodeScalars.append(scalar)
            } else if scalar == "\t" {
                cells.append(" ")
            } else {
                cells.append(String(scalar))
            }
        }
        cellOfColumn.append(cells.count)
        func cell(_ column: Int) -> Int { cellOfColumn[max(0, min(column - 1, cellOfColumn.count - 1))] }
        let startCell = cell(range.start.column)
        var endCell = range.end.line == lineNumber ? cell(range.end.column) : cells.count
        endCell = max(endCell, startCell + 1)

        var from = 0, to = cells.count
        if cells.count > window {
            from = max(0, min(startCell - window / 3, cells.count - window))
            to = min(cells.count, from + window)
        }
        let prefix = from > 0 ? "…" : ""
        let suffix = to < cells.count ? "…" : ""
        let text = prefix + cells[from..<to].joined() + suffix
        let gutter = String(lineNumber)
        let pad = String(repeating: " ", count: gutter.count)
        let caretOffset = prefix.count + startCell - from
        let underline = max(0, min(endCell, to) - startCell - 1)
        let marker = "^" + String(repeating: "~", count: underline)
        return " \(gutter) | \(text)\n \(pad) | " + String(repeating: " ", count: caretOffset) + paint(marker, caretColor) + "\n"
    }

    private let bold = "\u{1B}[1m", dim = "\u{1B}[2m", noteColor = "\u{1B}[1;36m"

    private func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: return "\u{1B}[1;31m"
        case .warning: return "\u{1B}[1;35m"
        case .info: return noteColor
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? code + text + "\u{1B}[0m" : text
    }
}
