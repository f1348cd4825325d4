import SourceText

/// A compact text form of a `YAMLNode` tree that decodes without libyaml: the built-in rule
/// sets are embedded with one (Sources/Rules/BuiltinRuleSets.swift, written by the `embed-rules`
/// target), so start-up does not parse their YAML. Everything a node carries survives a round
/// trip: scalar text byte for byte, the plain flag, both ends of every range and the size that
/// counts alias expansions.
///
/// One node per line (lines separated by "\n"), every node followed by its children:
///
///     <tag><start line><start column><end line><end column><size><n>[:<text>]
///
/// - `p` / `q`: a plain / quoted scalar whose UTF-8 text is the n bytes after the `:`, as is.
/// - `P` / `Q`: the same with the text written as 2n lower-case hex digits, used when the text
///   holds a control character other than tab and line feed, `"#` or `\#`. A snapshot therefore
///   never contains `"#` or `\#`, and sits unchanged in a `####"""` raw string literal.
/// - `[`: a sequence of n nodes; `{`: a mapping of n pairs, each a key node then a value node.
///
/// Numbers are decimal with every digit but the last written as a letter `a`…`j` (0…9), after a
/// `-` when negative: 7 is `7`, 12 is `b2`, 305 is `da5`. They need no separators, and read in a
/// comparison or two per digit (start-up reads some 5,600 of them). The document
/// `a: [x, "é"]` / `b: {}` (two lines) is
///
///     {113172
///     p111211:a
///     [141b232
///     p151611:x
///     q181b112:é
///     p212211:b
///     {242610
///
/// a mapping from 1:1 to 3:1 of size 7 with 2 pairs; its first key, the plain scalar `a` from
/// 1:1 to 1:2, of size 1 and 1 byte; and so on.
public enum YAMLSnapshot {
    /// The snapshot of `node`. Recursive: the depth of the tree is the depth of the recursion
    /// (parsed trees are at most a few hundred levels deep, see `YAMLParser.maximumDepth`).
    public static func encode(_ node: YAMLNode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        write(node, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The tree `snapshot` holds; nil when it is malformed in any way (a wrong tag, number or
    /// length, text left over, a node missing), whatever its content.
    public static func decode(_ snapshot: String) -> YAMLNode? {
        var snapshot = snapshot
        return snapshot.withUTF8 { bytes in
            var reader = SnapshotReader(bytes: bytes)
            return reader.tree()
        }
    }

    static let plain = UInt8(ascii: "p"), quoted = UInt8(ascii: "q")
    static let plainHex = UInt8(ascii: "P"), quotedHex = UInt8(ascii: "Q")
    static let sequence = UInt8(ascii: "["), mapping = UInt8(ascii: "{")

    private static func write(_ node: YAMLNode, to out: inout [UInt8]) {
        func header(_ tag: UInt8, _ count: Int) {
            out.append(tag)
            for number in [node.range.start.line, node.range.start.column, node.range.end.line,
                           node.range.end.column, node.size, count] {
                if number < 0 { out.append(UInt8(ascii: "-")) }
                let digits = Array(String(number.magnitude).utf8)
                for digit in digits.dropLast() { out.append(digit - UInt8(ascii: "0") + UInt8(ascii: "a")) }
                out.append(digits[digits.count - 1])
            }
        }
        switch node.value {
        case let .scalar(text, plain):
            let bytes = Array(text.utf8)
            if needsHex(bytes) {
                header(plain ? plainHex : quotedHex, bytes.count)
                out.append(UInt8(ascii: ":"))
                let digits = Array("0123456789abcdef".utf8)
                for byte in bytes {
                    out.append(digits[Int(byte >> 4)])
                    out.append(digits[Int(byte & 0xF)])
                }
            } else {
                header(plain ? YAMLSnapshot.plain : quoted, bytes.count)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: bytes)
            }
        case let .sequence(items):
            header(sequence, items.count)
            for item in items {
                out.append(UInt8(ascii: "\n"))
                write(item, to: &out)
            }
        case let .mapping(pairs):
            header(mapping, pairs.count)
            for pair in pairs {
                out.append(UInt8(ascii: "\n"))
                write(pair.key, to: &out)
                out.append(UInt8(ascii: "\n"))
                write(pair.value, to: &out)
            }
        }
    }

    /// Text that a raw string literal would not keep as is: control characters (a carriage
    /// return would become a line feed), and `"#` or `\#`, which could end the literal or start
    /// an escape.
    private static func needsHex(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\t") || byte == 0x7F { return true }
            if byte == UInt8(ascii: "#") && (previous == UInt8(ascii: "\"") || previous == UInt8(ascii: "\\")) { return true }
            previous = byte
        }
        return false
    }
}

/// Reads a snapshot from its UTF-8 bytes without recursion, so no input can exhaust the stack;
/// every number and length is checked against what is left of the input before it is used.
private struct SnapshotReader {
    /// A sequence or mapping whose children are being read.
    struct Frame {
        let isMapping: Bool
        let range: SourceRange
        let size: Int
        var remaining: Int
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var key: YAMLNode?
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func tree() -> YAMLNode? {
        var stack: [Frame] = []
        stack.reserveCapacity(16)
        while true {
            if position > 0 {
                guard next(UInt8(ascii: "\n")) else { return nil }
            }
            guard position < bytes.count else { return nil }
            let tag = bytes[position]
            position += 1
            guard let startLine = number(), let startColumn = number(), let endLine = number(), let endColumn = number(),
                  let size = number(), let count = number(), count >= 0, count <= bytes.count - position else { return nil }
            let range = SourceRange(Location(line: startLine, column: startColumn), Location(line: endLine, column: endColumn))
            let node: YAMLNode
            switch tag {
            case YAMLSnapshot.plain, YAMLSnapshot.quoted:
                guard next(UInt8(ascii: ":")), count <= bytes.count - position else { return nil }
                let end = position + count
                // The text ends where a line does: a wrong length cannot cut a character in two.
                guard end == bytes.count || bytes[end] == UInt8(ascii: "\n") else { return nil }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
                position = end
                node = YAMLNode(.scalar(text, plain: tag == YAMLSnapshot.plain), range: range, size: size)
            case YAMLSnapshot.plainHex, YAMLSnapshot.quotedHex:
                guard next(UInt8(ascii: ":")), count <= (bytes.count - position) / 2 else { return nil }
                var decoded: [UInt8] = []
                decoded.reserveCapacity(count)
                for _ in 0..<count {
                    guard let high = hexDigit(bytes[position]), let low = hexDigit(bytes[position + 1]) else { return nil }
                    decoded.append(high << 4 | low)
                    position += 2
                }
                guard let text = String(validating: decoded, as: UTF8.self) else { return nil }
                node = YAMLNode(.scalar(text, plain: tag == YAMLSnapshot.plainHex), range: range, size: size)
            case YAMLSnapshot.sequence, YAMLSnapshot.mapping:
                let isMapping = tag == YAMLSnapshot.mapping
                if count == 0 {
                    node = YAMLNode(isMapping ? .mapping([]) : .sequence([]), range: range, size: size)
                    break
                }
                // Reserved in place: a copy of the frame would make the first append copy the array.
                stack.append(Frame(isMapping: isMapping, range: range, size: size, remaining: count))
                if isMapping {
                    stack[stack.count - 1].pairs.reserveCapacity(count)
                } else {
                    stack[stack.count - 1].items.reserveCapacity(count)
                }
                continue
            default:
                return nil
            }
            // Hand the node to its parent, closing every container it completes.
            var finished: YAMLNode? = consume node
            while let top = stack.indices.last {
                let child = finished.take()!
                if stack[top].isMapping {
                    guard let key = stack[top].key.take() else {
                        stack[top].key = consume child
                        break
                    }
                    stack[top].pairs.append(YAMLPair(key: key, value: child))
                } else {
                    stack[top].items.append(child)
                }
                stack[top].remaining -= 1
                if stack[top].remaining > 0 { break }
                let frame = stack.removeLast()
                finished = YAMLNode(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items),
                                    range: frame.range, size: frame.size)
            }
            if let root = finished {
                return position == bytes.count ? root : nil
            }
        }
    }

    @inline(__always)
    mutating func next(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// A number as `YAMLSnapshot` writes them; nil without a last digit or past the range of Int.
    @inline(__always)
    mutating func number() -> Int? {
        var index = position
        guard index < bytes.count else { return nil }
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        // An Int has at most 19 digits, and 19 digits cannot overflow a UInt.
        let limit = min(bytes.count, index + 19)
        var magnitude: UInt = 0
        while index < limit {
            let byte = bytes[index]
            index += 1
            let digit = byte &- UInt8(ascii: "a")
            if digit < 10 {
                magnitude = magnitude &* 10 &+ UInt(digit)
                continue
            }
            let last = byte &- UInt8(ascii: "0")
            guard last < 10 else { return nil }
            magnitude = magnitude &* 10 &+ UInt(last)
            position = index
            if negative {
                return magnitude <= UInt(Int.max) + 1 ? Int(bitPattern: 0 &- magnitude) : nil
            }
            return magnitude <= UInt(Int.max) ? Int(magnitude) : nil
        }
        return nil
    }

    func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
