import SourceText

/// A YAML node as rule files use it: a scalar, a sequence or a mapping, with the range it
/// came from so that every mistake in a rule file is reported at its line and column.
public struct YAMLNode: Sendable {
    public enum Value: Sendable {
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public let value: Value
    public let range: SourceRange
    /// Nodes in this subtree, counting alias expansions (the alias-bomb limit counts these).
    let size: Int

    public init(_ value: Value, range: SourceRange, size: Int = 1) {
        self.value = value
        self.range = range
        self.size = size
    }

    public var location: Location { range.start }

    public var scalar: String? {
        if case let .scalar(text, _) = value { return text }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case let .sequence(items) = value { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case let .mapping(pairs) = value { return pairs }
        return nil
    }

    /// A plain `~`, `null` or empty scalar.
    public var isNull: Bool {
        if case let .scalar(text, plain) = value { return plain && ["", "~", "null", "Null", "NULL"].contains(text) }
        return false
    }

    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar == key }?.value
    }

    public var kindDescription: String {
        switch value {
        case .scalar: return "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

public struct YAMLPair: Sendable {
    public let key: YAMLNode
    public let value: YAMLNode
    public var name: String { key.scalar ?? "" }
}

public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let location: Location
    public init(_ message: String, at location: Location) {
        self.message = message
        self.location = location
    }
    public var description: String { "\(location): \(message)" }
}
