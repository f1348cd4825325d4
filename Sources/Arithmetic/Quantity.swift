/// Quantities in a paragraph: numbers that count or measure something, with their unit, hedge and
/// label. Dates, years, document numbers, ordinals, ratios, phone numbers and names are read in
/// the same single pass but classified away, so nothing downstream adds up `19/8` or `Office 2010`.
import Foundation

/// Why a number was, or was not, taken as a quantity.
public enum NumberRole: String, Sendable, Hashable {
    case quantity
    /// `19/8`, `15/7/2013`, `tháng 8/2014`, `15.7.2013`
    case date
    /// `năm 2014`, `2014 – 2018`
    case year
    /// `28-30`, `5 - 7`: either end of a span
    case range
    /// `22/23 xã`
    case fraction
    /// `157 thuê bao/100 dân`, `11,5h/ngày`
    case ratio
    /// `285/BC-STTTT`, `36-NQ/TW`
    case documentNumber
    /// `lần thứ 18`, `ngày 19`, `Điều 5`, `số 12`, a list marker `3.` opening the paragraph
    case designator
    /// `14:30`
    case time
    case phone
    /// `Office 2010`, `IPv6`, `4G`
    case name
    /// `4,8%3`: the `3` refers to a footnote
    case footnote
    /// `1.1.2`: a dotted code
    case code
}

public enum Hedge: String, Sendable, Hashable {
    /// `khoảng`, `gần`, `hơn`, `trên`, `xấp xỉ`: not meant exactly, never checked.
    case approximate
    /// `ước đạt`, `ước tính`: an estimate, still expected to be internally consistent.
    case estimate
}

public struct Quantity: Sendable, Hashable {
    public let number: VNumber
    /// The canonical unit (`hồ sơ` for `hs`); nil when the word after the number is not a
    /// known unit.
    public let unit: String?
    public let unitRange: Range<Int>?
    public let hedge: Hedge?
    public let hedgeRange: Range<Int>?
    /// The scalars of the paragraph, shared: `label` is spelled out only when asked for (most
    /// labels never are).
    let paragraph: [Unicode.Scalar]
    /// Where `clauseLabel` starts from and the position it stops at, and the vocabulary it
    /// trims with: the label is found when asked for (no rule reads it; the scan used to find
    /// one for every quantity).
    let labelStart: Int
    let labelLimit: Int
    let vocabulary: Vocabulary
    public let isPercent: Bool
    /// From the hedge (or the number) to the end of the unit.
    public let range: Range<Int>

    /// The words before the number within its clause, without a trailing `là` / `đạt`.
    public var label: String { encodeScalars(paragraph, labelRange) }

    /// Where `label` is in the paragraph.
    public var labelRange: Range<Int> {
        clauseLabel(ScalarText(scalars: paragraph), before: labelStart, limit: labelLimit, vocabulary: vocabulary)
    }

    /// The unit as written (`hs`), spelled out from the paragraph when asked for: one reference
    /// fewer to retain and release at every copy of a quantity.
    public var unitText: String? { unitRange.map { encodeScalars(paragraph, $0) } }

    init(number: VNumber, unit: String?, unitRange: Range<Int>?, hedge: Hedge?, hedgeRange: Range<Int>?,
         paragraph: [Unicode.Scalar], labelStart: Int, labelLimit: Int, vocabulary: Vocabulary, isPercent: Bool,
         range: Range<Int>) {
        self.number = number
        self.unit = unit
        self.unitRange = unitRange
        self.hedge = hedge
        self.hedgeRange = hedgeRange
        self.paragraph = paragraph
        self.labelStart = labelStart
        self.labelLimit = labelLimit
        self.vocabulary = vocabulary
        self.isPercent = isPercent
        self.range = range
    }

    /// Equal when every field is, the label compared as text (the paragraph itself is not part
    /// of equality).
    public static func == (a: Quantity, b: Quantity) -> Bool {
        a.number == b.number && a.unit == b.unit && a.unitText == b.unitText && a.unitRange == b.unitRange
            && a.hedge == b.hedge && a.hedgeRange == b.hedgeRange && a.label == b.label
            && a.labelRange == b.labelRange && a.isPercent == b.isPercent && a.range == b.range
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(number)
        hasher.combine(unit)
        hasher.combine(unitText)
        hasher.combine(unitRange)
        hasher.combine(hedge)
        hasher.combine(hedgeRange)
        hasher.combine(label)
        hasher.combine(labelRange)
        hasher.combine(isPercent)
        hasher.combine(range)
    }

