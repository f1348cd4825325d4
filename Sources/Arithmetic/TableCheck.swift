/// Sums in tables: a total row (`Tổng`, `Tổng cộng`, `Cộng`, `Tổng số`) against the rows it
/// covers, a parent row (`1`, `I`) against its children (`1.1`, `1.2`), a total column against
/// the columns it covers. Rates, indices and percentages are never added up, and a table with no
/// total and no hierarchy (most "chỉ tiêu" tables) is left alone.
import Foundation

public struct TableFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A `Tổng cộng` row does not equal the rows it covers.
        case totalRow
        /// A row such as `1` does not equal its children `1.1`, `1.2`.
        case parentRow
        /// A `Tổng` column does not equal the columns it covers.
        case totalColumn
    }
    public let kind: Kind
    /// Index into `rows` (the header is not counted).
    public let row: Int
    public let column: Int
    public let stated: Decimal
    public let computed: Decimal
    /// Rows (total or parent row) or columns (total column) that were added up.
    public let covered: [Int]
    public var difference: Decimal { stated - computed }
}

/// One cell found by `findCell`.
public struct TableCell: Sendable, Hashable {
    public let row: Int
    public let column: Int
    public let text: String
    /// Nil when the cell is blank, `-`, or not a number.
    public let number: VNumber?
    public let isPercent: Bool
}

/// How a rule names a row: by its code (`01` matches `1`), by a substring of its label
/// (case-insensitive), or by a predicate on the label (the caller's PCRE2 pattern).
public enum RowSelector: Sendable {
    case code(String)
    case labelContains(String)
    case label(@Sendable (String) -> Bool)
}

public func checkTable(header: [String], rows: [[String]]) -> [TableFinding] {
    TableLayout(header: header, rows: rows).findings()
}

/// The first cell in the row chosen by `row` and the first column whose header contains
/// `column` (case-insensitive).
public func findCell(header: [String], rows: [[String]], row: RowSelector, column: String) -> TableCell? {
    TableLookup(header: header, rows: rows).findCell(row: row, column: column)
}

/// A table's layout built once, for callers that look up many cells in the same table
/// (expression rules ask for one cell per fact; rebuilding the layout each time dominated).
public struct TableLookup {
    let table: TableLayout
    /// `foldedKey` of each header cell, computed once.
    let headerKeys: [String]
    /// `table.label(of:)` for each row, computed once.
    let labels: [String]

    public init(header: [String], rows: [[String]]) {
        let table = TableLayout(header: header, rows: rows)
        self.table = table
        // The layout keys every column, a column past the header as ""; the header's are these.
        // Most tables have no row longer than the header: the layout's keys are then these, shared.
        headerKeys = table.headerKeys.count == table.header.count
            ? table.headerKeys : Array(table.headerKeys.prefix(table.header.count))
        labels = table.labels
    }

    /// The header and data rows the layout was built from.
    public var header: [String] { table.header }
    public var rows: [[String]] { table.rows }

    /// `checkTable(header:rows:)` of this table, without building its layout again.
    public func checkTable() -> [TableFinding] { table.findings() }

    /// Same as `findCell(header:rows:row:column:)` on this table.
    public func findCell(row: RowSelector, column: String) -> TableCell? {
        let wanted = foldedKey(column)
        guard !wanted.isEmpty,
              let c = headerKeys.firstIndex(where: { textContains($0, wanted) }) else { return nil }
        let r: Int?
        switch row {
        case .code(let code):
            let key = RowCode(code)
            r = table.codes.firstIndex { $0 == key && key != .none }
        case .labelContains(let fragment):
            let key = foldedKey(fragment)
            r = labels.firstIndex { textContains(foldedKey($0), key) }
        case .label(let matches):
            r = labels.firstIndex { matches($0) }
        }
        guard let r else { return nil }
        let text = table.cell(r, c)
        let parsed = parseCell(text)
        return TableCell(row: r, column: c, text: text, number: parsed?.number, isPercent: parsed?.isPercent ?? false)
    }
}

// MARK: - Cells and codes

/// A number filling a whole cell (`1.405.611`, `-1%`, `44,9`). Blank, `-`, `x` and text are nil.
func parseCell(_ text: String) -> (number: VNumber, isPercent: Bool)? {
    // `VNumber.parse` wants a sign or a digit after the leading spaces: most text cells end here.
    guard mayStartNumber(text) else { return nil }
    if let ascii = parseASCIICell(text) { return ascii.parsed }
    var s = Substring(text)
    while let last = s.last, last == " " || last == "\u{A0}" { s.removeLast() }
    var isPercent = false
    if s.hasSuffix("%") { isPercent = true; s.removeLast() }
    guard let number = VNumber.parse(String(s)) else { return nil }
    return (number, isPercent)
}

/// A cell's number as the table layout keeps it: none, a whole number read by
/// `simpleWholeCell`, or an index into the layout's other numbers.
enum CellNumber {
    case none
    case whole(Int)
    case other(Int)
}

