import SourceText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the structure of a plain-text or Markdown report line by line. Vietnamese reports
/// follow Nghị định 30/2020's layout closely enough that the parts can be told apart by their
/// own words: the Quốc hiệu, `Số:`, the place-date line, `BÁO CÁO`, Roman/Arabic/letter
/// section markers, `Nơi nhận:` and `KT./TL./TM.` — no guessing from positions alone.
public enum TextReportParser {
    public static func parse(_ source: SourceFile) -> Report {
        var builder = Builder(source: source)
        builder.run()
        return builder.report
    }
}

/// A line with decoration removed: surrounding whitespace, Markdown `#` and `**` marks.
struct CleanLine {
    let number: Int
    let text: String
    let startColumn: Int
    let hashes: Int
    /// `text.scalarCount`, counted once.
    let length: Int
    /// Whether the line as saved holds a tab (a table row or a flattened layout), found once.
    let hasTab: Bool
    /// For a line with a tab: whether the line as saved holds ơ or Ơ (`nơi` needs one).
    /// False for lines without a tab (not computed).
    let tabRowHasOHorn: Bool
    var isBlank: Bool { text.isEmpty }
    var span: TextSpan {
        TextSpan(text, SourceRange(line: number, column: startColumn, length: length))
    }

    init(number: Int, raw: String) {
        self.number = number
        var bytesOf = raw
        // On the UTF-8 bytes: every scalar trimmed here (`#`, `*`, `_` and `CleanLine.isSpace`)
        // is recognised by its bytes, and columns count the scalars passed. A line with nothing
        // to trim is its own text (no copy).
        (text, startColumn, hashes, length, hasTab, tabRowHasOHorn) = bytesOf.withUTF8 { bytes -> (String, Int, Int, Int, Bool, Bool) in
            var tab = false
            if let base = bytes.baseAddress, bytes.count > 0 { tab = memchr(base, 0x09, bytes.count) != nil }
            let oHorn = tab && hasOHorn(bytes)
            var lo = 0
            var hi = bytes.count
            var start = 1
            func dropLeading() {
                while lo < hi, let width = spaceWidth(bytes, at: lo, end: hi) { lo += width; start += 1 }
            }
            func dropTrailing() {
                while lo < hi, let width = spaceWidthBefore(bytes, end: hi, start: lo) { hi -= width }
            }
            dropLeading()
            var hashes = 0
            while lo < hi, bytes[lo] == 0x23 { lo += 1; start += 1; hashes += 1 }
            if hashes > 0 && hashes <= 6 && (lo == hi || spaceWidth(bytes, at: lo, end: hi) != nil) {
                dropLeading()
            } else if hashes > 0 {
                // `#hashtag` is text, not a heading.
                lo = 0
                start = 1
                dropLeading()
                hashes = 0
            }
            // Bold marks around a line or split over two lines (`**KT. GIÁM ĐỐC` … `PHÓ GIÁM ĐỐC**`).
            while hi - lo >= 2, (bytes[lo] == 0x2A && bytes[lo + 1] == 0x2A) || (bytes[lo] == 0x5F && bytes[lo + 1] == 0x5F) {
                lo += 2; start += 2
                dropLeading()
            }
            dropTrailing()
            while hi - lo >= 2, bytes[hi - 2] == 0x2A, bytes[hi - 1] == 0x2A {
                hi -= 2
                dropTrailing()
            }
            let slice = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
            let text = lo == 0 && hi == bytes.count ? raw : String(decoding: slice, as: UTF8.self)
            return (text, start, hashes, utf8ScalarCount(slice), tab, oHorn)
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{A0}" || scalar == "\u{FEFF}" || scalar == "\u{200B}"
    }

    /// The tab-separated cells of the line as saved, each trimmed, with its start column.
    func cells(of raw: String) -> [TextSpan] {
        var raw = raw
        let number = self.number
        // A tab is always a character of its own, so splitting the bytes at 0x09 splits the
        // characters at "\t".
        return raw.withUTF8 { bytes in
            let n = bytes.count
            // One cell per tab and one more: sized once instead of grown cell by cell.
            var tabs = 0
            for byte in bytes where byte == 0x09 { tabs += 1 }
            var result: [TextSpan] = []
            result.reserveCapacity(tabs + 1)
            var column = 1
            var pieceStart = 0
            while true {
                var pieceEnd = pieceStart
                while pieceEnd < n, bytes[pieceEnd] != 0x09 { pieceEnd += 1 }
                var lo = pieceStart
                var hi = pieceEnd
                var start = column
                // Each trimmed space is one scalar: the cell's length is the piece's less those.
                var trimmed = 0
                while lo < hi, let width = spaceWidth(bytes, at: lo, end: hi) { lo += width; start += 1; trimmed += 1 }
                while lo < hi, let width = spaceWidthBefore(bytes, end: hi, start: lo) { hi -= width; trimmed += 1 }
                let slice = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
                let pieceLength = utf8ScalarCount(UnsafeBufferPointer(rebasing: bytes[pieceStart..<pieceEnd]))
                result.append(TextSpan(String(decoding: slice, as: UTF8.self),
                                       SourceRange(line: number, column: start, length: pieceLength - trimmed)))
                column += pieceLength + 1
                if pieceEnd == n { break }
                pieceStart = pieceEnd + 1
            }
            return result
        }
    }
}

/// The UTF-8 width of a `CleanLine.isSpace` scalar at `i` (space, tab, U+00A0, U+FEFF,
/// U+200B), or nil.
@inline(__always)
private func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
    let b0 = b[i]
    if b0 == 0x20 || b0 == 0x09 { return 1 }
    if b0 == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
    if i + 2 < end {
        if b0 == 0xEF, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return 3 }
        if b0 == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0x8B { return 3 }
    }
    return nil
}