    public var value: Decimal { number.value }
    public var interval: DecimalInterval { number.interval }
    public var isApproximate: Bool { hedge == .approximate }
}

public struct ScannedNumber: Sendable, Hashable {
    public let number: VNumber
    public let role: NumberRole
    /// Set when `role == .quantity`.
    public let quantity: Quantity?
}

/// Every quantity in `text`, in order. Positions are scalar offsets into `text`.
public func scanQuantities(in text: String, vocabulary: Vocabulary = .standard) -> [Quantity] {
    var entries: [NumberEntry] = []
    var quantities: [Quantity] = []
    var numbers: [VNumber] = []
    scanNumbers(ScalarText(text), vocabulary, entries: &entries, quantities: &quantities, numbers: &numbers,
                keepNumbers: false)
    return quantities
}

/// Every number in `text` with the role it plays; quantities carry their `Quantity`.
public func scanNumbers(in text: String, vocabulary: Vocabulary = .standard) -> [ScannedNumber] {
    // Every number starts at an ASCII digit: a line without one has none (most lines).
    guard text.hasASCIIDigit else { return [] }
    return scanNumbers(ScalarText(text), vocabulary)
}

private let phoneLabels = ["đt", "điện thoại", "sđt", "tel", "fax", "hotline", "đường dây nóng"]
    .map(FoldedPhrase.init)
let yearDesignators = Set(["năm", "giai đoạn", "niên khóa", "niên khoá"].map(FoldedPhrase.init))
let designatorLimits: [FoldedPhrase: Int] = [
    FoldedPhrase("ngày"): 31, FoldedPhrase("tháng"): 12, FoldedPhrase("quý"): 4, FoldedPhrase("tuần"): 53,
]
let numberDesignator = FoldedPhrase("số")
private let totalWord = FoldedPhrase("tổng")
private let labelTrailers = ["là", "đạt", "chiếm", "bằng", "có", "gồm"].map(FoldedPhrase.init)
private let labelLeaders = ["và", "còn", "với"].map(FoldedPhrase.init)
private let scaleWordFirst = firstScalarMask(NumberScale.words.map(\.0))
private let phoneLabelIndex = PhraseIndex(phoneLabels)
private let labelTrailerIndex = PhraseIndex(labelTrailers)
private let labelLeaderIndex = PhraseIndex(labelLeaders)

