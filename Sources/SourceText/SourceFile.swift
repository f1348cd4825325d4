import Foundation

/// A decoded report or rule file: its path, its lines, and the way back from a position in the
/// text rules see (NFC) to the position in the file as saved. Lines never include their
/// terminator; `\n`, `\r\n` and a lone `\r` all end a line.
public struct SourceFile: Sendable {
    public let path: String
    public let encoding: TextEncoding
    /// The lines in NFC (TCVN 6909:2001 precomposed form), which is what rules match against.
    public private(set) var lines: [String]
    /// For each line that NFC changed: the line as saved, and for each NFC column the saved column.
    private var decomposedLines: [Int: DecomposedLine]
    /// For a .docx: the paragraph index of each rendered line (SARIF and JSON carry it).
    public let paragraphIndexes: [Int]?
    /// For a .docx: the outline level Word's heading style gives each line, if any (a hint
    /// for section levels when a heading has no typed marker).
    public let headingLevels: [Int?]?

    struct DecomposedLine: Sendable {
        let original: String
        let originalColumn: [Int]
    }

    public init(path: String, text: String, encoding: TextEncoding = .utf8, paragraphIndexes: [Int]? = nil,
                headingLevels: [Int?]? = nil) {
        self.path = path
        self.encoding = encoding
        self.paragraphIndexes = paragraphIndexes
        self.headingLevels = headingLevels
        var text = text
        // Cut at ASCII bytes, each line is valid UTF-8 as the text is: copied as a slice of the
        // string, it is not validated again as decoding its bytes would.
        let ranges = text.withUTF8 { SourceFile.lineRanges($0) }
        var lines: [String] = []
        lines.reserveCapacity(ranges.count)
        let utf8 = text.utf8
        for range in ranges {
            lines.append(String(text[utf8.index(utf8.startIndex, offsetBy: range.start)..<utf8.index(utf8.startIndex, offsetBy: range.end)]))
        }
        self.lines = lines
        self.decomposedLines = [:]
        normalizeLines(ranges)
    }