/// The UTF-8 width of a `CleanLine.isSpace` scalar ending at `end` (not before `start`), or nil.
@inline(__always)
private func spaceWidthBefore(_ b: UnsafeBufferPointer<UInt8>, end: Int, start: Int) -> Int? {
    let last = b[end - 1]
    if last == 0x20 || last == 0x09 { return 1 }
    if last == 0xA0, end - 2 >= start, b[end - 2] == 0xC2 { return 2 }
    if end - 3 >= start {
        if last == 0xBF, b[end - 2] == 0xBB, b[end - 3] == 0xEF { return 3 }
        if last == 0x8B, b[end - 2] == 0x80, b[end - 3] == 0xE2 { return 3 }
    }
    return nil
}

/// `text.hasSuffix(String(UnicodeScalar(byte)))` for an ASCII punctuation `byte` (`.`, `;`, `:`) when
/// the last byte is `byte` (otherwise false, where `hasSuffix(";")` may see U+037E):
/// the last character is that scalar alone when the last byte is `byte` and the scalar before it
/// is below U+0600 or in U+1000–U+1FFF, where no scalar is a Prepend that would join it (`.`
/// and `;` are neither Extend nor SpacingMark). Other text asks `hasSuffix`.
func endsWithASCIICharacter(_ text: String, _ byte: UInt8) -> Bool {
    var bytesOf = text
    let fast = bytesOf.withUTF8 { b -> Bool? in
        let n = b.count
        guard n > 0, b[n - 1] == byte else { return false }
        if n == 1 || b[n - 2] < 0x80 { return true }
        if n >= 3, b[n - 3] >= 0xC2, b[n - 3] <= 0xD7 { return true }
        if n >= 4, b[n - 4] == 0xE1 { return true }
        return nil
    }
    return fast ?? text.hasSuffix(String(UnicodeScalar(byte)))
}

