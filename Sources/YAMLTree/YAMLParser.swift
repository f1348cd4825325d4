import CYAML
import SourceText

/// Builds `YAMLNode` trees from libyaml's event stream. Rule files are small and written by
/// people, so the parser is strict: duplicate keys, keys that are not scalars, several
/// documents in one file and aliases that expand past a fixed size are errors, each at the
/// position libyaml reports.
public enum YAMLParser {
    /// Alias expansion beyond this many nodes is refused ("billion laughs").
    public static let maximumExpandedNodes = 100_000
    /// Nesting beyond this depth is refused, so later recursive walks stay shallow.
    public static let maximumDepth = 200

    /// Parses one YAML document; nil when the text holds no document at all.
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        let result: Result<YAMLNode?, YAMLError> = bytes.withUnsafeMutableBufferPointer { buffer in
            var builder = TreeBuilder()
            do throws(YAMLError) {
                return .success(try builder.run(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

private struct TreeBuilder {
    struct Frame {
        let isMapping: Bool
        let start: Location
        let anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var keys: [String: Location] = [:]
        var pendingKey: YAMLNode?
        var size = 1
    }

    var stack: [Frame] = []
    var anchors: [String: YAMLNode] = [:]
    var expanded = 0
    var root: YAMLNode?
    var documents = 0

    mutating func run(_ buffer: UnsafeMutableBufferPointer<UInt8>) throws(YAMLError) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError("cannot initialise the YAML parser", at: Location(line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw TreeBuilder.parserError(parser)
            }
            defer { yaml_event_delete(&event) }
            let start = TreeBuilder.location(event.start_mark)
            let end = TreeBuilder.location(event.end_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLError("a rule file holds one YAML document; found a second one", at: start)
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = scalar.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
                } ?? ""
                let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
                let node = YAMLNode(.scalar(text, plain: plain), range: SourceRange(start, end))
                try remember(node, anchor: TreeBuilder.string(scalar.anchor))
                try add(node)
            case YAML_ALIAS_EVENT:
                let name = TreeBuilder.string(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    throw YAMLError("unknown alias '*\(name)'", at: start)
                }
                expanded += target.size
                if expanded > YAMLParser.maximumExpandedNodes {
                    throw YAMLError(
                        "aliases expand past \(YAMLParser.maximumExpandedNodes) nodes; refusing to expand '*\(name)'",
                        at: start)
                }
                try add(YAMLNode(target.value, range: SourceRange(start, end), size: target.size))
            case YAML_SEQUENCE_START_EVENT:
                try push(Frame(isMapping: false, start: start, anchor: TreeBuilder.string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                try push(Frame(isMapping: true, start: start, anchor: TreeBuilder.string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { continue }
                let value: YAMLNode.Value = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
                let node = YAMLNode(value, range: SourceRange(frame.start, end), size: frame.size)
                let anchor = frame.anchor
                try remember(node, anchor: anchor)
                try add(node)
            default:
                continue
            }
        }
    }

    mutating func push(_ frame: Frame) throws(YAMLError) {
        if stack.count >= YAMLParser.maximumDepth {
            throw YAMLError("nesting deeper than \(YAMLParser.maximumDepth) levels", at: frame.start)
        }
        stack.append(frame)
    }

    mutating func remember(_ node: YAMLNode, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = node }
    }

    mutating func add(_ node: YAMLNode) throws(YAMLError) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += node.size
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
            return
        }
        guard let name = node.scalar else {
            throw YAMLError("mapping keys must be plain text, not \(node.kindDescription)", at: node.location)
        }
        if let first = stack[top].keys[name] {
            throw YAMLError("duplicate key '\(name)' (first defined at line \(first.line))", at: node.location)
        }
        stack[top].keys[name] = node.location
        stack[top].pendingKey = node
    }

    static func location(_ mark: yaml_mark_t) -> Location {
        Location(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func parserError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) (\(context) that starts at line \(Int(parser.context_mark.line) + 1))"
        }
        return YAMLError("YAML syntax error: \(message)", at: location(parser.problem_mark))
    }
}