/// `parseCell` of a cell of the simplest shape, without building the number: an optional `-`,
/// digits grouped by `.` in threes or not at all, no fraction, below 10¹⁵, then an
/// optional `%` and spaces. Gives the number's `wholeValue` and `isPercent`: the cell is a number
/// (`parseCell` is not nil) and holds a digit. Nil means `parseCell` must read the cell (never a
/// verdict on its own). The steps are those of `parseASCIICell` and `VNumber.parseSimpleASCII`.
func simpleWholeCell(_ bytes: UnsafeBufferPointer<UInt8>) -> (whole: Int, isPercent: Bool)? {
    var end = bytes.count
    while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
    var isPercent = false
    if end > 0, bytes[end - 1] == 0x25 { isPercent = true; end -= 1 }
    @inline(__always) func isDigit(_ k: Int) -> Bool { k < end && bytes[k] &- 0x30 < 10 }
    var i = 0
    let negative = end > 0 && bytes[0] == 0x2D
    if negative { i = 1 }
    var value = 0
    var digits = 0
    var j = i
    while isDigit(j) {
        value = value &* 10 &+ Int(bytes[j] &- 0x30)
        digits += 1
        j += 1
    }
    guard j > i else { return nil }
    while j < end, bytes[j] == 0x2E {
        // Exactly three digits after each `.`: anything else is left to `parseCell`.
        guard isDigit(j + 1), isDigit(j + 2), isDigit(j + 3), !isDigit(j + 4) else { return nil }
        for k in (j + 1)...(j + 3) { value = value &* 10 &+ Int(bytes[k] &- 0x30) }
        digits += 3
        j += 4
    }
    // `parseSimpleASCII` keeps a whole value only below 10¹⁵ (digits ≤ 18: no overflow here).
    guard j == end, digits <= 18, value < 1_000_000_000_000_000 else { return nil }
    return (negative ? -value : value, isPercent)
}

/// `parseCell` of an all-ASCII cell, where every byte is a character of its own (but for
/// CR LF, which ends no number): trailing spaces and a `%` come off without walking
/// characters. Nil when the cell is not ASCII.
private func parseASCIICell(_ text: String) -> (parsed: (number: VNumber, isPercent: Bool)?, Void)? {
    var text = text
    return text.withUTF8 { bytes -> ((number: VNumber, isPercent: Bool)?, Void)? in
        var end = bytes.count
        for b in bytes where b >= 0x80 { return nil }
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        if end >= 2, bytes[end - 2] == 0x0D, bytes[end - 1] == 0x0A { return nil }
        var isPercent = false
        if end > 0, bytes[end - 1] == 0x25 { isPercent = true; end -= 1 }
        let cell = UnsafeBufferPointer(rebasing: bytes[..<end])
        if let number = VNumber.parseSimpleASCII(cell) { return ((number, isPercent), ()) }
        guard let number = VNumber.parse(String(decoding: cell, as: UTF8.self)) else { return (nil, ()) }
        return ((number, isPercent), ())
    }
}

/// Whether the first scalar after the leading spaces may open a number for `VNumber.parse`.
private func mayStartNumber(_ text: String) -> Bool {
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if isWhitespace(v) { continue }
        return (v >= 0x30 && v <= 0x39) || v == 0x2D || v == 0x2212 || v == 0x2013 || v == 0x2B
    }
    return false
}

/// `foldedKey(text).isEmpty`, without building the key.
func isBlankText(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { isWhitespace($0.value) || $0.value == 0x09 }
}

/// Whether `foldedKey(text)` is empty, `-`, `–`, `—` or `x`: a cell that holds no value.
private func isPlaceholderCell(_ text: String) -> Bool {
    var found: UInt32?
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if isWhitespace(v) || v == 0x09 { continue }
        if found != nil { return false }
        found = v
    }
    guard let v = found else { return true }
    return v == 0x2D || v == 0x2013 || v == 0x2014 || v == 0x78 || v == 0x58
}

/// Lower-cased, whitespace-collapsed, trimmed; for comparing headers and labels.
func foldedKey(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes -> String in
        let n = bytes.count
        if n == 0 { return "" }
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        // A folded scalar never takes more than twice the bytes of the scalar it folds; an ASCII
        // byte folds to one byte.
        return String(unsafeUninitializedCapacity: ascii ? n : 2 * n) { out in
            var k = 0
            var i = 0
            var pendingSpace = false
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    // `isWhitespace` and tab, and `foldCase`, of an ASCII scalar.
                    i += 1
                    if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                        pendingSpace = k > 0
                        continue
                    }
                    if pendingSpace { out[k] = 0x20; k += 1; pendingSpace = false }
                    out[k] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                    k += 1
                    continue
                }
                let v = nextUTF8Scalar(bytes, at: &i)
                if isWhitespace(v) || v == 0x09 {
                    pendingSpace = k > 0
                    continue
                }
                if pendingSpace { out[k] = 0x20; k += 1; pendingSpace = false }
                let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                appendUTF8(foldCase(scalar), to: out, at: &k)
            }
            return k
        }
    }
}

