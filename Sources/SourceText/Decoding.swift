#if canImport(Glibc)
import Glibc
#endif
/// Turns the bytes of a text report into Unicode text, or says precisely why it cannot:
/// a reviewer's folder holds files saved by many programs, in UTF-8 with or without BOM,
/// UTF-16 from Windows tools, and the odd binary file with a `.txt` name.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
}

public enum DecodingError: Error, Sendable, Equatable {
    /// The first invalid byte, with its position in the text decoded so far.
    case invalidUTF8(byte: UInt8, line: Int, column: Int)
    case invalidUTF16(line: Int, column: Int)
    /// NUL bytes outside UTF-16: a binary file (image, archive, Word .doc renamed).
    case binary(offset: Int)

    public var message: String {
        switch self {
        case let .invalidUTF8(byte, _, _):
            return "not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); save the file as UTF-8"
        case .invalidUTF16:
            return "not valid UTF-16 (unpaired surrogate); save the file as UTF-8"
        case let .binary(offset):
            return "binary file (NUL byte at offset \(offset)), not a text report"
        }
    }

    public var location: Location? {
        switch self {
        case let .invalidUTF8(_, line, column), let .invalidUTF16(line, column):
            return Location(line: line, column: column)
        case .binary:
            return nil
        }
    }
}

public enum TextDecoder {
    /// Decodes report bytes. A BOM decides the encoding; without one, UTF-16 is recognised by
    /// the NUL bytes that ASCII letters and spaces leave in every other byte.
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> (String, TextEncoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (try decodeUTF8(bytes[3...]), .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try decodeUTF16(bytes[2...], bigEndian: false), .utf16LE)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try decodeUTF16(bytes[2...], bigEndian: true), .utf16BE)
        }
        guard let firstNUL = firstNUL(bytes[...]) else {
            return (try decodeUTF8(bytes[...], mayHaveNUL: false), .utf8)
        }
        if let bigEndian = looksLikeBOMlessUTF16(bytes) {
            return (try decodeUTF16(bytes[...], bigEndian: bigEndian), bigEndian ? .utf16BE : .utf16LE)
        }
        throw .binary(offset: firstNUL)
    }

    /// UTF-16 text without a BOM: even length, and NULs almost only at one parity (the high byte
    /// of ASCII characters). Vietnamese letters outside ASCII have non-zero high bytes, so the
    /// threshold is low, but a binary file rarely has NULs at one parity only.
    static func looksLikeBOMlessUTF16(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for i in stride(from: 0, to: bytes.count, by: 2) {
            if bytes[i] == 0 { evenZeros += 1 }
            if bytes[i + 1] == 0 { oddZeros += 1 }
        }
        let units = bytes.count / 2
        if oddZeros * 4 >= units && evenZeros == 0 { return false }
        if evenZeros * 4 >= units && oddZeros == 0 { return true }
        return nil
    }

    /// The index of the first NUL byte (memchr).
    static func firstNUL(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }

    static func decodeUTF8(_ bytes: ArraySlice<UInt8>, mayHaveNUL: Bool = true) throws(DecodingError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) {
            if mayHaveNUL, let nul = firstNUL(bytes) { throw .binary(offset: nul) }
            return text
        }
        let invalid = firstInvalidUTF8(bytes) ?? bytes.startIndex
        let prefix = String(decoding: bytes[bytes.startIndex..<invalid], as: UTF8.self)
        let (line, column) = endPosition(of: prefix)
        throw .invalidUTF8(byte: bytes[invalid], line: line, column: column)
    }

    /// Index of the first byte that does not start a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; scalar = UInt32(lead & 0x07)
            default: return i
            }
            guard i + length <= bytes.endIndex else { return i }
            for k in 1..<length {
                let next = bytes[i + k]
                guard next & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            let shortest: UInt32 = length == 3 ? 0x800 : length == 4 ? 0x10000 : 0x80
            if scalar < shortest || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) throws(DecodingError) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        var text = ""
        text.unicodeScalars.reserveCapacity(units.count)
        var decoder = UTF16()
        var iterator = units.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                if scalar.value == 0 { throw .binary(offset: bytes.startIndex) }
                text.unicodeScalars.append(scalar)
            case .emptyInput:
                if bytes.count % 2 == 1 {
                    let (line, column) = endPosition(of: text)
                    throw .invalidUTF16(line: line, column: column)
                }
                return text
            case .error:
                let (line, column) = endPosition(of: text)
                throw .invalidUTF16(line: line, column: column)
            }
        }
    }

    /// Line and column just after `text`, with the same line-break rules as `SourceFile`.
    static func endPosition(of text: String) -> (Int, Int) {
        var line = 1, column = 1
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                if !previousCR { line += 1 }
                column = 1
            case "\r":
                line += 1
                column = 1
            default:
                column += 1
            }
            previousCR = scalar == "\r"
        }
        return (line, column)
    }
}