extension String {
    /// A byte scan for 0–9.
    var hasASCIIDigit: Bool {
        // On the contiguous bytes: `utf8.contains` walks the view index by index.
        utf8.withContiguousStorageIfAvailable(containsASCIIDigit) ?? utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// Whether `unit` is `Vocabulary.percentUnit` (`%`), compared on its bytes: `==` on Strings
/// takes the slow Unicode path for every non-ASCII unit such as `hồ sơ`.
@inline(__always) func isPercentUnit(_ unit: String) -> Bool {
    var utf8 = unit.utf8.makeIterator()
    return utf8.next() == 0x25 && utf8.next() == nil
}

/// Whether `bytes` hold a byte 0x30–0x39, eight bytes at a time: after `^ 0x30` a digit is a
/// byte below 10, and `(x - 0x0A…) & ~x & 0x80…` is non-zero exactly when some byte of `x` is
/// below 10 (the "has less" test, exact for bounds up to 128).
func containsASCIIDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let n = bytes.count
    var i = 0
    let ones: UInt64 = 0x0101_0101_0101_0101
    while i + 8 <= n {
        let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ (ones &* 0x30)
        if (x &- ones &* 10) & ~x & (ones &* 0x80) != 0 { return true }
        i += 8
    }
    while i < n {
        if base[i] &- 0x30 < 10 { return true }
        i += 1
    }
    return false
}

/// `,` `;` `(` `)`
@inline(__always) func isClauseMark(_ v: UInt32) -> Bool { v == 0x2C || v == 0x3B || v == 0x28 || v == 0x29 }

func isDash(_ v: UInt32) -> Bool { v == 0x2D || v == 0x2013 || v == 0x2014 || v == 0x2212 }

func scanNumbers(_ text: ScalarText, _ vocabulary: Vocabulary) -> [ScannedNumber] {
    var entries: [NumberEntry] = []
    var quantities: [Quantity] = []
    var numbers: [VNumber] = []
    scanNumbers(text, vocabulary, entries: &entries, quantities: &quantities, numbers: &numbers, keepNumbers: true)
    var result: [ScannedNumber] = []
    result.reserveCapacity(entries.count)
    for (k, entry) in entries.enumerated() {
        result.append(ScannedNumber(number: numbers[k], role: entry.role,
                                    quantity: entry.quantity >= 0 ? quantities[entry.quantity] : nil))
    }
    return result
}

/// One number of a paragraph as `scanNumbers` found it, without references: the quantity, if
/// any, is an index into the paragraph's quantity store, so entries are copied for free.
struct NumberEntry {
    let role: NumberRole
    /// Where the quantity starts (its hedge included) when it is one, else where the number starts.
    let start: Int
    /// Index into the quantities of the same scan, or -1.
    let quantity: Int
}

/// `scanNumbers` writing every number into `entries` and every quantity, once, into
/// `quantities`; `numbers` receives each entry's `VNumber` only when `keepNumbers` is set.
func scanNumbers(_ text: ScalarText, _ vocabulary: Vocabulary, entries: inout [NumberEntry],
                 quantities: inout [Quantity], numbers: inout [VNumber], keepNumbers: Bool) {
    // A paragraph with a digit usually holds a few numbers: one allocation instead of growing
    // through 1, 2, 4 and 8 elements.
    if entries.capacity < 8 { entries.reserveCapacity(8) }
    var i = 0
    var labelLimit = 0
    var pending: (start: Int, role: NumberRole)?
    let n = text.count

    func skipToken(from start: Int) -> Int {
        var j = start
        while j < n, !isWhitespace(text[j]), !isClauseMark(text[j]) { j += 1 }
        // A sentence-final period is not part of the token.
        if j > start, text[j - 1] == 0x2E { j -= 1 }
        return j
    }

    while i < n {
        // Straight to the next digit: most scalars of a paragraph are not one.
        if !text.isDigit(i) {
            i = text.nextDigit(from: i + 1)
            if i >= n { break }
        }
        guard !text.isDigit(i - 1) else { i += 1; continue }
        if text[i - 1] == 0x25 {
            var j = i
            while text.isDigit(j) { j += 1 }
            entries.append(NumberEntry(role: .footnote, start: i, quantity: -1))
            if keepNumbers {
                numbers.append(VNumber(value: Decimal(string: text.string(i..<j)) ?? 0, text: text.string(i..<j),
                                       fractionDigits: 0, range: i..<j))
            }
            i = j
            continue
        }
        guard let read = readDigits(text, at: i) else { i += 1; continue }
        var number = read.number
        var end = read.end
        var role: NumberRole?
        // The value when it is a whole number, as a SmallValue: comparing it with 31 or 1900
        // needs no Decimal.
        let wholeValue = number.fractionDigits == 0 ? SmallValue(number.value, read.smallInteger) : nil

        if let p = pending, p.start == i { role = p.role }
        pending = nil

        if role == nil {
            let before = text.skipSpacesBackward(from: i)
            let labelledPhone = text[before - 1] == 0x3A
                && text.longestMatch(of: phoneLabelIndex, endingAt: before - 1) != nil
            // Vietnamese phone numbers start with 0 (or +84); `09 thuê bao` is too short to be one.
            if text[i - 1] == 0x2B || (text[i] == 0x30 && (read.leadingRun >= 4 || labelledPhone)) {
                role = .phone
                while text[end] == 0x20 || text[end] == 0x2E || text[end] == 0x2D, text.isDigit(end + 1) {
                    end += 1
                    while text.isDigit(end) || text[end] == 0x2E && text.isDigit(end + 1) { end += 1 }
                }
            }
        }
        if role == nil, read.isDottedCode {
            role = .code
            while text[end] == 0x2E, text.isDigit(end + 1) {
                end += 1
                while text.isDigit(end) { end += 1 }
            }
        }
        if role == nil, text[end] == 0x2F, text.isDigit(end + 1) {
            // A slash between digits: a date (19/8, 8/2014, 15/7/2013) or a fraction (22/23).
            // At most three parts, held in locals: only the first two values and the second
            // length are ever asked for, and the count.
            let first = SmallValue(number.value, number.fractionDigits == 0 ? read.smallInteger : nil)
            var second = first
            var secondLength = 0
            var partCount = 1
            while text[end] == 0x2F, text.isDigit(end + 1), partCount < 3 {
                var j = end + 1
                while text.isDigit(j) { j += 1 }
                let part: SmallValue
                if j - end - 1 <= 18 {
                    var v = 0
                    for k in (end + 1)..<j { v = v * 10 + Int(text[k] - 0x30) }
                    part = SmallValue(Decimal(v), v)
                } else {
                    var v: Decimal = 0
                    for k in (end + 1)..<j { v = v * 10 + Decimal(Int(text[k] - 0x30)) }
                    part = SmallValue(v, nil)
                }
                if partCount == 1 {
                    second = part
                    secondLength = j - end - 1
                }
                partCount += 1
                end = j
            }
            let dayMonth = partCount >= 2 && first.isIn(1, 31) && second.isIn(1, 12)
            let monthYear = partCount == 2 && first.isIn(1, 12) && secondLength == 4
            role = partCount == 3 || dayMonth || monthYear ? .date : .fraction
        }
        if role == nil, text[end] == 0x2F || isDash(text[end]), text.isLetter(end + 1) {
            role = .documentNumber
            end = skipToken(from: end)
        }
        if role == nil, text[end] == 0x3A, text.isDigit(end + 1), read.leadingRun <= 2, number.fractionDigits == 0 {
            role = .time
            pending = (end + 1, .time)
        }
        if role == nil {
            let k = text.skipSpaces(from: end)
            if isDash(text[k]) {
                let k2 = text.skipSpaces(from: k + 1)
                if text.isDigit(k2) {
                    role = .range
                    pending = (k2, .range)
                }
            }
        }
        if role == nil {
            let before = text.skipSpacesBackward(from: i)
            if text[before - 1] == 0x2F {
                role = .ratio
            } else if isDash(text[i - 1]), text.isLetter(i - 2) {
                role = .name   // Covid-19, QĐ-12
            }
        }
        if role == nil, text.skipSpacesBackward(from: i) == 0, text[end] == 0x2E || text[end] == 0x29,
           text.isSpace(end + 1) || end + 1 == n {
            role = .designator   // a list marker: `3. Tổ chức…`, `2) …`
        }
        if role == nil {
            var j = text.skipSpacesBackward(from: i)
            if text[j - 1] == 0x3A { j = text.skipSpacesBackward(from: j - 1) }
            if let hit = text.longestMatch(of: vocabulary.storage.designatorIndex, endingAt: j) {
                // What `designatorLimits`, `yearDesignators` and `numberDesignator` say of the
                // phrase, looked up once per vocabulary.
                let kind = vocabulary.storage.designatorKinds[hit.index]
                let isTotal = kind.isNumber
                    && text.match(totalWord, endingAt: text.skipSpacesBackward(from: hit.start)) != nil
                let limitOK = kind.limit.map { limit in wholeValue.map { $0.isAtMost(limit) } ?? false } ?? true
                if !isTotal && limitOK {
                    let isYear = kind.isYear && wholeValue.map { $0.isIn(1900, 2100) } == true
                    role = isYear ? .year : .designator
                }
            }
        }

        // Scale word and unit.
        var scale: NumberScale?
        var scaleRange: Range<Int>?
        var unit: String?
        var unitRange: Range<Int>?
        var isPercent = false
        var gluedUnknown = false
        var ratioEnd: Int?
        if role == nil {
            var u = end
            let k = text.skipSpaces(from: end)
            // Every scale word starts with one of a few scalars: test that before the loop.
            for (phrase, s) in NumberScale.words where k < n && scaleWordFirst & (1 << (text.folded[k] & 63)) != 0 {
                if let e = text.match(phrase, at: k, glued: true) {
                    scale = s
                    scaleRange = k..<e
                    u = e
                    break
                }
            }
            if text[u] == 0x25 {
                unit = Vocabulary.percentUnit; unitRange = u..<(u + 1); isPercent = true
            } else if text.isLetter(u) {
                if let hit = vocabulary.unit(in: text, at: u, glued: true) {
                    unit = hit.canonical; unitRange = u..<hit.end
                } else if scale == nil {
                    gluedUnknown = true
                }
            } else {
                let k2 = text.skipSpaces(from: u)
                if k2 > u {
                    if text[k2] == 0x25 {
                        unit = Vocabulary.percentUnit; unitRange = k2..<(k2 + 1); isPercent = true
                    } else if let hit = vocabulary.unit(in: text, at: k2, glued: false) {
                        unit = hit.canonical; unitRange = k2..<hit.end
                    }
                }
            }
            // `unit == Vocabulary.percentUnit` on the bytes: nothing else is canonically `%`.
            if let unit, isPercentUnit(unit) { isPercent = true }
            let afterUnit = text.skipSpaces(from: unitRange?.upperBound ?? scaleRange?.upperBound ?? end)
            if text[afterUnit] == 0x2F {
                role = .ratio
                ratioEnd = skipToken(from: afterUnit)
            } else if gluedUnknown {
                role = .name
            } else if unit == nil && scale == nil {
                if number.notation == .ungrouped, read.leadingRun == 4, let v = wholeValue, v.isIn(1900, 2100) {
                    role = .year
                } else if text.isLetter(i - 1) {
                    role = .name
                } else if let word = text.previousWord(before: i), isCapitalisedASCIIWord(text, word) {
                    role = .name
                }
            }
        }

        guard role == nil else {
            entries.append(NumberEntry(role: role!, start: number.range.lowerBound, quantity: -1))
            if keepNumbers {
                numbers.append(VNumber(value: number.value, text: number.text, fractionDigits: number.fractionDigits,
                                       range: number.range, notation: number.notation, wholeValue: number.wholeValue))
            }
            if role != .name && role != .footnote { labelLimit = max(labelLimit, ratioEnd ?? end) }
            i = max(end, i + 1)
            continue
        }

        if let s = scale {
            number = VNumber(value: number.value * s.multiplier, text: number.text,
                             fractionDigits: number.fractionDigits, range: number.range,
                             notation: number.notation, scale: s, scaleRange: scaleRange)
        }
        var extentEnd = unitRange?.upperBound ?? scaleRange?.upperBound ?? end

        // Hedges.
        var hedge: Hedge?
        var hedgeRange: Range<Int>?
        let beforeNumber = text.skipSpacesBackward(from: i)
        if let hit = text.longestMatch(of: vocabulary.storage.approximateIndex, endingAt: beforeNumber) {
            hedge = .approximate; hedgeRange = hit.start..<beforeNumber
        } else if let hit = text.longestMatch(of: vocabulary.storage.estimateIndex, endingAt: beforeNumber) {
            hedge = .estimate; hedgeRange = hit.start..<beforeNumber
        }
        let suffixStart = text.skipSpaces(from: extentEnd)
        if suffixStart > extentEnd || unitRange == nil,
           let hit = text.longestMatch(of: vocabulary.storage.approximateSuffixIndex, at: suffixStart) {
            hedge = .approximate
            extentEnd = hit.end
        }

        let start = hedgeRange?.lowerBound ?? i
        let quantity = Quantity(
            number: number, unit: unit, unitRange: unitRange,
            hedge: hedge, hedgeRange: hedgeRange, paragraph: text.scalars,
            labelStart: start, labelLimit: labelLimit, vocabulary: vocabulary,
            isPercent: isPercent, range: start..<extentEnd)
        entries.append(NumberEntry(role: .quantity, start: start, quantity: quantities.count))
        if keepNumbers { numbers.append(number) }
        // Room for a few at the first: growing through 1, 2 and 4 costs three allocations.
        if quantities.capacity == 0 { quantities.reserveCapacity(4) }
        quantities.append(quantity)
        labelLimit = extentEnd
        i = max(end, i + 1)
    }
}

/// A number compared with small whole bounds: as an Int when it is a whole number that fits
/// one (the usual case; Decimal comparisons are slow), else as the Decimal itself.
struct SmallValue {
    let decimal: Decimal
    let int: Int?

