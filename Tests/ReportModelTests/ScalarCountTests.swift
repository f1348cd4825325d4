import Testing
@testable import ReportModel
import SourceText

/// Lengths and columns counted eight bytes at a time (and cell lengths taken as the piece's
/// less its trimmed spaces) are the scalar counts, on random long lines of mixed widths.
struct ScalarCountTests {
    static let pieces = ["a", "Z", "1", " ", "\t", "\u{A0}", "\u{FEFF}", "\u{200B}", "ệ", "Đ", "ơ", "e\u{301}", "😀", "𝟙",
                         "#", "*", "**", "_", ".", "Tổng cộng", "6.335", "\u{2009}", "\u{202F}", "ẞ"]

    @Test func lengthsAndColumnsAreScalarCounts() {
        var state: UInt64 = 5
        for _ in 0..<5_000 {
            var raw = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<(Int(state >> 59) + 1) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                raw += Self.pieces[Int(state >> 33) % Self.pieces.count]
            }
            let line = CleanLine(number: 2, raw: raw)
            #expect(line.length == line.text.unicodeScalars.count, "\(raw.debugDescription)")
            // Reference cells: split the scalars at tabs, trim the `CleanLine.isSpace` scalars.
            var column = 1
            var expected: [(String, Int, Int)] = []
            for piece in raw.unicodeScalars.split(separator: "\t", omittingEmptySubsequences: false) {
                var lo = piece.startIndex
                var hi = piece.endIndex
                var start = column
                while lo < hi, CleanLine.isSpace(piece[lo]) { lo = piece.index(after: lo); start += 1 }
                while lo < hi, CleanLine.isSpace(piece[piece.index(before: hi)]) { hi = piece.index(before: hi) }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: piece[lo..<hi])
                expected.append((String(view), start, piece[lo..<hi].count))
                column += piece.count + 1
            }
            let cells = line.cells(of: raw)
            #expect(cells.count == expected.count, "\(raw.debugDescription)")
            for (cell, reference) in zip(cells, expected) {
                #expect(cell.text.utf8.elementsEqual(reference.0.utf8), "\(raw.debugDescription)")
                #expect(cell.range == SourceRange(line: 2, column: reference.1, length: reference.2), "\(raw.debugDescription)")
            }
        }
    }
}