/// `haystack.contains(needle)`. Foundation's `contains` compares whole characters under
/// canonical equivalence and was a hot spot of the table layout; when every scalar of both
/// strings is one that forms a character on its own and is its own NFC form (tab, printable
/// ASCII, Latin-1 and Latin Extended-A/B letters, Latin Extended Additional, which covers
/// precomposed Vietnamese), that is the same as a byte search. Other text takes Foundation's way.
func textContains(_ haystack: String, _ needle: String, haystackIsPlain: Bool? = nil, needleIsPlain: Bool? = nil) -> Bool {
    guard !needle.isEmpty, haystackIsPlain ?? isPlainText(haystack), needleIsPlain ?? isPlainText(needle)
    else { return haystack.contains(needle) }
    var haystack = haystack, needle = needle
    return haystack.withUTF8 { h in
        needle.withUTF8 { n in
            guard n.count <= h.count else { return false }
            var i = 0
            while i + n.count <= h.count {
                if h[i] == n[0] {
                    var k = 1
                    while k < n.count && h[i + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}

/// Whether every scalar of `text` forms a character on its own and is its own NFC form (tab,
/// printable ASCII, Latin-1 and Latin Extended-A/B, Latin Extended Additional): see `textContains`.
func isPlainText(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { isPlainUTF8($0) }
}

/// `isPlainText` of valid UTF-8 bytes, read by their lead bytes: U+00A0–U+024F are C2 A0 – C9 8F,
/// U+1E00–U+1EFF are E1 B8 80 – E1 BB BF.
@inline(__always)
func isPlainUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    while i < n {
        let b0 = bytes[i]
        if b0 < 0x80 {
            guard b0 == 0x09 || (b0 >= 0x20 && b0 <= 0x7E) else { return false }
            i += 1
        } else if b0 < 0xE0 {
            guard i + 1 < n else { return false }
            let b1 = bytes[i + 1]
            guard (b0 == 0xC2 && b1 >= 0xA0) || (b0 >= 0xC3 && b0 <= 0xC8) || (b0 == 0xC9 && b1 <= 0x8F) else { return false }
            i += 2
        } else {
            guard b0 == 0xE1, i + 2 < n, bytes[i + 1] >= 0xB8, bytes[i + 1] <= 0xBB else { return false }
            i += 3
        }
    }
    return true
}

enum RowCode: Hashable {
    case none
    /// `A`, `B`: a part of the table above the Roman numerals.
    case section(Character)
    case roman(Int)
    /// `1`, `01`, `1.2`, `1.2.3`
    case arabic([Int])
    case letter(Character)
    /// `-`, `+`, `*`: detail lines, never summed.
    case bullet

    init(_ raw: String) {
        var s = foldedKeyPreservingCase(raw)
        if let code = RowCode.ascii(s) { self = code; return }
        if RowCode.isLongNonASCII(s) { self = .none; return }
        while let last = s.last, last == "." || last == ")" || last == "/" { s.removeLast() }
        if s.isEmpty { self = .none; return }
        if s == "-" || s == "+" || s == "*" || s == "–" || s == "•" { self = .bullet; return }
        if s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), s.first!.isNumber {
            let parts = s.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
            if parts.allSatisfy({ $0 != nil }) { self = .arabic(parts.map { $0! }); return }
            self = .none; return
        }
        if let value = romanValue(s) { self = .roman(value); return }
        if s.count == 1, let c = s.first, c.isLetter {
            self = c.isUppercase ? .section(c) : .letter(c)
            return
        }
        self = .none
    }

    /// `init` of a key made of ASCII bytes, where each byte is a character (the key holds no
    /// CR or LF): the same steps on bytes, without walking characters. Nil when the key is not
    /// ASCII or a number part is too long for the shortcut.
    private static func ascii(_ key: String) -> RowCode? {
        var key = key
        return key.withUTF8 { bytes -> RowCode? in
            var n = bytes.count
            for b in bytes where b >= 0x80 { return nil }
            while n > 0, bytes[n - 1] == 0x2E || bytes[n - 1] == 0x29 || bytes[n - 1] == 0x2F { n -= 1 }
            if n == 0 { return RowCode.none }
            if n == 1, bytes[0] == 0x2D || bytes[0] == 0x2B || bytes[0] == 0x2A { return .bullet }
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            if isDigit(bytes[0]), (0..<n).allSatisfy({ isDigit(bytes[$0]) || bytes[$0] == 0x2E }) {
                var parts: [Int] = []
                var value = 0
                var digits = 0
                for k in 0...n {
                    if k == n || bytes[k] == 0x2E {
                        // `Int("")` is nil; longer runs may overflow: leave them to `Int`.
                        if digits == 0 { return RowCode.none }
                        if digits > 18 { return nil }
                        parts.append(value)
                        value = 0
                        digits = 0
                    } else {
                        digits += 1
                        if digits > 18 { return nil }
                        value = value * 10 + Int(bytes[k] - 0x30)
                    }
                }
                return .arabic(parts)
            }
            // `romanValue`: at most seven of I V X L C.
            if n <= 7, (0..<n).allSatisfy({ [0x49, 0x56, 0x58, 0x4C, 0x43].contains(bytes[$0]) }) {
                func value(_ b: UInt8) -> Int {
                    switch b {
                    case 0x49: 1
                    case 0x56: 5
                    case 0x58: 10
                    case 0x4C: 50
                    default: 100
                    }
                }
                var total = 0
                for k in 0..<n {
                    let v = value(bytes[k])
                    if k + 1 < n, v < value(bytes[k + 1]) { total -= v } else { total += v }
                }
                return .roman(total)
            }
            if n == 1 {
                let b = bytes[0]
                if b >= 0x41 && b <= 0x5A { return .section(Character(Unicode.Scalar(b))) }
                if b >= 0x61 && b <= 0x7A { return .letter(Character(Unicode.Scalar(b))) }
            }
            return RowCode.none
        }
    }

    /// True when `init` of the whitespace-free key `key` is `.none` because the key holds a
    /// scalar outside ASCII (so no character of it is an ASCII digit, dot or Roman numeral) and
    /// keeps at least two characters after the trailing `.`, `)`, `/` go (so it is neither a
    /// bullet nor a single letter): its first two scalars are plain (`isPlainText`), each a
    /// character of its own, and the second is not one that goes. False says nothing.
    static func isLongNonASCII(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes -> Bool in
            guard bytes.contains(where: { $0 >= 0x80 }), !bytes.isEmpty else { return false }
            var i = 0
            let first = nextUTF8Scalar(bytes, at: &i)
            guard i < bytes.count else { return false }
            let secondStart = i
            let second = nextUTF8Scalar(bytes, at: &i)
            guard isPlainScalar(first), isPlainScalar(second), second != 0x2E, second != 0x29, second != 0x2F,
                  secondStart > 0 else { return false }
            return true
        }
    }

    @inline(__always)
    private static func isPlainScalar(_ v: UInt32) -> Bool {
        v == 0x09 || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0x24F) || (v >= 0x1E00 && v <= 0x1EFF)
    }

    /// Depth in the usual Vietnamese outline: A → I → 1 → 1.1 → a.
    var level: Int? {
        switch self {
        case .none, .bullet: nil
        case .section: 0
        case .roman: 1
        case .arabic(let path): 1 + path.count
        case .letter: 100
        }
    }
}

func foldedKeyPreservingCase(_ text: String) -> String {
    // Only whitespace scalars go: when there are none the text is the key. The other scalars'
    // bytes are copied as they are.
    var bytesOf = text
    return bytesOf.withUTF8 { bytes -> String in
        let n = bytes.count
        var i = 0
        var firstSpace = -1
        while i < n {
            let start = i
            let v = nextUTF8Scalar(bytes, at: &i)
            if isWhitespace(v) || v == 0x09 { firstSpace = start; break }
        }
        if firstSpace < 0 { return text }
        return String(unsafeUninitializedCapacity: n) { out in
            var k = 0
            for j in 0..<firstSpace { out[j] = bytes[j] }
            k = firstSpace
            var i = firstSpace
            while i < n {
                let start = i
                let v = nextUTF8Scalar(bytes, at: &i)
                if isWhitespace(v) || v == 0x09 { continue }
                for j in start..<i { out[k] = bytes[j]; k += 1 }
            }
            return k
        }
    }
}

private let romanDigitValues: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]

