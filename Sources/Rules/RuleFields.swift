import Diagnostics
import SourceText
import YAMLTree

/// The kind-specific fields of one rule (or of a nested mapping inside it), with typed
/// accessors that fail with the position of the offending node.
public struct RuleFields: Sendable {
    public let node: YAMLNode
    let owner: String

    /// Rejects fields the kind does not document before any accessor runs, so a misspelled
    /// field is reported as such and not as a missing required one.
    init(_ node: YAMLNode, owner: String, allowed: [String]) throws(RuleSetError) {
        guard let pairs = node.mapping else {
            throw RuleSetError("\(owner) must be a mapping, not \(node.kindDescription)", at: node.location)
        }
        for pair in pairs where !allowed.contains(pair.name) {
            throw .unknownField(pair.name, in: owner, known: allowed, at: pair.key.location)
        }
        self.node = node
        self.owner = owner
    }

    public func has(_ name: String) -> Bool { node[name] != nil }

    public func value(_ name: String) -> YAMLNode? { node[name] }

    public func required(_ name: String) throws(RuleSetError) -> YAMLNode {
        guard let value = node[name] else {
            throw RuleSetError("\(owner) needs the field '\(name)'", at: node.location)
        }
        return value
    }

    public func string(_ name: String) throws(RuleSetError) -> String {
        try RuleFields.string(try required(name), name)
    }

    public func optionalString(_ name: String) throws(RuleSetError) -> String? {
        guard let value = node[name], !value.isNull else { return nil }
        return try RuleFields.string(value, name)
    }

    static func string(_ value: YAMLNode, _ name: String) throws(RuleSetError) -> String {
        guard let text = value.scalar else {
            throw RuleSetError("'\(name)' must be text, not \(value.kindDescription)", at: value.location)
        }
        return text
    }

    public func int(_ name: String, default fallback: Int) throws(RuleSetError) -> Int {
        guard let value = node[name] else { return fallback }
        guard let text = value.scalar, let number = Int(text) else {
            throw RuleSetError("'\(name)' must be a whole number", at: value.location)
        }
        return number
    }

    public func bool(_ name: String, default fallback: Bool) throws(RuleSetError) -> Bool {
        guard let value = node[name] else { return fallback }
        switch value.scalar {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw RuleSetError("'\(name)' must be true or false", at: value.location)
        }
    }

    /// A PCRE2 pattern, NFC-normalised, compiled with UTF and UCP.
    public func pattern(_ name: String, caseInsensitive: Bool = false) throws(RuleSetError) -> Pattern {
        try RuleFields.pattern(try required(name), name, caseInsensitive: caseInsensitive)
    }

    public func optionalPattern(_ name: String, caseInsensitive: Bool = false) throws(RuleSetError) -> Pattern? {
        guard let value = node[name], !value.isNull else { return nil }
        return try RuleFields.pattern(value, name, caseInsensitive: caseInsensitive)
    }

    public static func pattern(_ value: YAMLNode, _ name: String, caseInsensitive: Bool = false) throws(RuleSetError) -> Pattern {
        let text = try string(value, name)
        do {
            return try Pattern(text, caseInsensitive: caseInsensitive)
        } catch {
            throw RuleSetError("invalid regular expression in '\(name)': \(error.message) at offset \(error.offset)",
                               at: value.location)
        }
    }

    /// A list field; a single value is accepted as a list of one.
    public func list<T>(_ name: String, _ transform: (YAMLNode) throws(RuleSetError) -> T) throws(RuleSetError) -> [T] {
        try RuleFields.list(try required(name), transform)
    }

    public func optionalList<T>(_ name: String, _ transform: (YAMLNode) throws(RuleSetError) -> T) throws(RuleSetError) -> [T] {
        guard let value = node[name], !value.isNull else { return [] }
        return try RuleFields.list(value, transform)
    }

    static func list<T>(_ value: YAMLNode, _ transform: (YAMLNode) throws(RuleSetError) -> T) throws(RuleSetError) -> [T] {
        var result: [T] = []
        for item in value.sequence ?? [value] { result.append(try transform(item)) }
        return result
    }

    /// A nested mapping with its own documented fields.
    public static func nested(_ value: YAMLNode, owner: String, allowed: [String]) throws(RuleSetError) -> RuleFields {
        try RuleFields(value, owner: owner, allowed: allowed)
    }

    /// `message: "…"` or `message: { vi: "…", en: "…" }`.
    public static func message(_ value: YAMLNode) throws(RuleSetError) -> Message {
        if let text = value.scalar { return Message(text) }
        let fields = try RuleFields(value, owner: "message", allowed: ["vi", "en"])
        let vi = try fields.optionalString("vi")
        let en = try fields.optionalString("en")
        guard vi != nil || en != nil else { throw RuleSetError("message needs 'vi' or 'en'", at: value.location) }
        return Message(vi: vi ?? en!, en: en ?? vi!)
    }

    public func optionalMessage(_ name: String) throws(RuleSetError) -> Message? {
        guard let value = node[name] else { return nil }
        return try RuleFields.message(value)
    }
}