/// Patterns over cleaned lines. Compiled once; the literals are known to compile.
enum Shapes {
    static func make(_ pattern: String) -> Pattern {
        do { return try Pattern(pattern) } catch { fatalError("built-in pattern \(pattern): \(error)") }
    }
    static let nationalName = make(#"(?i)^c[ộo]ng\s+h(?:òa|oà|oa)\s+x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam$"#)
    static let motto = make(#"(?i)^đ[ộo]c\s+l[ậa]p\s*[-–—]\s*t[ựu]\s+do\s*[-–—]\s*h[ạa]nh\s+ph[úu]c$"#)
    static let number = make(#"^Số\s*:?\s*(([0-9]*)\s*/\s*([^\s]*)|[^\s]*)\s*$"#)
    static let placeDate = make(#"(?i)^(.*?)[,\s]*ngày\s*([0-9]{0,2})\s*tháng\s*([0-9]{0,2})\s*năm\s*([0-9]{4})\s*$"#)
    static let title = make(#"^BÁO\s+CÁO(?:\s+[\p{Lu}\p{N}\s,;:\-–/()]+)?$"#)
    static let roman = make(#"^((?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))[.)]\s*(\S.*)$"#)
    static let arabic = make(#"^([0-9]{1,2}(?:\.[0-9]{1,2})*)[.)]\s+(\S.*)$"#)
    static let letter = make(#"^([a-zđ])[.)]\s+(\S.*)$"#)
    static let bullet = make(#"^([-+•*–])\s*(.*)$"#)
    static let recipientsHeading = make(#"(?i)^nơi\s+nhận\s*:?\s*(.*)$"#)
    static let authority = make(#"^(KT|TL|TM|Q|TUQ)\s*\.\s*(.*)$"#)
    static let pipeSeparator = make(#"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$"#)
    static let parenthesised = make(#"^\(.*\)$"#)
    /// Titles a signer signs with when there is no `KT.`/`TL.` line (NĐ 30/2020, Phụ lục I).
    static let signerTitle = make(#"^(?:PHÓ\s+)?(?:GIÁM\s+ĐỐC|CHỦ\s+TỊCH|TRƯỞNG\s+\p{Lu}+|THỦ\s+TRƯỞNG|BỘ\s+TRƯỞNG|CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|CHÁNH\s+VĂN\s+PHÒNG|TỔNG\s+GIÁM\s+ĐỐC|TỔNG\s+CỤC\s+TRƯỞNG|NGƯỜI\s+BÁO\s+CÁO|NGƯỜI\s+LẬP\s+BIỂU|(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN.*|(?:THỦ\s+TRƯỞNG|CHÁNH|PHÓ)\s+.*)$"#)
}

extension Pattern {
    /// Capture groups of the first match as strings (nil for groups that did not take part).
    func groups(_ text: String) -> [String?]? {
        guard let ranges = (try? captures(in: text)) ?? nil else { return nil }
        var bytesOf = text
        return bytesOf.withUTF8 { bytes in
            ranges.map { range in
                guard let range else { return nil }
                // A range at scalar boundaries inside the text is its bytes, which are valid
                // UTF-8 as the text is; anything else keeps the clamping `substring(utf8:)`.
                let n = bytes.count
                guard range.lowerBound >= 0, range.upperBound <= n,
                      range.lowerBound == n || bytes[range.lowerBound] & 0xC0 != 0x80,
                      range.upperBound == n || bytes[range.upperBound] & 0xC0 != 0x80
                else { return text.substring(utf8: range) }
                // The whole line (group 0 of a pattern anchored at both ends) is the text itself:
                // no copy, where decoding validates and copies every byte again.
                if range.lowerBound == 0 && range.upperBound == n { return text }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
        }
    }

    func test(_ text: String) -> Bool { (try? matches(text)) ?? false }
}

/// Whether UTF-8 bytes hold ơ or Ơ (C6 A1, C6 A0).
func hasOHorn(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count >= 2, let base = bytes.baseAddress else { return false }
    // memchr to each C6 before the last byte, then its next byte (ư/Ư share the lead byte).
    let last = bytes.count - 1
    var i = 0
    while i < last {
        guard let found = memchr(base + i, 0xC6, last - i) else { return false }
        let k = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        if bytes[k + 1] == 0xA1 || bytes[k + 1] == 0xA0 { return true }
        i = k + 1
    }
    return false
}

/// First-byte pre-checks: each is true for every line the named pattern can match (a superset),
/// so most lines skip the regex and its group allocations. Keep them in step with `Shapes`.
enum FirstByte {
    /// `Shapes.roman` with a non-empty numeral starts with X, L, I or V (C only follows X).
    static func mayBeRoman(_ b: UInt8) -> Bool { b == 0x58 || b == 0x4C || b == 0x49 || b == 0x56 || b == 0x43 }
    /// `Shapes.arabic`: a digit.
    static func mayBeArabic(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    /// `Shapes.letter`: a–z, or the lead byte of đ (C4 91).
    static func mayBeLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || b == 0xC4 }
    /// `Shapes.bullet`: `-`, `+`, `*`, or the lead byte of • and – (E2 80 xx).
    static func mayBeBullet(_ b: UInt8) -> Bool { b == 0x2D || b == 0x2B || b == 0x2A || b == 0xE2 }
}

/// `text.split(separator: ".").count` without the array: for ASCII text (an Arabic marker's
/// digits and dots) the characters are the bytes, so the pieces are the runs of bytes other
/// than `.`; other text asks `split`.
func dotSeparatedPieces(_ text: String) -> Int {
    let counted = text.utf8.withContiguousStorageIfAvailable { b -> Int? in
        var pieces = 0
        var inPiece = false
        for byte in b {
            if byte >= 0x80 { return nil }
            if byte == 0x2E {
                inPiece = false
            } else if !inPiece {
                inPiece = true
                pieces += 1
            }
        }
        return pieces
    } ?? nil
    return counted ?? text.split(separator: ".").count
}

/// Marker pre-checks on the opening bytes of a line: each is true for every line the named
/// pattern matches (with a non-empty marker), so most lines that only start with the right
/// letter (`Các`, `Lũy kế`, `Vì vậy`, `12 tháng`) skip the regex. Keep them in step with `Shapes`.
enum MarkerPrecheck {
    @inline(__always)
    static func bytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// `Shapes.roman` with a non-empty numeral: a run of X, L, C, I, V (letters that are not
    /// `.` or `)`, so the numeral is the whole run), then `.` or `)`.
    static func mayBeRoman(_ text: String) -> Bool {
        bytes(text) { b in
            var i = 0
            while i < b.count, b[i] == 0x58 || b[i] == 0x4C || b[i] == 0x43 || b[i] == 0x49 || b[i] == 0x56 { i += 1 }
            return i > 0 && i < b.count && (b[i] == 0x2E || b[i] == 0x29)
        }
    }

    /// `Shapes.arabic`: a run of digits and dots opening with a digit, where the marker's `.`
    /// (which a space must follow) ends the run, or a `)` follows it.
    static func mayBeArabic(_ text: String) -> Bool {
        bytes(text) { b in
            guard let first = b.first, first >= 0x30, first <= 0x39 else { return false }
            var i = 1
            while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2E { i += 1 }
            return b[i - 1] == 0x2E || (i < b.count && b[i] == 0x29)
        }
    }

    /// `Shapes.letter`: a–z or đ (C4 91), then `.` or `)`.
    static func mayBeLetter(_ text: String) -> Bool {
        bytes(text) { b in
            guard let first = b.first else { return false }
            let width = first >= 0x61 && first <= 0x7A ? 1 : (first == 0xC4 && b.count > 1 && b[1] == 0x91 ? 2 : 0)
            return width > 0 && width < b.count && (b[width] == 0x2E || b[width] == 0x29)
        }
    }
}

/// Capture groups of the marker patterns read from the bytes for the usual numbered line,
/// where the regex costs far more than the line's few bytes; anything unusual asks the regex.
enum MarkerGroups {
    /// `Shapes.arabic.groups(text)`.
    static func arabic(_ text: String) -> [String?]? {
        let cut = MarkerPrecheck.bytes(text) { b -> (marker: String, rest: String)? in
            guard let (end, restStart) = arabicBounds(b) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: b[..<end]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: b[restStart...]), as: UTF8.self))
        }
        guard let cut else { return Shapes.arabic.groups(text) }
        return [text, cut.marker, cut.rest]
    }

    /// `Shapes.roman.groups(text)` for a non-empty numeral.
    static func roman(_ text: String) -> [String?]? {
        let cut = MarkerPrecheck.bytes(text) { b -> (marker: String, rest: String)? in
            // The numeral is the run of X, L, C, I, V (no `.` or `)` in it), which the mark follows.
            var end = 0
            while end < b.count, b[end] == 0x58 || b[end] == 0x4C || b[end] == 0x43 || b[end] == 0x49 || b[end] == 0x56 { end += 1 }
            guard end > 0, end < b.count, b[end] == 0x2E || b[end] == 0x29 else { return nil }
            guard isRomanNumeral(UnsafeBufferPointer(rebasing: b[..<end])),
                  let restStart = restBounds(b, after: end + 1, spaceNeeded: false) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: b[..<end]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: b[restStart...]), as: UTF8.self))
        }
        guard let cut else { return Shapes.roman.groups(text) }
        return [text, cut.marker, cut.rest]
    }

    /// Whether the bytes are `(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})`. Read greedily: where `XC`,
    /// `XL`, `IX` or `IV` opens a part, the other branch would leave a C, L, X or V that nothing
    /// after it can take, so the greedy reading accepts exactly what the pattern matches.
    static func isRomanNumeral(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = b.count
        var i = 0
        if end >= 2, b[0] == 0x58, b[1] == 0x43 || b[1] == 0x4C {
            i = 2
        } else {
            if i < end, b[i] == 0x4C { i += 1 }
            var x = 0
            while i < end, b[i] == 0x58, x < 3 { i += 1; x += 1 }
        }
        if end - i >= 2, b[i] == 0x49, b[i + 1] == 0x58 || b[i + 1] == 0x56 {
            i += 2
        } else {
            if i < end, b[i] == 0x56 { i += 1 }
            var ones = 0
            while i < end, b[i] == 0x49, ones < 3 { i += 1; ones += 1 }
        }
        return i == end
    }

    /// `Shapes.bullet.groups(text)`: `^([-+•*–])\s*(.*)$`.
    static func bullet(_ text: String) -> [String?]? {
        let cut = MarkerPrecheck.bytes(text) { b -> (marker: String, rest: String)? in
            guard let first = b.first else { return nil }
            let width: Int
            if first == 0x2D || first == 0x2B || first == 0x2A {
                width = 1
            } else if first == 0xE2, b.count >= 3, b[1] == 0x80, b[2] == 0xA2 || b[2] == 0x93 {
                width = 3
            } else {
                return nil
            }
            var restStart = width
            while restStart < b.count, b[restStart] == 0x20 || b[restStart] == 0x09 { restStart += 1 }
            // An empty rest is `(.*)` matching nothing; otherwise the rest opens as `\S.*`.
            if restStart < b.count {
                guard let start = restBounds(b, after: width, spaceNeeded: false) else { return nil }
                restStart = start
            }
            return (String(decoding: UnsafeBufferPointer(rebasing: b[..<width]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: b[restStart...]), as: UTF8.self))
        }
        guard let cut else { return Shapes.bullet.groups(text) }
        return [text, cut.marker, cut.rest]
    }

    /// Where `\s*(\S.*)$` (or `\s+(\S.*)$`) puts group 2 when read from `after`, when the
    /// bytes say so for certain: spaces or tabs, then a character that is not white space (a
    /// printable ASCII byte, a letter of U+00C0–U+027F or of U+1E80–U+1EFF), and no character
    /// after it that can end a line. Nil: the regex decides.
    static func restBounds(_ b: UnsafeBufferPointer<UInt8>, after: Int, spaceNeeded: Bool) -> Int? {
        let n = b.count
        var start = after
        while start < n, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
        guard start < n, !spaceNeeded || start > after else { return nil }
        let c = b[start]
        let notSpace = (c >= 0x21 && c <= 0x7E) || (c >= 0xC3 && c <= 0xC9)
            || (c == 0xE1 && start + 1 < n && (b[start + 1] == 0xBA || b[start + 1] == 0xBB))
        guard notSpace else { return nil }
        var k = start
        while k < n {
            let x = b[k]
            if x < 0x20 && x != 0x09 { return nil }
            if x == 0xC2, k + 1 < n, b[k + 1] == 0x85 { return nil }
            if x == 0xE2, k + 2 < n, b[k + 1] == 0x80, b[k + 2] == 0xA8 || b[k + 2] == 0xA9 { return nil }
            k += 1
        }
        return start
    }

    /// Where `^([0-9]{1,2}(?:\.[0-9]{1,2})*)[.)]\s+(\S.*)$` puts the end of group 1 and the
    /// start of group 2, when the bytes say so for certain: the marker's `.` or `)` comes right
    /// after the run of digits and dots (`\s+` cannot match a digit or a dot, so no other split
    /// is possible), spaces or tabs follow it, then a character that is not white space (a
    /// printable ASCII byte, a letter of U+00C0–U+027F or of U+1E80–U+1EFF), and no character
    /// after it can end a line (which `.` would not match). Nil: the regex decides.
    static func arabicBounds(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        let n = b.count
        var i = 0
        while i < n, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2E { i += 1 }
        let end: Int, afterMark: Int
        if i < n, b[i] == 0x29 {
            end = i; afterMark = i + 1
        } else if i > 0, b[i - 1] == 0x2E {
            end = i - 1; afterMark = i
        } else {
            return nil
        }
        // Group 1: pieces of one or two digits joined by single dots.
        guard end > 0 else { return nil }
        var digits = 0
        for k in 0..<end {
            if b[k] == 0x2E {
                guard digits > 0 else { return nil }
                digits = 0
            } else {
                digits += 1
                guard digits <= 2 else { return nil }
            }
        }
        guard digits > 0, let start = restBounds(b, after: afterMark, spaceNeeded: true) else { return nil }
        return (end, start)
    }
}

extension String {
    /// A byte scan: `contains("\t")` on a String goes through Foundation and is far slower.
    var hasTab: Bool { containsByte(0x09) }

    /// Whether the UTF-8 bytes hold `byte`: one `memchr`, where `utf8.contains` walks the view
    /// index by index.
    public func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? utf8.contains(byte)
    }

    /// Every letter is upper case (and there is at least one letter).
    var isUpperCaseText: Bool {
        var letters = 0
        for scalar in unicodeScalars where scalar.properties.isAlphabetic {
            if scalar.properties.isLowercase { return false }
            letters += 1
        }
        return letters > 0
    }
}

private struct Builder {
    let source: SourceFile
    var report: Report
    let lines: [CleanLine]

    init(source: SourceFile) {
        self.source = source
        report = Report(source: source)
        lines = source.lines.enumerated().map { CleanLine(number: $0.offset + 1, raw: $0.element) }
    }

    mutating func run() {
        guard !lines.isEmpty else { return }
        let titleIndex = lines.prefix(80).firstIndex { $0.text.utf8.first == 0x42 && Shapes.title.test($0.text) }  // B
        var bodyStart = 0
        if let titleIndex {
            parseHeader(lines[..<titleIndex])
            bodyStart = parseTitle(at: titleIndex)
        } else {
            // Without a title the header is the leading run of lines that read as header lines.
            var end = 0
            while end < lines.count, lines[end].isBlank || isHeaderLine(lines[end]) { end += 1 }
            parseHeader(lines[..<end])
            bodyStart = end
        }
        let tailStart = parseTail(from: bodyStart)
        if bodyStart < tailStart {
            parseBody(lines[bodyStart..<tailStart])
        }
    }

    func isHeaderLine(_ line: CleanLine) -> Bool {
        cellsOf(line).contains { cell in
            Shapes.nationalName.test(cell.text) || Shapes.motto.test(cell.text)
                || Shapes.number.test(cell.text) || Shapes.placeDate.test(cell.text)
        }
    }

    func cellsOf(_ line: CleanLine) -> [TextSpan] {
        guard line.hasTab else { return line.isBlank ? [] : [line.span] }
        let raw = source.line(line.number)
        return line.cells(of: raw).map { cell in
            let inner = CleanLine(number: line.number, raw: cell.text)
            let start = cell.range.start.column + inner.startColumn - 1
            return TextSpan(inner.text, SourceRange(line: line.number, column: start, length: inner.length))
        }.filter { !$0.text.isEmpty }
    }

    // MARK: Header

    mutating func parseHeader(_ headerLines: ArraySlice<CleanLine>) {
        for line in headerLines where !line.isBlank {
            for cell in cellsOf(line) {
                report.header.lines.append(cell)
                classifyHeaderCell(cell)
            }
        }
    }

    mutating func classifyHeaderCell(_ cell: TextSpan) {
        let text = cell.text
        if Shapes.nationalName.test(text) {
            report.header.nationalName = cell
        } else if Shapes.motto.test(text) {
            report.header.motto = cell
        } else if let g = Shapes.number.groups(text) {
            let value = (g[1] ?? "").trimmingSpaces
            report.header.number = DocumentNumber(
                span: cell, value: value,
                serial: g[2].flatMap { $0.isEmpty ? nil : $0 },
                symbol: g[3].flatMap { $0.isEmpty ? nil : $0 })
        } else if let g = Shapes.placeDate.groups(text), let year = g[4].flatMap({ Int($0) }) {
            report.header.placeDate = PlaceDate(
                span: cell, place: (g[1] ?? "").trimmingSpaces,
                dayText: g[2].flatMap { $0.isEmpty ? nil : $0 },
                monthText: g[3].flatMap { $0.isEmpty ? nil : $0 }, year: year)
        } else if !text.allSatisfy({ $0 == "-" || $0 == "_" || $0 == "=" }) {
            report.header.agency.append(cell)
        }
    }

    // MARK: Title

    /// Returns the index of the first body line.
    mutating func parseTitle(at index: Int) -> Int {
        var i = index + 1
        var summary: [TextSpan] = []
        // The trích yếu may be separated from `BÁO CÁO` by blank lines, and ends at a blank line.
        while i < lines.count, lines[i].isBlank, i - index <= 3 { i += 1 }
        while i < lines.count, !lines[i].isBlank, heading(lines[i]) == nil {
            if !lines[i].text.allSatisfy({ $0 == "-" || $0 == "_" }) { summary.append(lines[i].span) }
            i += 1
        }
        if summary.isEmpty { i = index + 1 }
        report.title = Title(documentType: lines[index].span, summary: summary)
        return i
    }

    // MARK: Body

    /// A section heading: (marker, title text, title start column offset, level).
    func heading(_ line: CleanLine) -> (marker: String, title: String, offset: Int, level: Int)? {
        let text = line.text
        guard !text.isEmpty else { return nil }
        let length = line.length
        // A numbered line that reads as a sentence is a numbered paragraph, not a heading.
        // Each suffix ends with its last byte: test that before comparing characters.
        // Asked only of a line that may be a numbered heading (most lines are not).
        func readsAsSentence() -> Bool {
            let lastByte = text.utf8.last
            return length > 160 || (lastByte == 0x2E && (endsWithASCIICharacter(text, 0x2E) || text.hasSuffix("./.")))
                || (lastByte == 0x3B && endsWithASCIICharacter(text, 0x3B))
        }
        func found(_ g: [String?], level: Int) -> (String, String, Int, Int)? {
            guard g[1] != nil, let rest = g[2] else { return nil }
            let markerText: String
            // `rest` (group 2) runs to the end of the line. When it opens with a letter or a
            // printable ASCII character, a character boundary lies before it (the marker ends
            // with `.`, `)` or a space), so the characters before it are the bytes before it.
            if let v = rest.unicodeScalars.first?.value,
               (v >= 0x21 && v <= 0x7E) || (v >= 0xC0 && v <= 0x24F) || (v >= 0x1E00 && v <= 0x1EFF),
               rest.utf8.count <= text.utf8.count {
                let cut = text.utf8.index(text.utf8.startIndex, offsetBy: text.utf8.count - rest.utf8.count)
                markerText = String(Substring(text.utf8[..<cut])).trimmingSpaces
            } else {
                markerText = String(text.prefix(text.count - rest.count)).trimmingSpaces
            }
            return (markerText, rest, text.scalarCount - rest.scalarCount, level)
        }
        if MarkerPrecheck.mayBeRoman(text), let g = MarkerGroups.roman(text), let numeral = g[1], !numeral.isEmpty, length <= 200,
           !(readsAsSentence() && !text.isUpperCaseText && length > 160) {
            return found(g, level: 1)
        }
        // Markdown `#` and Word heading styles both mark a heading; a typed marker still decides the level.
        let styledLevel = line.hashes > 0 ? line.hashes : source.headingLevel(ofLine: line.number)
        if let styledLevel, styledLevel > 0, length <= 300 {
            if MarkerPrecheck.mayBeArabic(text), let g = MarkerGroups.arabic(text) {
                let depth = dotSeparatedPieces(g[1] ?? "")
                return found(g, level: 1 + depth)
            }
            if MarkerPrecheck.mayBeLetter(text), let g = Shapes.letter.groups(text) { return found(g, level: 3) }
            return ("", text, 0, styledLevel)
        }
        // The byte checks come first: `isUpperCaseText` walks the whole line.
        let mayBeArabic = MarkerPrecheck.mayBeArabic(text), mayBeLetter = MarkerPrecheck.mayBeLetter(text)
        if !mayBeArabic && !mayBeLetter { return nil }
        if readsAsSentence() && !text.isUpperCaseText { return nil }
        if mayBeArabic, let g = MarkerGroups.arabic(text) {
            let depth = dotSeparatedPieces(g[1] ?? "")
            return found(g, level: 1 + depth)
        }
        if mayBeLetter, let g = Shapes.letter.groups(text) { return found(g, level: 3) }
        return nil
    }

    mutating func parseBody(_ body: ArraySlice<CleanLine>) {
        guard let first = body.first(where: { !$0.isBlank }), let last = body.last(where: { !$0.isBlank }) else { return }
        report.bodyLines = first.number...last.number
        var open: [Int] = []   // stack of open section indexes
        var i = body.startIndex
        while i < body.endIndex {
            let line = body[i]
            if line.isBlank { i += 1; continue }
            if line.hasTab, let table = tabTable(from: i, in: body) {
                report.blocks.append(.table(table.table))
                i = table.next
                continue
            }
            // The byte test first: `hasPrefix` compares characters.
            if line.text.utf8.first == 0x7C, line.text.hasPrefix("|"), let table = pipeTable(from: i, in: body) {
                report.blocks.append(.table(table.table))
                i = table.next
                continue
            }
            if let h = heading(line) {
                while let top = open.last, report.sections[top].level >= h.level { open.removeLast() }
                let titleSpan = TextSpan(h.title, SourceRange(line: line.number, column: line.startColumn + h.offset,
                                                             length: h.title.scalarCount))
                report.sections.append(Section(heading: line.span, marker: h.marker, title: titleSpan, level: h.level,
                                               parent: open.last, lines: line.number...last.number))
                let index = report.sections.count - 1
                open.append(index)
                report.blocks.append(.heading(sectionIndex: index))
            } else if let b = line.text.utf8.first, FirstByte.mayBeBullet(b),
                      let g = MarkerGroups.bullet(line.text), let marker = g[1], let rest = g[2],
                      marker != "*" || line.text.hasPrefix("* ") {
                let offset = line.length - rest.scalarCount
                report.blocks.append(.listItem(marker: marker, TextSpan(
                    rest, SourceRange(line: line.number, column: line.startColumn + offset, length: rest.scalarCount))))
            } else if MarkerPrecheck.mayBeArabic(line.text) || MarkerPrecheck.mayBeLetter(line.text),
                      let g = MarkerGroups.arabic(line.text) ?? Shapes.letter.groups(line.text), let marker = g[1] {
                report.blocks.append(.listItem(marker: marker, line.span))
            } else {
                report.blocks.append(.paragraph(line.span))
            }
            i += 1
        }
        trimSectionEnds()
    }

    /// A section runs to the line before the next heading of the same or a higher level,
    /// without trailing blank lines.
    mutating func trimSectionEnds() {
        guard let bodyEnd = report.bodyLines?.upperBound else { return }
        for s in report.sections.indices {
            let start = report.sections[s].lines.lowerBound
            let next = report.sections[(s + 1)...].first { $0.level <= report.sections[s].level }
            var end = next.map { $0.heading.line - 1 } ?? bodyEnd
            while end > start, lines[end - 1].isBlank { end -= 1 }
            report.sections[s].lines = start...max(start, end)
        }
    }

    /// Tab-separated rows with the same number of cells as the first.
    func tabTable(from start: Int, in body: ArraySlice<CleanLine>) -> (table: Table, next: Int)? {
        var rows: [TableRow] = []
        // At most the run of tab lines: sized once instead of grown row by row.
        var run = start
        while run < body.endIndex, body[run].hasTab, !body[run].isBlank { run += 1 }
        rows.reserveCapacity(run - start)
        var i = start
        var columns = 0
        while i < body.endIndex {
            guard body[i].hasTab, !body[i].isBlank else { break }
            let raw = source.line(body[i].number)
            let cells = body[i].cells(of: raw)
            if columns == 0 { columns = cells.count }
            guard cells.count == columns else { break }
            rows.append(TableRow(line: body[i].number, cells: cells))
            i += 1
        }
        guard rows.count >= 2, columns >= 2 else { return nil }
        return (Table(style: .tabSeparated, rows: rows, columnCount: columns, hasHeaderRow: Builder.readsAsHeader(rows[0])), i)
    }

    func pipeTable(from start: Int, in body: ArraySlice<CleanLine>) -> (table: Table, next: Int)? {
        var rows: [TableRow] = []
        var i = start
        var sawSeparator = false
        while i < body.endIndex, body[i].text.hasPrefix("|") {
            let line = body[i]
            if Shapes.pipeSeparator.test(line.text) {
                sawSeparator = true
                i += 1
                continue
            }
            rows.append(TableRow(line: line.number, cells: pipeCells(line)))
            i += 1
        }
        guard sawSeparator, rows.count >= 1 else { return nil }
        let columns = rows.map(\.cells.count).max() ?? 0
        return (Table(style: .markdown, rows: rows, columnCount: columns, hasHeaderRow: true), i)
    }

    func pipeCells(_ line: CleanLine) -> [TextSpan] {
        var cells: [TextSpan] = []
        var current = ""
        var column = line.startColumn
        var cellStart = column
        var escaped = false
        for scalar in line.text.unicodeScalars {
            defer { column += 1 }
            if scalar == "|" && !escaped {
                if column != line.startColumn { cells.append(trimmedSpan(current, line: line.number, start: cellStart)) }
                current = ""
                cellStart = column + 1
                continue
            }
            escaped = scalar == "\\"
            current.unicodeScalars.append(scalar)
        }
        if !current.trimmingSpaces.isEmpty { cells.append(trimmedSpan(current, line: line.number, start: cellStart)) }
        return cells
    }

    func trimmedSpan(_ text: String, line: Int, start: Int) -> TextSpan {
        let leading = text.unicodeScalars.prefix { CleanLine.isSpace($0) }.count
        let trimmed = text.trimmingSpaces
        return TextSpan(trimmed, SourceRange(line: line, column: start + leading, length: trimmed.scalarCount))
    }

    static func readsAsHeader(_ row: TableRow) -> Bool {
        !row.cells.contains { cell in
            cell.text.unicodeScalars.first.map { ("0"..."9").contains($0) } ?? false
        } || row.cells.filter({ !$0.text.isEmpty }).count > 0 && row.cells.allSatisfy {
            !$0.text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "," } || $0.text.isEmpty
        }
    }

    // MARK: Distribution list and signature

    /// Finds the `Nơi nhận` block and the signature; returns the first line index after the body.
    mutating func parseTail(from bodyStart: Int) -> Int {
        var recipientsIndex: Int?
        var k = bodyStart
        while k < lines.count {
            defer { k += 1 }
            if !lines[k].hasTab {
                // Without a tab the only cell is the line itself, which must start with N or n.
                guard let b = lines[k].text.utf8.first, b == 0x4E || b == 0x6E else { continue }
            } else {
                // `nơi` needs ơ or Ơ (C6 A1 / C6 A0) somewhere in the line: skip splitting the
                // cells of every table row.
                guard lines[k].tabRowHasOHorn else { continue }
            }
            if let first = cellsOf(lines[k]).first, Shapes.recipientsHeading.test(first.text) {
                recipientsIndex = k
                break
            }
        }
        if let recipientsIndex {
            var left: [TextSpan] = []
            var right: [TextSpan] = []
            for line in lines[recipientsIndex...] where !line.isBlank {
                let cells = cellsOf(line)
                guard let first = cells.first else { continue }
                // Two-column closing table flattened to tabs: distribution list left, signature right.
                if cells.count >= 2, line.hasTab {
                    left.append(first)
                    right.append(contentsOf: cells.dropFirst())
                } else {
                    left.append(first)
                }
            }
            let rest = parseRecipients(left)
            parseSignature((rest + right).sorted { $0.range.start < $1.range.start })
            return recipientsIndex
        }
        // No distribution list: the signature is the trailing run of title lines and a name.
        var i = lines.count - 1
        var start: Int?
        var sawName = false
        while i >= bodyStart {
            let line = lines[i]
            if line.isBlank { i -= 1; continue }
            let text = line.text
            if line.hasTab { break }   // a table row, not a signature
            if Shapes.authority.test(text) { start = i; break }
            if Shapes.signerTitle.test(text) && heading(line) == nil { start = i; i -= 1; continue }
            if !sawName && start == nil && text.scalarCount <= 50 && !text.hasSuffix(".") && heading(line) == nil {
                sawName = true; i -= 1; continue
            }
            if Shapes.parenthesised.test(text) && text.scalarCount <= 40 { i -= 1; continue }
            break
        }
        guard let start else { return lines.count }
        parseSignature(lines[start...].filter { !$0.isBlank }.map(\.span))
        return start
    }

    /// Returns the lines after the block (where the signature begins when it is not beside it).
    mutating func parseRecipients(_ left: [TextSpan]) -> [TextSpan] {
        guard let heading = left.first, let g = Shapes.recipientsHeading.groups(heading.text) else { return left }
        var entries: [RecipientEntry] = []
        var annotations: [TextSpan] = []
        var group: String?
        var i = 1
        let inline = (g[1] ?? "").trimmingSpaces
        if !inline.isEmpty {
            let column = heading.range.end.column - inline.scalarCount
            appendEntry(inline, line: heading.line, column: column, group: nil, to: &entries, annotations: &annotations)
        }
        while i < left.count {
            let span = left[i]
            let text = span.text
            if let b = MarkerGroups.bullet(text), let rest = b[2] {
                let column = span.range.end.column - rest.scalarCount
                appendEntry(rest, line: span.line, column: column, group: group, to: &entries, annotations: &annotations)
            } else if text.hasSuffix(":") && text.scalarCount <= 40 && !Shapes.authority.test(text) && !text.isUpperCaseText {
                group = String(text.dropLast()).trimmingSpaces
            } else {
                break
            }
            i += 1
        }
        report.recipients = Recipients(heading: heading, entries: entries, annotations: annotations)
        return Array(left[i...])
    }

    func appendEntry(_ raw: String, line: Int, column: Int, group: String?,
                     to entries: inout [RecipientEntry], annotations: inout [TextSpan]) {
        var text = raw.trimmingSpaces
        while let last = text.last, last == ";" || last == "," || last == "." || last == " " { text.removeLast() }
        let span = TextSpan(text, SourceRange(line: line, column: column, length: text.scalarCount))
        // A brace flattened from a layout that groups the entries above it annotates them.
        if text.hasPrefix("}") || text.hasPrefix("{") || text.isEmpty {
            annotations.append(span)
        } else {
            entries.append(RecipientEntry(span: span, group: group))
        }
    }

    mutating func parseSignature(_ spans: [TextSpan]) {
        guard !spans.isEmpty else { return }
        var signature = Signature(authority: nil, titles: [], signer: nil, lines: spans)
        for span in spans {
            if signature.authority == nil, signature.titles.isEmpty, let g = Shapes.authority.groups(span.text) {
                let word = g[1] ?? ""
                signature.authority = TextSpan(word + ".", SourceRange(line: span.line, column: span.range.start.column,
                                                                       length: span.text.scalarCount - (g[2] ?? "").scalarCount))
                if let rest = g[2], !rest.isEmpty {
                    signature.titles.append(TextSpan(rest, SourceRange(line: span.line,
                                                                       column: span.range.end.column - rest.scalarCount,
                                                                       length: rest.scalarCount)))
                }
            } else if span.text.isUpperCaseText && signature.signer == nil {
                signature.titles.append(span)
            } else if Shapes.parenthesised.test(span.text) {
                continue  // (Đã ký), (ký tên, đóng dấu)
            } else {
                signature.signer = span
            }
        }
        report.signature = signature
    }
}

extension String {
    var trimmingSpaces: String {
        // On the UTF-8 bytes, as `CleanLine` trims.
        var text = self
        return text.withUTF8 { bytes in
            var lo = 0
            var hi = bytes.count
            while lo < hi, let width = spaceWidth(bytes, at: lo, end: hi) { lo += width }
            while lo < hi, let width = spaceWidthBefore(bytes, end: hi, start: lo) { hi -= width }
            if lo == 0 && hi == bytes.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
        }
    }
}
