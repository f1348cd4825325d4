import SourceText

/// `path:line:col: severity: message [rule-id]`, one line per finding and one per note:
/// the format editors, `errorformat` and CI log parsers read.
public enum GCCRenderer {
    /// Writes every line into one byte buffer (no `String` interpolation, no intermediate
    /// strings per finding); `renderReference` is the former, `String`-built form the tests
    /// compare it with.
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        if diagnostics.isEmpty { return "" }
        var out = ByteBuffer()
        out.bytes.reserveCapacity(diagnostics.count * 160)
        for index in diagnostics.indices {
            write(diagnostics[index], into: &out)
        }
        return out.string
    }

    static func write(_ d: Diagnostic, into out: inout ByteBuffer) {
        position(d.path, d.range, into: &out)
        out.append(": ")
        out.append(d.severity.label)
        out.append(": ")
        out.append(d.message)
        out.append(" [")
        out.append(d.ruleID)
        out.append("]\n")
        for note in d.notes {
            position(d.path, note.range, into: &out)
            out.append(": note: ")
            out.append(note.message)
            out.append(UInt8(ascii: "\n"))
        }
    }

    static func position(_ path: String, _ range: SourceRange?, into out: inout ByteBuffer) {
        out.append(path)
        guard let range else { return }
        out.append(UInt8(ascii: ":"))
        out.append(decimal: range.start.line)
        out.append(UInt8(ascii: ":"))
        out.append(decimal: range.start.column)
    }

    /// The former implementation of `render`, kept for the tests that compare the two.
    static func renderReference(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += line(diagnostic) + "\n"
            for note in diagnostic.notes {
                out += noteLine(note, path: diagnostic.path) + "\n"
            }
        }
        return out
    }

    public static func line(_ d: Diagnostic) -> String {
        "\(position(d.path, d.range)): \(d.severity.label): \(d.message) [\(d.ruleID)]"
    }

    public static func noteLine(_ note: Note, path: String) -> String {
        "\(position(path, note.range)): note: \(note.message)"
    }

    static func position(_ path: String, _ range: SourceRange?) -> String {
        guard let range else { return path }
        return "\(path):\(range.start.line):\(range.start.column)"
    }
}

/// UTF-8 output built in one growing byte array, turned into a `String` once at the end.
struct ByteBuffer {
    var bytes: [UInt8] = []

    @inline(__always)
    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    @inline(__always)
    mutating func append(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) {
            return done
        }
        bytes.append(contentsOf: text.utf8)
    }

    /// `String(value)`: optional minus sign, decimal digits.
    mutating func append(decimal value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