private func romanValue(_ s: String) -> Int? {
    let values = romanDigitValues
    guard !s.isEmpty, s.count <= 7, s.allSatisfy({ values[$0] != nil }) else { return nil }
    var total = 0
    let digits = s.map { values[$0]! }
    for (index, value) in digits.enumerated() {
        if index + 1 < digits.count, value < digits[index + 1] { total -= value } else { total += value }
    }
    return total
}

private let codeHeaders: Set<String> = ["tt", "t t", "stt", "số tt", "s tt", "số thứ tự", "mã", "mã số"]
private let totalLabels: Set<String> = ["tổng", "tổng cộng", "cộng", "tổng số", "tổng chung", "cộng chung"]
let rateHeaderWords = ["%", "tỷ lệ", "tỉ lệ", "so với", "chỉ số", "tốc độ", "bình quân", "tỷ trọng", "tỉ trọng"]
/// `isPlainText` of each of `rateHeaderWords`, computed once.
private let rateHeaderWordsPlain = rateHeaderWords.map(isPlainText)
/// The UTF-8 bytes of each of `rateHeaderWords`.
private let rateHeaderWordBytes: [[UInt8]] = rateHeaderWords.map { Array($0.utf8) }

/// `rateHeaderWords.contains { textContains(key, $0) }`, with the key's bytes read once: for a
/// plain key (`isPlainText`) and a plain word, `textContains` is this byte search.
func containsRateHeaderWord(_ key: String) -> Bool {
    var bytesOf = key
    return bytesOf.withUTF8 { h -> Bool in
        let keyIsPlain = isPlainUTF8(h)
        for w in rateHeaderWords.indices {
            guard keyIsPlain, rateHeaderWordsPlain[w] else {
                if textContains(key, rateHeaderWords[w]) { return true }
                continue
            }
            if containsBytes(h, rateHeaderWordBytes[w]) { return true }
        }
        return false
    }
}

