import Arithmetic
import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// One rule of a rule set, compiled: its kind's value holds the checked fields.
public struct Rule: Sendable {
    /// `ruleset/rule`.
    public let id: String
    public let kindName: String
    public let kind: any RuleKind
    public var severity: Severity?
    public let message: Message?
    public let description: String?
    public let path: String
    public let location: Location

    /// nil when the rule is turned off.
    public var isEnabled: Bool { severity != nil }
}

/// A rule file: `ruleset`, `description`, `extends`, `rules`. Compiled once, then shared
/// read-only by every file and thread.
public struct RuleSet: Sendable {
    public let id: String
    public let description: String
    /// Rule set ids or paths (relative to this file), each with where it was written.
    public let extends: [(name: String, location: Location)]
    public let rules: [Rule]
    public let path: String
    /// When present, the set (and what it extends) runs only on reports it matches.
    public let appliesWhen: AppliesWhen?
    /// Words the arithmetic layer reads (units, hedges, connectives); merged across sets.
    public let vocabulary: Vocabulary?
}

/// `applies-when: { agency: <pattern>, number: <pattern>, title: <pattern> }`: the set applies
/// when any given pattern matches (issuing body lines, the `Số:` value, the title and trích yếu).
public struct AppliesWhen: Sendable {
    static let fields = ["agency", "number", "title"]
    let agency: Pattern?
    let number: Pattern?
    let title: Pattern?

    init(_ node: YAMLNode) throws(RuleSetError) {
        let fields = try RuleFields.nested(node, owner: "applies-when", allowed: AppliesWhen.fields)
        agency = try fields.optionalPattern("agency", caseInsensitive: true)
        number = try fields.optionalPattern("number")
        title = try fields.optionalPattern("title", caseInsensitive: true)
        if agency == nil && number == nil && title == nil {
            throw RuleSetError("applies-when needs at least one of agency, number, title", at: node.location)
        }
    }

    public func matches(_ report: Report) -> Bool {
        func any(_ pattern: Pattern?, _ texts: [String]) -> Bool {
            guard let pattern else { return false }
            return texts.contains { (try? pattern.matches($0)) ?? false }
        }
        let titleTexts = report.title.map { [$0.documentType.text] + $0.summary.map(\.text) } ?? []
        return any(agency, report.header.agency.map(\.text))
            || any(number, report.header.number.map { [$0.value] } ?? [])
            || any(title, titleTexts)
    }
}

/// Reads rule files. Every mistake in every rule is collected, so an author fixes them in one go.
public enum RuleSetLoader {
    static let commonFields = ["id", "kind", "severity", "message", "description"]

    /// The rule set in the rule file `text` read from `path`: parses it, then `load(node:path:)`.
    public static func load(text: String, path: String) -> (RuleSet?, [RuleSetError]) {
        let root: YAMLNode
        do {
            guard let parsed = try YAMLParser.parse(text) else {
                return (nil, [RuleSetError("empty rule file", at: Location(line: 1, column: 1), path: path)])
            }
            root = parsed
        } catch {
            return (nil, [RuleSetError(error.message, at: error.location, path: path)])
        }
        return load(node: root, path: path)
    }

    /// The rule set in `root`, the parsed document of the rule file at `path` (the built-in sets
    /// come here straight from their embedded `YAMLSnapshot`).
    public static func load(node root: YAMLNode, path: String) -> (RuleSet?, [RuleSetError]) {
        var errors: [RuleSetError] = []
        func record(_ error: RuleSetError) {
            var error = error
            error.path = path
            errors.append(error)
        }
        do throws(RuleSetError) {
            let top = try RuleFields(root, owner: "rule set",
                                     allowed: ["ruleset", "description", "extends", "applies-when", "vocabulary", "rules"])
            let vocabulary = try top.value("vocabulary").map { node throws(RuleSetError) in try VocabularyFields.parse(node) }
            let appliesWhen = try top.value("applies-when").map { node throws(RuleSetError) in try AppliesWhen(node) }
            let id = try top.string("ruleset")
            if !isSlug(id) {
                throw RuleSetError("rule set id '\(id)' must be lower-case words joined by '-'", at: top.value("ruleset")!.location)
            }
            let description = try top.optionalString("description") ?? ""
            let extends = try top.optionalList("extends") { node throws(RuleSetError) in
                (name: try RuleFields.string(node, "extends"), location: node.location)
            }
            var rules: [Rule] = []
            var seen: [String: Location] = [:]
            for node in top.value("rules")?.sequence ?? [] {
                do throws(RuleSetError) {
                    let rule = try loadRule(node, ruleSet: id, path: path)
                    if let first = seen[rule.id] {
                        throw RuleSetError("duplicate rule id '\(rule.id)' (first defined at line \(first.line))",
                                           at: node["id"]?.location ?? node.location)
                    }
                    seen[rule.id] = rule.location
                    rules.append(rule)
                } catch {
                    record(error)
                }
            }
            if let rulesNode = top.value("rules"), rulesNode.sequence == nil, !rulesNode.isNull {
                throw RuleSetError("'rules' must be a list", at: rulesNode.location)
            }
            if errors.isEmpty {
                return (RuleSet(id: id, description: description, extends: extends, rules: rules, path: path,
                                appliesWhen: appliesWhen, vocabulary: vocabulary), [])
            }
        } catch {
            record(error)
        }
        return (nil, errors)
    }

