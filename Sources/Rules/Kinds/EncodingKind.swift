import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// Checks that the text is precomposed Unicode (NFC), the form TCVN 6909:2001 prescribes.
/// Decomposed text (a base letter followed by combining marks) gets one warning, at its first
/// decomposed letter, with a fix-it per line that rewrites it in NFC. Text typed in a legacy
/// font encoding and read as Unicode (`Bé Th«ng tin` for TCVN3/ABC, `Boä Thoâng tin` for VNI)
/// gets one error saying which: it is recognised by letters those encodings use for Vietnamese
/// ones inside words, and only when the text has no Vietnamese letter of Unicode's own
/// (ơ, ư, đ, ă, ạ … ỹ), so a Unicode report quoting `«…»` or `Müller` is left alone.
struct EncodingKind: RuleKind {
    static let name = "encoding"
    static let summary = "Text is precomposed Unicode (NFC, TCVN 6909:2001), not decomposed nor a legacy TCVN3/VNI font encoding."
    static let fields: [FieldDoc] = [FieldDoc("min-legacy-words", "whole number, default 3: words it takes to call the text legacy")]

    let minimumWords: Int

    init(_ fields: RuleFields) throws(RuleSetError) {
        minimumWords = try fields.int("min-legacy-words", default: 3)
        if minimumWords < 1 { throw RuleSetError("'min-legacy-words' must be at least 1", at: fields.value("min-legacy-words")!.location) }
    }

    enum Legacy: String { case tcvn3 = "TCVN3 (ABC)", vni = "VNI" }

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        let source = report.source
        if let (legacy, first, word) = legacyEncoding(source) {
            return [rule.diagnose(.legacyEncoding, ["encoding": legacy.rawValue, "word": word], at: first)]
        }
        guard source.hasDecomposedText else { return [] }
        let lines = source.decomposedLineNumbers
        var fixIts: [FixIt] = []
        for number in lines {
            let text = source.line(number)
            fixIts.append(FixIt(SourceRange(line: number, column: 1, length: text.scalarCount), replacement: text))
        }
        let firstLine = lines[0]
        let length = source.line(firstLine).scalarCount
        // The first letter that took more than one scalar in the saved line.
        var column = 1
        while column <= length {
            let here = source.originalLocation(Location(line: firstLine, column: column)).column
            let next = source.originalLocation(Location(line: firstLine, column: column + 1)).column
            if next - here > 1 { break }
            column += 1
        }
        return [rule.diagnose(.decomposedText, ["lines": String(lines.count)],
                              at: SourceRange(line: firstLine, column: column, length: 1), fixIts: fixIts,
                              severity: min(rule.severity, .warning))]
    }

    /// Latin-1 symbols TCVN3 uses for Vietnamese letters (`«` ô, `¬` ơ, `®` đ, `¸` á, `µ` à …).
    static func isTCVN3Symbol(_ v: UInt32) -> Bool { (0xA1...0xBF).contains(v) && v != 0xB0 && v != 0xB7 }
    /// Latin-1 letters Vietnamese does not use, which VNI uses for tone and vowel marks (`ä` in
    /// `Boä` for Bộ, `ø` in `vaø` for và, `ñ` for đ).
    static let vniLetters: Set<UInt32> = Set("äëïöüñøûåæçîÄËÏÖÜÑØÛÅÆÇÎ".unicodeScalars.map(\.value))

    static func isVietnameseOnly(_ v: UInt32) -> Bool {
        (0x1EA0...0x1EF9).contains(v) || [0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x0110, 0x0111, 0x0102, 0x0103].contains(v)
    }

    /// The legacy encoding the text looks like, with its first telling word.
    func legacyEncoding(_ source: SourceFile) -> (Legacy, SourceRange, String)? {
        var tcvn3: [(SourceRange, String)] = []
        var vni: [(SourceRange, String)] = []
        for number in 1...max(1, source.lineCount) where number <= source.lineCount {
            let scalars = Array(source.line(number).unicodeScalars)
            var i = 0
            while i < scalars.count {
                let isWordScalar = { (s: Unicode.Scalar) in s.properties.isAlphabetic || EncodingKind.isTCVN3Symbol(s.value) }
                guard isWordScalar(scalars[i]) else { i += 1; continue }
                var j = i
                var ascii = false, symbol = false, vniLetter = false
                while j < scalars.count, isWordScalar(scalars[j]) {
                    let v = scalars[j].value
                    if EncodingKind.isVietnameseOnly(v) { return nil }
                    if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { ascii = true }
                    if EncodingKind.isTCVN3Symbol(v) { symbol = true }
                    if EncodingKind.vniLetters.contains(v) { vniLetter = true }
                    // VNI writes a tone as a letter after the vowel: `aù` for á, `oõ` for õ.
                    if (v == 0xF9 || v == 0xF5), j > i, "aeiouyAEIOUY".unicodeScalars.contains(scalars[j - 1]) { vniLetter = true }
                    j += 1
                }
                if ascii && (symbol || vniLetter) {
                    let word = String(String.UnicodeScalarView(scalars[i..<j]))
                    let range = SourceRange(line: number, column: i + 1, length: j - i)
                    if symbol { tcvn3.append((range, word)) } else { vni.append((range, word)) }
                }
                i = j
            }
        }
        let (legacy, words) = tcvn3.count >= vni.count ? (Legacy.tcvn3, tcvn3) : (.vni, vni)
        guard words.count >= minimumWords, let first = (tcvn3 + vni).min(by: { $0.0.start < $1.0.start }) else { return nil }
        return (legacy, first.0, first.1)
    }

    static let examples = [
        Example(rule: "{}", report: "I. Ket qua\nB↓a\u{301}o ca\u{301}o tha\u{301}ng 5",
                expect: ["văn bản dùng Unicode tổ hợp (dấu rời) ở 1 dòng; cần chuyển sang Unicode dựng sẵn (NFC, TCVN 6909:2001)"]),
        Example(rule: "{}", report: "I. Ket qua\nHoan thanh 12 ho so dung han."),
        Example(rule: "{}", report: "Bé ↓Th«ng tin vµ TruyÒn th«ng\nB¸o c¸o th¸ng 5",
                expect: ["văn bản có vẻ gõ bằng bảng mã TCVN3 (ABC) nhưng được đọc như Unicode (\"Th«ng\"); cần chuyển mã sang Unicode dựng sẵn"]),
        Example(rule: "{}", report: "↓Boä Thoâng tin vaø Truyeàn thoâng\nBaùo caùo thaùng 5",
                expect: ["văn bản có vẻ gõ bằng bảng mã VNI nhưng được đọc như Unicode (\"Boä\"); cần chuyển mã sang Unicode dựng sẵn"]),
    ]
}

extension Message {
    static let decomposedText = Message(
        vi: "văn bản dùng Unicode tổ hợp (dấu rời) ở {lines} dòng; cần chuyển sang Unicode dựng sẵn (NFC, TCVN 6909:2001)",
        en: "decomposed Unicode (combining marks) on {lines} lines; save the text precomposed (NFC, TCVN 6909:2001)")
    static let legacyEncoding = Message(
        vi: "văn bản có vẻ gõ bằng bảng mã {encoding} nhưng được đọc như Unicode (\"{word}\"); cần chuyển mã sang Unicode dựng sẵn",
        en: "the text looks like {encoding} font encoding read as Unicode (\"{word}\"); convert it to precomposed Unicode")
}
