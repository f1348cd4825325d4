import SourceText

/// Writes the layout `JSONValue.write` produces (two-space indentation, one member or item per
/// line, `[]` and `{}` when empty) straight into a byte buffer, without building the tree:
/// the caller says where each object or array opens and closes and whether a member is its
/// first. The tests compare it with the tree it replaces.
struct JSONWriter {
    var out = ByteBuffer()

    /// `,` before every member or item but the first, then a new line indented by `indent`.
    @inline(__always)
    mutating func next(first: Bool, indent: Int) {
        if !first { out.append(UInt8(ascii: ",")) }
        newline(indent: indent)
    }

    mutating func newline(indent: Int) {
        if indent < JSONWriter.newlineAndSpaces.count {
            JSONWriter.newlineAndSpaces.withUnsafeBufferPointer {
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[...indent]))
            }
            return
        }
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { out.append(UInt8(ascii: " ")) }
    }

    /// A line break and the spaces of the deepest indentation the documents use, copied in one go.
    private static let newlineAndSpaces: [UInt8] = [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 32)

    /// A member's key: `"key": ` on its own line (keys here never need escaping).
    @inline(__always)
    mutating func key(_ key: StaticString, first: Bool, indent: Int) {
        next(first: first, indent: indent)
        out.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { out.bytes.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
    }

    /// An array of `count` items opened at `indent`: `[]` when empty, otherwise each item on its
    /// own line at `indent + 2`, written by `item(&writer, index, indent + 2)`.
    @inline(__always)
    mutating func array(count: Int, indent: Int, _ item: (inout JSONWriter, Int, Int) -> Void) {
        if count == 0 { out.append("[]"); return }
        out.append(UInt8(ascii: "["))
        for index in 0..<count {
            next(first: index == 0, indent: indent + 2)
            item(&self, index, indent + 2)
        }
        close(UInt8(ascii: "]"), indent: indent)
    }

    /// Closes a non-empty object or array opened at `indent`.
    @inline(__always)
    mutating func close(_ bracket: UInt8, indent: Int) {
        newline(indent: indent)
        out.append(bracket)
    }

    mutating func string(_ text: String) { JSONWriter.quote(text, into: &out) }

    mutating func int(_ value: Int) { out.append(decimal: value) }

    /// `{ "start": { "line", "column" }, "end": { … } }` (see `SourceRange.json`) at `indent`.
    mutating func range(_ range: SourceRange, indent: Int) {
        out.append(UInt8(ascii: "{"))
        key("start", first: true, indent: indent + 2)
        location(range.start, indent: indent + 2)
        key("end", first: false, indent: indent + 2)
        location(range.end, indent: indent + 2)
        close(UInt8(ascii: "}"), indent: indent)
    }

    mutating func range(_ range: SourceRange?, indent: Int) {
        if let range { self.range(range, indent: indent) } else { out.append("null") }
    }

    mutating func location(_ location: Location, indent: Int) {
        out.append(UInt8(ascii: "{"))
        key("line", first: true, indent: indent + 2)
        int(location.line)
        key("column", first: false, indent: indent + 2)
        int(location.column)
        close(UInt8(ascii: "}"), indent: indent)
    }

    /// `JSONValue.quote` on the UTF-8 bytes: `"` and `\` escaped, `\n` `\r` `\t` by name, other
    /// control characters (and DEL) as `\u00xx`; every other byte, Vietnamese included, as is.
    static func quote(_ text: String, into out: inout ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ escape($0, into: &out) }) {
            out.append(UInt8(ascii: "\""))
            return done
        }
        Array(text.utf8).withUnsafeBufferPointer { escape($0, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer) {
        var start = 0
        var index = 0
        while index != bytes.count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0x7F {
                index += 1
                continue
            }
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
            default:
                out.append("u00")
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 15))
            }
            index += 1
            start = index
        }
        out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? value + 48 : value + 87 }
}
