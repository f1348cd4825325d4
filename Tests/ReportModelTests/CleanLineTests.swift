import Testing
@testable import ReportModel
import SourceText

/// `CleanLine` and the cell splitter work on UTF-8 bytes; they give what the scalar walk they
/// replaced gave (kept here as the reference).
struct CleanLineTests {
    static let lines: [String] = [
        "", " ", "\t", "   text  ", "# Heading", "## Heading ##", "####### seven", "#hashtag", "#", "##",
        "**KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC**", "**bold**", "__under__", "** **", "****", "*", "**",
        "\u{A0}\u{FEFF}\u{200B}Số: 12/BC\u{200B}\u{A0}", "\u{FEFF}", "Tổng cộng\t\t6.335\t905.400",
        "\tleading tab", "trailing tab\t", "a\t\u{A0}b\u{A0}\t c ", "x\u{301}\t y", "1.\tViễn thông",
        "| TT | Chỉ tiêu |", "  # not a heading", "#\u{A0}Heading", "**\u{A0}x\u{A0}**", "𝟙\t😀 \t",
    ]

    @Test func cleanLinesMatchTheScalarWalk() {
        for raw in Self.lines {
            let line = CleanLine(number: 3, raw: raw)
            let reference = ReferenceCleanLine(raw: raw)
            #expect(line.text.utf8.elementsEqual(reference.text.utf8), "\(raw.debugDescription)")
            #expect(line.startColumn == reference.startColumn, "\(raw.debugDescription)")
            #expect(line.hashes == reference.hashes, "\(raw.debugDescription)")
            #expect(line.length == line.text.unicodeScalars.count)
        }
    }

    @Test func cellsMatchTheCharacterSplit() {
        for raw in Self.lines {
            let cells = CleanLine(number: 3, raw: raw).cells(of: raw)
            let reference = referenceCells(raw, line: 3)
            #expect(cells.count == reference.count, "\(raw.debugDescription)")
            for (cell, expected) in zip(cells, reference) {
                #expect(cell.text.utf8.elementsEqual(expected.text.utf8), "\(raw.debugDescription)")
                #expect(cell.range == expected.range, "\(raw.debugDescription)")
            }
        }
    }

    @Test func trimmingSpacesMatchesTheScalarWalk() {
        for raw in Self.lines {
            var scalars = raw.unicodeScalars[...]
            while let first = scalars.first, CleanLine.isSpace(first) { scalars = scalars.dropFirst() }
            while let last = scalars.last, CleanLine.isSpace(last) { scalars = scalars.dropLast() }
            #expect(raw.trimmingSpaces.utf8.elementsEqual(String(String.UnicodeScalarView(scalars)).utf8))
        }
    }
}

private struct ReferenceCleanLine {
    let text: String
    let startColumn: Int
    let hashes: Int

    init(raw: String) {
        var scalars = Substring(raw).unicodeScalars[...]
        var start = 1
        func dropLeading(_ predicate: (Unicode.Scalar) -> Bool) {
            while let first = scalars.first, predicate(first) { scalars = scalars.dropFirst(); start += 1 }
        }
        func dropTrailing(_ predicate: (Unicode.Scalar) -> Bool) {
            while let last = scalars.last, predicate(last) { scalars = scalars.dropLast() }
        }
        dropLeading(CleanLine.isSpace)
        var hashes = 0
        while scalars.first == "#" { scalars = scalars.dropFirst(); start += 1; hashes += 1 }
        if hashes > 0 && hashes <= 6 && (scalars.first.map(CleanLine.isSpace) ?? true) {
            dropLeading(CleanLine.isSpace)
        } else if hashes > 0 {
            scalars = Substring(raw).unicodeScalars[...]
            start = 1
            dropLeading(CleanLine.isSpace)
            hashes = 0
        }
        while scalars.starts(with: "**".unicodeScalars) || scalars.starts(with: "__".unicodeScalars) {
            scalars = scalars.dropFirst(2); start += 2
            dropLeading(CleanLine.isSpace)
        }
        dropTrailing(CleanLine.isSpace)
        while scalars.count >= 2, String(String.UnicodeScalarView(scalars.suffix(2))) == "**" {
            scalars = scalars.dropLast(2)
            dropTrailing(CleanLine.isSpace)
        }
        text = String(Substring(scalars))
        startColumn = start
        self.hashes = hashes
    }
}

private func referenceCells(_ raw: String, line: Int) -> [TextSpan] {
    var result: [TextSpan] = []
    var column = 1
    for piece in raw.split(separator: "\t", omittingEmptySubsequences: false) {
        var scalars = piece.unicodeScalars[...]
        var start = column
        while let first = scalars.first, CleanLine.isSpace(first) { scalars = scalars.dropFirst(); start += 1 }
        while let last = scalars.last, CleanLine.isSpace(last) { scalars = scalars.dropLast() }
        let text = String(String.UnicodeScalarView(scalars))
        result.append(TextSpan(text, SourceRange(line: line, column: start, length: text.scalarCount)))
        column += piece.unicodeScalars.count + 1
    }
    return result
}
