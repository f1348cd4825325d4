import SourceText

/// A JSON value whose objects keep their keys in the order they were written, so the `json`
/// and `sarif` outputs are byte-for-byte stable (Foundation's encoders sort keys or do not
/// promise an order).
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Two-space indentation, one member per line, a final newline.
    public func serialized() -> String {
        var writer = JSONWriter()
        write(into: &writer, indent: 0)
        writer.out.append(UInt8(ascii: "\n"))
        return writer.out.string
    }

    /// The former `String`-built `serialized`, kept for the tests that compare the two.
    func serializedReference() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    /// `write(into:indent:)` into a byte buffer (the same layout).
    func write(into writer: inout JSONWriter, indent: Int) {
        switch self {
        case let .string(text): writer.string(text)
        case let .int(number): writer.int(number)
        case let .bool(flag): writer.out.append(flag ? "true" : "false")
        case .null: writer.out.append("null")
        case let .array(items):
            writer.array(count: items.count, indent: indent) { writer, index, at in
                items[index].write(into: &writer, indent: at)
            }
        case let .object(members):
            if members.isEmpty { writer.out.append("{}"); return }
            writer.out.append(UInt8(ascii: "{"))
            for index in members.indices {
                writer.next(first: index == 0, indent: indent + 2)
                writer.string(members[index].0)
                writer.out.append(": ")
                members[index].1.write(into: &writer, indent: indent + 2)
            }
            writer.close(UInt8(ascii: "}"), indent: indent)
        }
    }

    func write(into out: inout String, indent: Int) {
        switch self {
        case let .string(text): JSONValue.quote(text, into: &out)
        case let .int(number): out += String(number)
        case let .bool(flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONValue.quote(key, into: &out)
                out += ": "
                value.write(into: &out, indent: indent + 2)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// RFC 8259 string: quote, backslash and control characters escaped; everything else,
    /// Vietnamese included, stays UTF-8.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// The name and version a machine-readable report says it came from.
public struct ToolInfo: Sendable {
    public var name: String
    public var version: String
    public var informationURI: String?

    public init(name: String, version: String, informationURI: String? = nil) {
        self.name = name
        self.version = version
        self.informationURI = informationURI
    }
}

extension SourceRange {
    /// `{ "line": …, "column": … }` pairs, end exclusive.
    var json: JSONValue {
        .object([
            ("start", .object([("line", .int(start.line)), ("column", .int(start.column))])),
            ("end", .object([("line", .int(end.line)), ("column", .int(end.column))])),
        ])
    }
}