/// Whether `needle` (not empty) occurs in `haystack`, byte for byte.
@inline(__always)
private func containsBytes(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    let n = needle.count, h = haystack.count
    guard n > 0, n <= h else { return false }
    let first = needle[0]
    var i = 0
    while i + n <= h {
        if haystack[i] == first {
            var k = 1
            while k < n && haystack[i + k] == needle[k] { k += 1 }
            if k == n { return true }
        }
        i += 1
    }
    return false
}

private let unitHeader = "đơn vị tính"
private let unitHeaderIsPlain = isPlainText(unitHeader)
private let nonAdditiveColumnWords = ["kế hoạch", "cùng kỳ", "lũy kế", "luỹ kế", "thực hiện", "ước", "trước",
                                      "hiện có", "tăng", "giảm", "trong đó", "năm"]

private func isTotalLabel(_ text: String) -> Bool { isTotalText(text) }

/// `isTotalKey(foldedKey(text))`, without building the key when the text opens with an ASCII
/// byte that is not whitespace, tab, `t`, `T`, `c` or `C`: the key then opens with that byte
/// lower-cased, and every total label opens with `t` or `c`.
func isTotalText(_ text: String) -> Bool {
    mayBeTotalText(text) && isTotalKey(foldedKey(text))
}

/// False when `isTotalText(text)` is false by the text's first byte alone (see there).
@inline(__always)
func mayBeTotalText(_ text: String) -> Bool {
    if let b = text.utf8.first, b < 0x80, b != 0x20, b != 0x0A, b != 0x0D, b != 0x09, b | 0x20 != 0x74, b | 0x20 != 0x63 {
        return false
    }
    return true
}

/// `isTotalLabel` of a text whose `foldedKey` is `key`.
func isTotalKey(_ folded: String) -> Bool {
    // Every total label starts with `t` or `c`, and the key is cut only at its end.
    guard let first = folded.utf8.first, first == 0x74 || first == 0x63 else { return false }
    var bytesOf = folded
    if let plain = bytesOf.withUTF8({ plainTotalKey($0) }) { return plain }
    var key = folded
    if let paren = key.firstIndex(of: "(") { key = String(key[..<paren]) }
    while let last = key.last, last == ":" || last == " " || last == "." { key.removeLast() }
    return totalLabels.contains(key)
}

/// The labels of `totalLabels` as UTF-8 bytes.
private let totalLabelBytes: [[UInt8]] = totalLabels.map { Array($0.utf8) }

/// `isTotalKey` of a plain key (`isPlainText`), nil for other keys. Every scalar of a plain key
/// is a character of its own and its own NFC form, so cutting at the first `(` byte, dropping
/// trailing `:`, ` `, `.` bytes and comparing bytes with the (NFC) labels is what the
/// character-level steps and the set's canonical equality do.
private func plainTotalKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard isPlainUTF8(bytes) else { return nil }
    var end = 0
    while end < bytes.count, bytes[end] != 0x28 { end += 1 }
    while end > 0, bytes[end - 1] == 0x3A || bytes[end - 1] == 0x20 || bytes[end - 1] == 0x2E { end -= 1 }
    let key = UnsafeBufferPointer(rebasing: bytes[..<end])
    return totalLabelBytes.contains { $0.elementsEqual(key) }
}

/// `isDetailKey(foldedKey(text))`, without building the key when the text opens with an ASCII
/// byte that is not whitespace, tab, `t`, `T`, `-`, `+` or `*`: the key then opens with that
/// byte lower-cased, and every detail prefix opens with `t`, `-`, `+` or `*`.
func isDetailText(_ text: String) -> Bool {
    // An empty text has an empty key, which is no detail key.
    mayBeDetailText(text) && isDetailKey(foldedKey(text))
}

/// False when `isDetailText(text)` is false by the text's first byte alone (see there).
@inline(__always)
func mayBeDetailText(_ text: String) -> Bool {
    if let b = text.utf8.first, b < 0x80, b != 0x20, b != 0x0A, b != 0x0D, b != 0x09, b | 0x20 != 0x74,
       b != 0x2D, b != 0x2B, b != 0x2A {
        return false
    }
    return true
}