    init(_ decimal: Decimal, _ int: Int?) {
        self.decimal = decimal
        self.int = int
    }

    func isIn(_ low: Int, _ high: Int) -> Bool {
        if let int { return int >= low && int <= high }
        return decimal >= Decimal(low) && decimal <= Decimal(high)
    }

    func isAtMost(_ limit: Int) -> Bool {
        if let int { return int <= limit }
        return decimal <= Decimal(limit)
    }
}

private func isCapitalisedASCIIWord(_ text: ScalarText, _ word: Range<Int>) -> Bool {
    guard word.count >= 2 else { return false }
    let first = text[word.lowerBound]
    guard first >= 0x41 && first <= 0x5A else { return false }
    var hasLower = false
    for k in word {
        let v = text[k]
        if v >= 0x80 { return false }
        if v >= 0x61 && v <= 0x7A { hasLower = true }
    }
    // `Office`, `Windows`, `Web`; an acronym such as `FTTH` names a category, not a version.
    return hasLower
}

/// The label of a number: the words before it back to the clause boundary (`,` `;` `:` a
/// sentence end, an unmatched `(`), stepping over parenthesised asides such as `(FTTH)`.
func clauseLabel(_ text: ScalarText, before start: Int, limit: Int, vocabulary: Vocabulary) -> Range<Int> {
    var end = text.skipSpacesBackward(from: start)
    while end > limit, text[end - 1] == 0x3A { end = text.skipSpacesBackward(from: end - 1) }
    var k = end
    var depth = 0
    var outermostClose: Int?
    while k > limit {
        let c = text[k - 1]
        if c == 0x29 { if depth == 0 { outermostClose = k }; depth += 1 }
        else if c == 0x28 { if depth == 0 { break }; depth -= 1 }
        else if depth == 0 {
            if c == 0x2C || c == 0x3B || c == 0x3A || c == 0x09 { break }
            if c == 0x2E, text.isSpace(k) || k == end { break }
        }
        k -= 1
    }
    // Reached the previous quantity inside an aside: the label starts after the aside.
    if depth > 0, let close = outermostClose { k = close }
    return trimLabel(text, k..<end, vocabulary: vocabulary)
}

/// Strips separators, connectives and a trailing copula from a label range.
func trimLabel(_ text: ScalarText, _ range: Range<Int>, vocabulary: Vocabulary) -> Range<Int> {
    var lo = range.lowerBound
    var hi = range.upperBound
    // , ; : - – . +
    func isSeparator(_ v: UInt32) -> Bool {
        v == 0x2C || v == 0x3B || v == 0x3A || v == 0x2D || v == 0x2013 || v == 0x2E || v == 0x2B
    }
    var changed = true
    while changed && lo < hi {
        changed = false
        while lo < hi, isWhitespace(text[lo]) || isSeparator(text[lo]) { lo += 1; changed = true }
        if let hit = text.longestMatch(of: vocabulary.storage.connectiveIndex, at: lo), hit.end <= hi {
            lo = hit.end; changed = true
        }
        if let hit = text.longestMatch(of: labelLeaderIndex, at: lo), hit.end <= hi {
            lo = hit.end; changed = true
        }
    }
    changed = true
    while changed && lo < hi {
        changed = false
        while lo < hi, isWhitespace(text[hi - 1]) || text[hi - 1] == 0x3A || text[hi - 1] == 0x2C { hi -= 1; changed = true }
        if let hit = text.longestMatch(of: labelTrailerIndex, endingAt: hi), hit.start >= lo {
            hi = hit.start; changed = true
        }
    }
    return lo..<max(lo, hi)
}