    /// A UTF-8 report's bytes (with or without BOM) as lines, each line validated as it is
    /// copied (the whole file is not made a `String` first); `nil` for anything else: a UTF-16
    /// BOM, a NUL byte, invalid UTF-8. `TextDecoder.decode` then decides (and says why). The
    /// lines are those `init(path:text:)` makes of the decoded text: a well-formed sequence
    /// never holds `\n` or `\r`, so the file is valid exactly when each line is.
    public init?(path: String, utf8Bytes bytes: [UInt8]) {
        var encoding = TextEncoding.utf8
        var skip = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8BOM
            skip = 3
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return nil
        }
        var lines: [String] = []
        let made = bytes.withUnsafeBufferPointer { whole -> [LineRange]? in
            let body = UnsafeBufferPointer(rebasing: whole[skip...])
            if let base = body.baseAddress, body.count > 0, memchr(base, 0, body.count) != nil { return nil }
            let ranges = SourceFile.lineRanges(body)
            lines.reserveCapacity(ranges.count)
            for range in ranges {
                // `String(decoding:)` validates as it copies (cheaper per line than
                // `String(validating:)`) and repairs what is invalid: a repaired line differs
                // from its bytes.
                let piece = UnsafeBufferPointer(rebasing: body[range.start..<range.end])
                let line = String(decoding: piece, as: UTF8.self)
                // Read in place (not through a mutable copy): the line is then handed to the array.
                let same = line.utf8.withContiguousStorageIfAvailable { copy in
                    copy.count == piece.count && (piece.isEmpty || memcmp(copy.baseAddress!, piece.baseAddress!, piece.count) == 0)
                } ?? line.utf8.elementsEqual(piece)
                guard same else { return nil }
                lines.append(consume line)
            }
            return ranges
        }
        guard let made else { return nil }
        self.path = path
        self.encoding = encoding
        self.paragraphIndexes = nil
        self.headingLevels = nil
        self.lines = []
        self.decomposedLines = [:]
        // The array is moved in, not shared: `normalizeLines` then replaces a decomposed line in
        // place, where a second reference to the array would make it copy the whole array first.
        swap(&self.lines, &lines)
        normalizeLines(made)
    }

    /// NFC for the lines that may be decomposed (a byte that can start a combining diacritic).
    private mutating func normalizeLines(_ ranges: [LineRange]) {
        for (index, range) in ranges.enumerated() where range.mayBeDecomposed {
            let line = lines[index]
            let (nfc, columns) = SourceFile.normalize(line)
            // Swift's == compares canonically equivalent strings as equal: compare the bytes.
            if !nfc.utf8.elementsEqual(line.utf8) {
                decomposedLines[index] = DecomposedLine(original: line, originalColumn: columns)
            }
            lines[index] = nfc
        }
    }

    struct LineRange {
        var start: Int
        var end: Int
        var mayBeDecomposed: Bool
    }

    /// One pass over the bytes: line ends (`\n`, `\r\n`, `\r`) and, per line, whether it
    /// has a byte that can start a combining diacritic (U+0300–U+036F have lead byte 0xCC
    /// or 0xCD); only such lines pay for NFC (Foundation's normalisation is slow on whole files).
    static func lineRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [LineRange] {
        var ranges: [LineRange] = []
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return ranges }
        ranges.reserveCapacity(count / 32 + 1)
        let raw = UnsafeRawPointer(base)
        var start = 0
        // Most files have neither `\r` nor a combining mark's lead byte (three `memchr` say so):
        // their lines end at each `\n`, found by `memchr`.
        if memchr(base, 0x0D, count) == nil, memchr(base, 0xCC, count) == nil, memchr(base, 0xCD, count) == nil {
            while true {
                let end = memchr(base + start, 0x0A, count - start).map { UnsafeRawPointer($0) - raw } ?? count
                ranges.append(LineRange(start: start, end: end, mayBeDecomposed: false))
                guard end < count else { break }
                start = end + 1
                if start == count { break }
            }
            return ranges
        }
        while true {
            var end = start
            var mayBeDecomposed = false
            scan: while end < count {
                // Eight bytes at a time while none of them is one of the four looked for.
                while end + 8 <= count, !SourceFile.mayHoldLineEndOrMark(raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)) {
                    end += 8
                }
                let stop = min(count, end + 8)
                while end < stop {
                    let byte = bytes[end]
                    if byte == 0x0A || byte == 0x0D { break scan }
                    if byte == 0xCC || byte == 0xCD { mayBeDecomposed = true }
                    end += 1
                }
            }
            ranges.append(LineRange(start: start, end: end, mayBeDecomposed: mayBeDecomposed))
            guard end < count else { break }
            var next = end + 1
            if bytes[end] == 0x0D, next < count, bytes[next] == 0x0A { next += 1 }
            start = next
            if start == count { break }
        }
        return ranges
    }

    /// Whether one of the eight bytes of `word` may be `\n`, `\r`, 0xCC or 0xCD (exact: a byte
    /// is zero after the XOR only where it equals the one looked for).
    @inline(__always)
    static func mayHoldLineEndOrMark(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        return hasZeroByte(word ^ (ones &* 0x0A)) || hasZeroByte(word ^ (ones &* 0x0D))
            || hasZeroByte((word | ones) ^ (ones &* 0xCD))
    }

    /// The paragraph index of a 1-based line of a .docx rendering.
    public func paragraphIndex(ofLine number: Int) -> Int? {
        guard let paragraphIndexes, number >= 1, number <= paragraphIndexes.count else { return nil }
        return paragraphIndexes[number - 1]
    }

    public func headingLevel(ofLine number: Int) -> Int? {
        guard let headingLevels, number >= 1, number <= headingLevels.count else { return nil }
        return headingLevels[number - 1]
    }

    /// The same file with only `kept` lines' text (the others empty): what renderers and the
    /// baseline need of a file once it is linted, so a run over thousands of files does not
    /// hold every file's text until the report is printed.
    public func excerpt(keeping kept: Set<Int>) -> SourceFile {
        var copy = self
        // One pass over the kept numbers (the lines of a few findings), not a hash lookup per line.
        var excerptLines = [String](repeating: "", count: lines.count)
        for number in kept where number >= 1 && number <= lines.count { excerptLines[number - 1] = lines[number - 1] }
        copy.lines = excerptLines
        copy.decomposedLines = decomposedLines.filter { kept.contains($0.key + 1) }
        return copy
    }

    /// The number of lines (a final line break does not start another line).
    public var lineCount: Int { lines.count }

    /// The line as rules see it; 1-based.
    public func line(_ number: Int) -> String {
        number >= 1 && number <= lines.count ? lines[number - 1] : ""
    }

    /// The line as saved in the file (differs from `line(_:)` only for decomposed text).
    public func originalLine(_ number: Int) -> String {
        decomposedLines[number - 1]?.original ?? line(number)
    }

    /// True when some line was saved in decomposed form (combining marks).
    public var hasDecomposedText: Bool { !decomposedLines.isEmpty }
    public var decomposedLineNumbers: [Int] { decomposedLines.keys.sorted().map { $0 + 1 } }

    /// Maps a location in the NFC text back to the file as saved.
    public func originalLocation(_ location: Location) -> Location {
        guard let map = decomposedLines[location.line - 1] else { return location }
        let index = location.column - 1
        if index < map.originalColumn.count {
            return Location(line: location.line, column: map.originalColumn[index])
        }
        let originalLength = map.original.unicodeScalars.count
        return Location(line: location.line, column: originalLength + 1 + (index - map.originalColumn.count))
    }

    public func originalRange(_ range: SourceRange) -> SourceRange {
        SourceRange(originalLocation(range.start), originalLocation(range.end))
    }

    /// The position just after the last character: where "missing X" findings point.
    public var end: Location {
        guard let last = lines.last else { return Location(line: 1, column: 1) }
        return Location(line: lines.count, column: last.unicodeScalars.count + 1)
    }

    public var isBlank: Bool {
        lines.allSatisfy { $0.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    /// NFC per character, so each NFC column can be mapped back: canonical composition never
    /// crosses a grapheme cluster boundary.
    static func normalize(_ line: String) -> (String, [Int]) {
        var result = ""
        var columns: [Int] = []
        var originalColumn = 1
        for character in line {
            let composed = String(character).precomposedStringWithCanonicalMapping
            result += composed
            for _ in composed.unicodeScalars { columns.append(originalColumn) }
            originalColumn += character.unicodeScalars.count
        }
        return (result, columns)
    }
}

extension String {
    /// The 1-based column of a UTF-8 offset: the number of scalars before it, plus one.
    public func column(ofUTF8Offset offset: Int) -> Int {
        var column = 1
        var index = 0
        for byte in utf8 {
            if index >= offset { break }
            if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    /// The UTF-8 offset of a 1-based scalar column.
    public func utf8Offset(ofColumn column: Int) -> Int {
        var remaining = column - 1
        var offset = 0
        for byte in utf8 {
            if byte & 0xC0 != 0x80 {
                if remaining == 0 { return offset }
                remaining -= 1
            }
            offset += 1
        }
        return offset
    }

    public var scalarCount: Int {
        if let n = utf8.withContiguousStorageIfAvailable(utf8ScalarCount) { return n }
        return unicodeScalars.count
    }
}

/// The scalars in valid UTF-8 (a native string's bytes): the bytes that are not continuation
/// bytes (10xxxxxx), sixteen at a time with a vector compare, then eight at a time: a
/// continuation byte has its top bit set and the next one clear. The marks are moved to bit 0 of
/// their bytes and summed into the top byte by a multiply (at most 8, no carry), which is
/// cheaper than a population count without POPCNT.
public func utf8ScalarCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    let count = b.count
    guard let base = b.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base)
    var continuation = 0
    var i = 0
    // Sixteen bytes at a time: as signed bytes, the continuation bytes (0x80–0xBF) are exactly
    // those below -64; the compare sets such a lane to -1 (all ones), which is subtracted from a
    // per-lane tally. The tallies are summed every 255 blocks at most, before a lane can wrap.
    while i + 16 <= count {
        var tally = SIMD16<UInt8>(repeating: 0)
        var blocks = 0
        while i + 16 <= count && blocks < 255 {
            let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self)
            let isContinuation = v .< SIMD16<Int8>(repeating: -64)
            tally &-= unsafeBitCast(isContinuation, to: SIMD16<UInt8>.self)
            i += 16
            blocks += 1
        }
        // Pairs of lanes as 16-bit lanes (each pair at most 510), then their sum (at most 4,080).
        let pairs = unsafeBitCast(tally, to: SIMD8<UInt16>.self)
        continuation += Int(((pairs & 0x00FF) &+ (pairs &>> 8)).wrappedSum())
    }
    while i + 8 <= count {
        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let marks = (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
        continuation += Int(truncatingIfNeeded: (marks &* 0x0101_0101_0101_0101) >> 56)
        i += 8
    }
    while i < count {
        if b[i] & 0xC0 == 0x80 { continuation += 1 }
        i += 1
    }
    return count - continuation
}