    static func loadRule(_ node: YAMLNode, ruleSet: String, path: String) throws(RuleSetError) -> Rule {
        guard node.mapping != nil else {
            throw RuleSetError("a rule must be a mapping, not \(node.kindDescription)", at: node.location)
        }
        guard let idNode = node["id"], let id = idNode.scalar else {
            throw RuleSetError("rule needs an 'id'", at: node.location)
        }
        guard isSlug(id) else {
            throw RuleSetError("rule id '\(id)' must be lower-case words joined by '-'", at: idNode.location)
        }
        guard let kindNode = node["kind"], let kindName = kindNode.scalar else {
            throw RuleSetError("rule '\(id)' needs a 'kind'", at: node.location)
        }
        guard let kindType = allKinds.first(where: { $0.name == kindName }) else {
            var message = "unknown rule kind '\(kindName)' in rule '\(id)'"
            if let suggestion = closest(to: kindName, in: allKinds.map { $0.name }) {
                message += " (did you mean '\(suggestion)'?)"
            } else {
                message += "; known kinds: " + allKinds.map { $0.name }.joined(separator: ", ")
            }
            throw RuleSetError(message, at: kindNode.location)
        }
        var severity: Severity? = .error
        if let severityNode = node["severity"] {
            switch severityNode.scalar {
            case "off": severity = nil
            case let word? where Severity(rawValue: word) != nil: severity = Severity(rawValue: word)
            default:
                throw RuleSetError("severity must be error, warning, info or off", at: severityNode.location)
            }
        }
        let message = try node["message"].map { value throws(RuleSetError) in try RuleFields.message(value) }
        let description = try node["description"].map { value throws(RuleSetError) in try RuleFields.string(value, "description") }
        // The kind sees only its own fields; the common ones are handled here.
        let kindPairs = node.mapping!.filter { !commonFields.contains($0.name) }
        let kindNodeValue = YAMLNode(.mapping(kindPairs), range: node.range)
        let fields = try RuleFields(kindNodeValue, owner: "rule '\(id)'", allowed: kindType.fields.map(\.name))
        let kind = try kindType.init(fields)
        return Rule(id: "\(ruleSet)/\(id)", kindName: kindName, kind: kind, severity: severity, message: message,
                    description: description, path: path, location: node.location)
    }

    /// One rule of kind `kind` built from the fields of a kind example (tests and `explain`).
    public static func exampleRule(kind: String, fields: String) -> (Rule?, [RuleSetError]) {
        let text = "ruleset: example\nrules:\n  - id: example\n    kind: \(kind)\n"
        do {
            guard let parsed = try YAMLParser.parse(fields), let pairs = parsed.mapping,
                  let base = try YAMLParser.parse(text), let rule = base["rules"]?.sequence?.first,
                  let common = rule.mapping else {
                return (nil, [RuleSetError("example fields must be a mapping", at: Location(line: 1, column: 1))])
            }
            let node = YAMLNode(.mapping(common + pairs), range: parsed.range)
            return (try loadRule(node, ruleSet: "example", path: "<example>"), [])
        } catch let error as YAMLError {
            return (nil, [RuleSetError(error.message, at: error.location)])
        } catch let error as RuleSetError {
            return (nil, [error])
        } catch {
            return (nil, [RuleSetError("\(error)", at: Location(line: 1, column: 1))])
        }
    }

    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