func isDetailKey(_ key: String) -> Bool {
    // Each prefix opens with an ASCII scalar that no other scalar is canonically equivalent to:
    // a key opening with any other byte has none of them (`hasPrefix` is slow on Vietnamese).
    guard let first = key.utf8.first, first == 0x74 || first == 0x2D || first == 0x2B || first == 0x2A else { return false }
    return key.hasPrefix("trong đó") || key.hasPrefix("-") || key.hasPrefix("+") || key.hasPrefix("*")
}

// MARK: - Layout

struct TableLayout {
    let header: [String]
    let rows: [[String]]
    let columnCount: Int
    let codeColumn: Int?
    let labelColumn: Int?
    let unitColumn: Int?
    /// Columns whose cells are numbers that may be added up.
    let additiveColumns: [Int]
    let codes: [RowCode]
    /// The number in each cell, row by row (`columnCount` per row): see `number(_:_:)`. A whole
    /// number of the simple shape is kept as its Int (`simpleWholeCell`); any other number is
    /// kept in `otherNumbers`. No cell holds a reference, so the table is cheap to build and free.
    let values: [CellNumber]
    let otherNumbers: [VNumber]
    let totalRows: [Int]
    let detailRows: Set<Int>
    let parents: [Int?]
    /// `foldedKey` of each header cell (one per column).
    let headerKeys: [String]
    /// `label(of:)` of each row.
    let labels: [String]
    /// `labelKey(r)` of each of `totalRows`, the only keys compared with each other.
    let totalRowKeys: [String]
    /// `children(of:)` of each row.
    let childLists: [[Int]]

    init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
        let columnCount = rows.reduce(header.count) { max($0, $1.count) }
        self.columnCount = columnCount
        func cell(_ r: Int, _ c: Int) -> String { c < rows[r].count ? rows[r][c] : "" }
        let headerKeys = (0..<columnCount).map { $0 < header.count ? foldedKey(header[$0]) : "" }
        self.headerKeys = headerKeys

        // Each cell is parsed once: for the column kinds and for the values.
        var kinds: [(numeric: Int, percent: Int, text: Int)] = Array(repeating: (0, 0, 0), count: columnCount)
        // One array for the whole table, not one per row.
        var values: [CellNumber] = []
        values.reserveCapacity(rows.count * columnCount)
        var otherNumbers: [VNumber] = []
        for r in rows.indices {
            for c in 0..<columnCount {
                var raw = cell(r, c)
                // A simple whole number is a number and no placeholder (it holds a digit).
                if let simple = raw.withUTF8({ simpleWholeCell($0) }) {
                    kinds[c].numeric += 1
                    if simple.isPercent { kinds[c].percent += 1 }
                    values.append(.whole(simple.whole))
                    continue
                }
                let parsed = parseCell(raw)
                if !isPlaceholderCell(raw) {
                    if let isPercent = parsed?.isPercent {
                        kinds[c].numeric += 1
                        if isPercent { kinds[c].percent += 1 }
                    } else {
                        kinds[c].text += 1
                    }
                }
                if let number = parsed?.number {
                    values.append(.other(otherNumbers.count))
                    otherNumbers.append(number)
                } else {
                    values.append(.none)
                }
            }
        }
        self.values = values
        self.otherNumbers = otherNumbers
        // The first column's codes, read once for the code-column test and, when it is the
        // code column, for `codes`.
        let firstColumnCodes: [RowCode]? = columnCount > 1 && kinds[1].text > 0
            ? rows.indices.map { RowCode(cell($0, 0)) } : nil
        let firstColumnHoldsCodes = firstColumnCodes.map { firstCodes in
            rows.indices.allSatisfy { r in isBlankText(cell(r, 0)) || firstCodes[r] != .none }
                && firstCodes.contains { $0 != .none }
        } ?? false
        let codeColumn = headerKeys.firstIndex { codeHeaders.contains($0) } ?? (firstColumnHoldsCodes ? 0 : nil)
        self.codeColumn = codeColumn
        // `Đơn vị` alone names the reporting unit (an agency), not the unit of measure.
        let unitColumn = headerKeys.firstIndex { textContains($0, unitHeader, needleIsPlain: unitHeaderIsPlain) || $0 == "đvt" }
        self.unitColumn = unitColumn
        let labelColumn = (0..<columnCount).first { c in
            c != codeColumn && c != unitColumn && kinds[c].text > kinds[c].numeric
        }
        self.labelColumn = labelColumn
        self.additiveColumns = (0..<columnCount).filter { c in
            guard c != codeColumn, c != labelColumn, c != unitColumn, kinds[c].numeric > 0,
                  kinds[c].text == 0, kinds[c].percent == 0 else { return false }
            let key = headerKeys[c]
            return !containsRateHeaderWord(key) && key != "năm" && key != "mã số"
        }

