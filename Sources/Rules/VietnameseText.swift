import Foundation
import ReportModel
import SourceText

/// Shared pieces of the text rules: Vietnamese-aware word matching and the places findings
/// about a missing part of the header point at.
enum VietnameseText {
    /// A pattern that matches `phrase` as whole words: no letter, digit or `_` right before or
    /// after (PCRE2 UCP letters, so đ, ư, ơ and combining-free NFC letters count). Spaces in the
    /// phrase match any run of spaces.
    static func wordPattern(_ phrase: String, caseInsensitive: Bool) -> Pattern {
        var escaped = ""
        for scalar in phrase.precomposedForMatching.unicodeScalars {
            if "\\^$.|?*+()[]{}#".unicodeScalars.contains(scalar) { escaped.append("\\") }
            if scalar == " " { escaped += "\\s+"; continue }
            escaped.unicodeScalars.append(scalar)
        }
        let wrapped = #"(?<![\p{L}\p{N}_])"# + escaped + #"(?![\p{L}\p{N}_])"#
        // An escaped literal always compiles.
        return try! Pattern(wrapped, caseInsensitive: caseInsensitive)
    }

    /// `right` written in the case pattern of `found`: all capitals stay capitals, a capital
    /// first letter stays capital.
    static func adaptCase(_ right: String, to found: String) -> String {
        let letters = found.unicodeScalars.filter { $0.properties.isAlphabetic }
        if letters.count > 1, letters.allSatisfy({ !$0.properties.isLowercase }) { return right.uppercased() }
        guard let first = letters.first, let rightFirst = right.first else { return right }
        let capital = first.properties.isUppercase
        let head = capital ? String(rightFirst).uppercased() : String(rightFirst).lowercased()
        return head + right.dropFirst()
    }

    /// The written case of `found` is one `wrong` can take: as written, with the first letter's
    /// case changed, or all capitals.
    static func acceptableCase(_ found: String, of wrong: String) -> Bool {
        let f = found.precomposedForMatching, w = wrong.precomposedForMatching
        if f.unicodeScalars.elementsEqual(w.unicodeScalars) { return true }
        if f.unicodeScalars.elementsEqual(w.uppercased().unicodeScalars) { return true }
        guard let first = w.first else { return false }
        let swapped = (String(first).uppercased() == String(first) ? String(first).lowercased() : String(first).uppercased())
            + w.dropFirst()
        return f.unicodeScalars.elementsEqual(swapped.unicodeScalars)
    }

    /// Where a finding about a missing header part points: the first header line, else the
    /// document type, else the first line with text.
    static func headerAnchor(_ report: Report) -> SourceRange {
        if let first = report.header.lines.first { return first.range }
        if let title = report.title { return title.documentType.range }
        for number in 1...max(1, report.source.lineCount) where number <= report.source.lineCount {
            let text = report.source.line(number)
            let leading = text.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
            if leading < text.unicodeScalars.count {
                return SourceRange(line: number, column: leading + 1, length: text.unicodeScalars.count - leading)
            }
        }
        return report.end
    }

    /// The lines of the document as spans, skipping empty ones.
    /// The source's lines are read in place, into an array reserved once.
    static func lines(of report: Report) -> [TextSpan] {
        let lines = report.source.lines
        var spans: [TextSpan] = []
        spans.reserveCapacity(lines.count)
        for (index, text) in lines.enumerated() where !text.isEmpty {
            spans.append(TextSpan(text, SourceRange(line: index + 1, column: 1, length: text.scalarCount)))
        }
        return spans
    }
}

/// A string compared and hashed by its UTF-8 bytes, where `String` compares canonical
/// equivalents equal: texts that differ only in normalisation stay apart.
struct ExactText: Hashable {
    let text: String
    init(_ text: String) { self.text = text }

    static func == (a: ExactText, b: ExactText) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { x in y.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
