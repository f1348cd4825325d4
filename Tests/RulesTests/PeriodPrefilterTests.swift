import Foundation
@testable import Rules
import SourceText
import Testing

/// `PeriodKind.mayHoldWindow`, the byte check that lets the data-window check skip a line,
/// never skips a line where the window pattern finds something.
struct PeriodPrefilterTests {
    static let pieces: [String] = [
        "Số liệu", "SỐ LIỆU", "số  liệu", "kỳ báo cáo", "KỲ BÁO CÁO", " tính ", " ", "  ", "\t", "từ", "Từ", "TỪ", "tỪ",
        "tư\u{300}", "tu", "ừ", "Ừ", "từ ngày", "TỪ NGÀY", "Từ Ngày", "ngày", "NGÀY", " đến ", " ĐẾN ", " tới ", "hết ",
        "15", "7", "1", "14", "8", "2014", "/", " / ", ".", ";", ",", "đ", "ổ", "ẫ", "ë", "«", "ª", "a", "x", "\u{A0}",
    ]

    static let samples: [String] = [
        "Số liệu tính từ ngày 15/7 đến ngày 14/8/2014.", "SỐ LIỆU TỪ NGÀY 15/7 ĐẾN NGÀY 14/8", "Kỳ báo cáo từ ngày 1/8 tới hết ngày 31/8",
        "số liệu tỪ ngày 15/7 đến 14/8", "Số liệu tính tư\u{300} ngày 15/7 đến ngày 14/8", "từ ngày 15/7 đến ngày 14/8",
        "Số liệu từ ngày 15 / 7 / 2014 đến ngày 14 / 8 / 2014", "ừ 15/7", "tẫ", "",
    ]

    static func randomLines(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let template = ["Số liệu", " tính ", "từ", " ngày ", "15", "/", "7", " đến ", "ngày ", "14", "/", "8"]
        return (0..<count).map { _ in
            // Half the lines are the template with a few pieces swapped, half are random.
            if next() % 2 == 0 {
                var parts = template
                for _ in 0..<(next() % 4) { parts[next() % parts.count] = pieces[next() % pieces.count] }
                return parts.joined()
            }
            return (0..<(next() % 14)).map { _ in pieces[next() % pieces.count] }.joined()
        }
    }

    @Test func theWindowPrefilterKeepsEveryMatchingLine() throws {
        var matched = 0
        for text in Self.samples + Self.randomLines(count: 30_000, seed: 11) {
            let found = try PeriodKind.window.captures(in: text) != nil
            if found {
                matched += 1
                #expect(PeriodKind.mayHoldWindow(text), "\(text.debugDescription)")
            }
            // The prefilter is a byte search for `/` and for `t`/`T` then `ừ`/`Ừ`.
            let bytes = Array(text.utf8)
            let forms = ["từ", "Từ", "tỪ", "TỪ"].map { Array($0.utf8) }
            let reference = bytes.indices.contains { i in
                forms.contains { form in i + form.count <= bytes.count && Array(bytes[i..<(i + form.count)]) == form }
            }
            #expect(PeriodKind.mayHoldWindow(text) == (reference && bytes.contains(0x2F)), "\(text.debugDescription)")
        }
        #expect(matched > 500)
    }
}