        let codes: [RowCode]
        if let codeColumn {
            codes = codeColumn == 0 && firstColumnCodes != nil ? firstColumnCodes! : rows.indices.map { RowCode(cell($0, codeColumn)) }
        } else {
            codes = Array(repeating: .none, count: rows.count)
        }
        self.codes = codes
        let labels = rows.indices.map { r -> String in
            if let l = labelColumn, !isBlankText(cell(r, l)) { return cell(r, l) }
            return codeColumn.map { cell(r, $0) } ?? ""
        }
        self.labels = labels
        // A label's key is built at most once, and only when its first byte leaves the total or
        // the detail test open (`mayBeTotalText`, `mayBeDetailText`); it is kept for the total rows.
        var labelKeys: [String?] = Array(repeating: nil, count: rows.count)
        var totalRows: [Int] = []
        var totalRowKeys: [String] = []
        for r in rows.indices {
            let label = labels[r]
            if mayBeTotalText(label) || mayBeDetailText(label) { labelKeys[r] = foldedKey(label) }
            let isTotal = labelKeys[r].map(isTotalKey) ?? false
            if isTotal || (codeColumn.map { isTotalText(cell(r, $0)) } ?? false) {
                totalRows.append(r)
                totalRowKeys.append(labelKeys[r] ?? foldedKey(label))
            }
        }
        self.totalRows = totalRows
        self.totalRowKeys = totalRowKeys
        let anyCodes = codes.contains { $0.level != nil }
        var detailRows = Set<Int>()
        for r in rows.indices where !totalRows.contains(r) {
            if codes[r] == .bullet || (labelKeys[r].map(isDetailKey) ?? false) || (anyCodes && codes[r] == .none) {
                detailRows.insert(r)
            }
        }
        self.detailRows = detailRows

        // Parent: the nearest earlier coded row one level up; `1.2` needs exactly `1`.
        var parents: [Int?] = Array(repeating: nil, count: rows.count)
        var childLists: [[Int]] = Array(repeating: [], count: rows.count)
        for r in rows.indices {
            guard let level = codes[r].level else { continue }
            var p = r - 1
            while p >= 0 {
                if totalRows.contains(p) { p = -1; break }
                if let pl = codes[p].level, pl < level { break }
                p -= 1
            }
            guard p >= 0 else { continue }
            if case .arabic(let path) = codes[r], path.count > 1 {
                guard case .arabic(let parentPath) = codes[p], parentPath == Array(path.dropLast()) else { continue }
            }
            parents[r] = p
            if !detailRows.contains(r) { childLists[p].append(r) }
        }
        self.parents = parents
        self.childLists = childLists
    }

    func cell(_ r: Int, _ c: Int) -> String { c < rows[r].count ? rows[r][c] : "" }

    /// The number in row `r`, column `c`: a whole number kept as an Int is read again.
    func number(_ r: Int, _ c: Int) -> VNumber? {
        switch values[r * columnCount + c] {
        case .none: return nil
        case .whole: return parseCell(cell(r, c))?.number
        case .other(let index): return otherNumbers[index]
        }
    }

    /// Whether row `r`, column `c` holds a number: `number(r, c) != nil`.
    @inline(__always)
    func hasNumber(_ r: Int, _ c: Int) -> Bool {
        if case .none = values[r * columnCount + c] { return false }
        return true
    }

    /// `number(r, c).map { $0.wholeValue.map { .whole($0) } ?? .other } ?? .none`.
    @inline(__always)
    func ownWhole(_ r: Int, _ c: Int) -> Whole {
        switch values[r * columnCount + c] {
        case .none: return .none
        case .whole(let w): return .whole(w)
        case .other(let index): return otherNumbers[index].wholeValue.map { .whole($0) } ?? .other
        }
    }

    func label(of r: Int) -> String { labels[r] }

    /// `foldedKey` of row `r`'s label.
    func labelKey(_ r: Int) -> String { foldedKey(labels[r]) }

    func children(of r: Int) -> [Int] { childLists[r] }

    /// A row's value in a column: as stated, or, for a heading row left blank, its children's sum.
    func value(_ r: Int, _ c: Int, depth: Int = 0) -> DecimalInterval? {
        if let v = number(r, c) { return v.interval }
        guard depth < 8 else { return nil }
        var sum: DecimalInterval?
        for child in childLists[r] {
            if let v = value(child, c, depth: depth + 1) { sum = (sum ?? .zero) + v }
        }
        return sum
    }

    func findings() -> [TableFinding] {
        totalRowFindings() + parentRowFindings() + totalColumnFindings()
    }

    func unitsAgree(_ r: Int, _ others: [Int]) -> Bool {
        guard let u = unitColumn else { return true }
        let own = foldedKey(cell(r, u))
        return own.isEmpty || others.allSatisfy { let k = foldedKey(cell($0, u)); return k.isEmpty || k == own }
    }

    /// `value(r, c)` of whole numbers: `.whole` when the value and everything added up for it
    /// are whole numbers known as Ints, `.none` when `value` is nil, `.other` otherwise.
    enum Whole { case none, whole(Int), other }

    func wholeValue(_ r: Int, _ c: Int, depth: Int = 0) -> Whole {
        let own = ownWhole(r, c)
        if case .none = own {} else { return own }
        guard depth < 8 else { return .none }
        var sum: Int?
        for child in childLists[r] {
            switch wholeValue(child, c, depth: depth + 1) {
            case .none: continue
            case .other: return .other
            case .whole(let w):
                let (total, overflow) = (sum ?? 0).addingReportingOverflow(w)
                if overflow { return .other }
                sum = total
            }
        }
        return sum.map { .whole($0) } ?? .none
    }

    /// True when `compare` would find nothing because every part and the stated value are
    /// whole numbers and the parts add up exactly (or there are no parts): checked on Ints,
    /// without the Decimal arithmetic. False says nothing.
    func addsUpWhole(stated: Whole, parts: [Whole]) -> Bool {
        guard case .whole(let target) = stated else { return false }
        var sum = 0
        for part in parts {
            switch part {
            case .none: continue
            case .other: return false
            case .whole(let w):
                let (total, overflow) = sum.addingReportingOverflow(w)
                if overflow { return false }
                sum = total
            }
        }
        return sum == target
    }

    func compare(_ kind: TableFinding.Kind, row: Int, column: Int, stated: VNumber,
                 covered: [Int], parts: [DecimalInterval]) -> TableFinding? {
        guard !parts.isEmpty else { return nil }
        let sum = parts.reduce(DecimalInterval.zero, +)
        if sum.overlaps(stated.interval) { return nil }
        return TableFinding(kind: kind, row: row, column: column, stated: stated.value,
                            computed: sum.midpoint, covered: covered)
    }

    func totalRowFindings() -> [TableFinding] {
        var findings: [TableFinding] = []
        let valueRows = rows.indices.filter { r in additiveColumns.contains { hasNumber(r, $0) } }
        for (index, t) in totalRows.enumerated() {
            let previous = index > 0 ? totalRows[index - 1] : -1
            // A grand total after subtotals with another name may add the subtotals or the rows;
            // which one is not written down, so it is not checked.
            if index > 0, totalRowKeys[index - 1] != totalRowKeys[index] { continue }
            let next = index + 1 < totalRows.count ? totalRows[index + 1] : rows.count
            let before = valueRows.contains { $0 > previous && $0 < t }
            let span = before ? (previous + 1)..<t : (t + 1)..<next
            let members = span.filter { r in
                !detailRows.contains(r) && !(parents[r].map { span.contains($0) } ?? false)
            }
            guard members.count >= 2 else { continue }
            for c in additiveColumns {
                guard hasNumber(t, c) else { continue }
                if addsUpWhole(stated: ownWhole(t, c), parts: members.map { wholeValue($0, c) }) { continue }
                guard let stated = number(t, c) else { continue }
                let parts = members.compactMap { value($0, c) }
                if let f = compare(.totalRow, row: t, column: c, stated: stated, covered: members, parts: parts) {
                    findings.append(f)
                }
            }
        }
        return findings
    }

    func parentRowFindings() -> [TableFinding] {
        var findings: [TableFinding] = []
        for r in rows.indices where !detailRows.contains(r) {
            let kids = children(of: r)
            guard kids.count >= 2, unitsAgree(r, kids) else { continue }
            for c in additiveColumns {
                guard hasNumber(r, c) else { continue }
                if addsUpWhole(stated: ownWhole(r, c), parts: kids.map { wholeValue($0, c) }) { continue }
                guard let stated = number(r, c) else { continue }
                let parts = kids.compactMap { value($0, c) }
                if let f = compare(.parentRow, row: r, column: c, stated: stated, covered: kids, parts: parts) {
                    findings.append(f)
                }
            }
        }
        return findings
    }

    func totalColumnFindings() -> [TableFinding] {
        let totals = additiveColumns.filter { isTotalLabel(headerKeys[$0]) }
        var findings: [TableFinding] = []
        for (index, t) in totals.enumerated() {
            let previous = index > 0 ? totals[index - 1] : -1
            let next = index + 1 < totals.count ? totals[index + 1] : columnCount
            let others = additiveColumns.filter { !totals.contains($0) }
            let before = others.filter { $0 > previous && $0 < t }
            let covered = before.isEmpty ? others.filter { $0 > t && $0 < next } : before
            guard covered.count >= 2,
                  !covered.contains(where: { c in nonAdditiveColumnWords.contains { textContains(headerKeys[c], $0) } })
            else { continue }
            for r in rows.indices {
                guard hasNumber(r, t) else { continue }
                if addsUpWhole(stated: ownWhole(r, t), parts: covered.map { c in ownWhole(r, c) }) {
                    continue
                }
                guard let stated = number(r, t) else { continue }
                let parts = covered.compactMap { number(r, $0)?.interval }
                if let f = compare(.totalColumn, row: r, column: t, stated: stated, covered: covered, parts: parts) {
                    findings.append(f)
                }
            }
        }
        return findings
    }
}
