import Diagnostics
import Foundation
import Rules
import SourceText
import YAMLTree

/// A project's `.reportlint.yml`: which rule sets run, how severe each rule is, which files are
/// left alone, and the message language. Read with the project's YAML layer, so every mistake
/// is reported at its line and column, and a broken config lints nothing (exit 2).
///
/// ```yaml
/// extends: [tttt-monthly, rules/local.yaml]   # built-in rule set ids or rule files (relative)
/// rules: { monthly/archive-copy: warning }     # full rule id: error | warning | info | off
/// overrides:
///   - files: ["luu-tru/**"]
///     rules: { monthly/required-sections: off }
/// ignore: ["nhap/**", "*.tmp.md"]
/// lang: vi
/// ```
public struct ProjectConfig: Sendable {
    public static let fileName = ".reportlint.yml"
    static let keys = ["extends", "rules", "overrides", "ignore", "lang"]

    public struct Reference: Sendable {
        public let name: String
        public let location: Location
    }

    /// `rule id: severity` (nil severity: off), each with where it was written.
    public struct RuleSetting: Sendable {
        public let id: String
        public let severity: Severity?
        public let location: Location
    }

    public struct Override: Sendable {
        public let files: [Glob]
        public let rules: [RuleSetting]
    }

    /// The config file as given (for messages).
    public let path: String
    /// Absolute directory of the config: relative globs and rule file paths start here.
    public let directory: String
    /// nil when the config has no `extends`: the default selection applies.
    public let extends: [Reference]?
    public let rules: [RuleSetting]
    public let overrides: [Override]
    public let ignore: [Glob]
    public let language: Language?

    public init(path: String, directory: String, extends: [Reference]? = nil, rules: [RuleSetting] = [],
                overrides: [Override] = [], ignore: [Glob] = [], language: Language? = nil) {
        self.path = path
        self.directory = directory
        self.extends = extends
        self.rules = rules
        self.overrides = overrides
        self.ignore = ignore
        self.language = language
    }

    /// Reads and checks the config's own shape. Rule ids and rule set names are checked later,
    /// against the rule sets the config loads (`LintProfile.load`).
    public static func load(path: String) -> Result<ProjectConfig, ConfigErrors> {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                return .failure(ConfigErrors([RuleSetError("config file is not valid UTF-8", at: Location(line: 1, column: 1), path: path)]))
            }
            text = decoded
        } catch {
            return .failure(ConfigErrors([RuleSetError("cannot read config file", at: Location(line: 1, column: 1), path: path)]))
        }
        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return parse(text, path: path, directory: directory)
    }

    public static func parse(_ text: String, path: String, directory: String) -> Result<ProjectConfig, ConfigErrors> {
        let root: YAMLNode
        do {
            // A config of nothing but comments is a valid, empty config.
            guard let parsed = try YAMLParser.parse(text), !parsed.isNull else {
                return .success(ProjectConfig(path: path, directory: directory))
            }
            root = parsed
        } catch {
            return .failure(ConfigErrors([RuleSetError(error.message, at: error.location, path: path)]))
        }
        var errors: [RuleSetError] = []
        func record(_ error: RuleSetError) {
            var error = error
            error.path = path
            errors.append(error)
        }
        var extends: [Reference]?
        var rules: [RuleSetting] = []
        var overrides: [Override] = []
        var ignore: [Glob] = []
        var language: Language?
        do throws(RuleSetError) {
            guard let pairs = root.mapping else {
                throw RuleSetError("the config must be a mapping of \(keys.joined(separator: ", ")), not \(root.kindDescription)",
                                   at: root.location)
            }
            // Every unknown key is reported, not just the first, so one edit fixes them all.
            for pair in pairs where !keys.contains(pair.name) {
                var message = "unknown key '\(pair.name)' in \(URL(fileURLWithPath: path).lastPathComponent)"
                if let suggestion = RuleCatalog.suggestion(for: pair.name, among: keys) {
                    message += " (did you mean '\(suggestion)'?)"
                } else {
                    message += "; known keys: " + keys.joined(separator: ", ")
                }
                record(RuleSetError(message, at: pair.key.location))
            }
            let top = try RuleFields.nested(YAMLNode(.mapping(pairs.filter { keys.contains($0.name) }), range: root.range),
                                            owner: "the config", allowed: keys)
            if let node = top.value("extends") {
                do throws(RuleSetError) {
                    extends = try strings(node, "extends").map { Reference(name: $0.0, location: $0.1) }
                } catch { record(error) }
            }
            if let node = top.value("rules") {
                do throws(RuleSetError) { rules = try settings(node) } catch { record(error) }
            }
            if let node = top.value("overrides"), !node.isNull {
                guard let items = node.sequence else {
                    throw RuleSetError("'overrides' must be a list of { files, rules }", at: node.location)
                }
                for item in items {
                    do throws(RuleSetError) {
                        let fields = try RuleFields.nested(item, owner: "override", allowed: ["files", "rules"])
                        guard let filesNode = fields.value("files") else {
                            throw RuleSetError("override needs 'files'", at: item.location)
                        }
                        let globs = try strings(filesNode, "files").map { Glob($0.0) }
                        let overrideRules = try fields.value("rules").map { node throws(RuleSetError) in try settings(node) } ?? []
                        overrides.append(Override(files: globs, rules: overrideRules))
                    } catch { record(error) }
                }
            }
            if let node = top.value("ignore") {
                do throws(RuleSetError) { ignore = try strings(node, "ignore").map { Glob($0.0) } } catch { record(error) }
            }
            if let node = top.value("lang") {
                guard let word = node.scalar, let value = Language(rawValue: word) else {
                    throw RuleSetError("lang must be vi or en", at: node.location)
                }
                language = value
            }
        } catch {
            record(error)
        }
        guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
        return .success(ProjectConfig(path: path, directory: directory, extends: extends, rules: rules,
                                      overrides: overrides, ignore: ignore, language: language))
    }

    /// A list of text values (a single value is a list of one).
    static func strings(_ node: YAMLNode, _ name: String) throws(RuleSetError) -> [(String, Location)] {
        if node.isNull { return [] }
        var result: [(String, Location)] = []
        for item in node.sequence ?? [node] {
            guard let text = item.scalar, !text.isEmpty else {
                throw RuleSetError("'\(name)' must be a list of text values, not \(item.kindDescription)", at: item.location)
            }
            result.append((text, item.location))
        }
        return result
    }

    static func settings(_ node: YAMLNode) throws(RuleSetError) -> [RuleSetting] {
        if node.isNull { return [] }
        guard let pairs = node.mapping else {
            throw RuleSetError("'rules' must be a mapping of rule id to error, warning, info or off", at: node.location)
        }
        return try pairs.map { pair throws(RuleSetError) in
            let word = pair.value.scalar
            let severity: Severity?
            switch word {
            case "off": severity = nil
            case let word? where Severity(rawValue: word) != nil: severity = Severity(rawValue: word)
            default:
                throw RuleSetError("severity of '\(pair.name)' must be error, warning, info or off", at: pair.value.location)
            }
            return RuleSetting(id: pair.name, severity: severity, location: pair.key.location)
        }
    }

    /// The config's directory-relative form of an absolute path, or nil when outside it.
    func relative(_ absolutePath: String) -> String? {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        guard absolutePath.hasPrefix(base) else { return nil }
        return String(absolutePath.dropFirst(base.count))
    }

    public func isIgnored(_ absolutePath: String) -> Bool {
        guard let relative = relative(absolutePath) else { return false }
        return ignore.contains { $0.matches(relative) }
    }

    /// Every severity setting that applies to the file, later ones winning.
    func settings(for absolutePath: String?) -> [RuleSetting] {
        var result = rules
        if let absolutePath, let relative = relative(absolutePath) {
            for override in overrides where override.files.contains(where: { $0.matches(relative) }) {
                result += override.rules
            }
        }
        return result
    }

    /// The commented starter written by `reportlint init`; it parses to the default behaviour.
    public static let starter = """
        # reportlint project configuration. reportlint uses the nearest .reportlint.yml above each
        # file it lints; `reportlint config FILE` prints the rules that apply to FILE.

        # Rule sets to run: built-in ids (see `reportlint rules`) or rule files relative to this
        # file. Without `extends`, every built-in set whose applies-when matches a report runs.
        # extends: [monthly, tttt-monthly, rules/local.yaml]

        # Severity per rule (full id): error | warning | info | off.
        rules:
          # monthly/archive-copy: warning

        # Different settings for some files (globs relative to this file; ** spans folders).
        overrides:
          # - files: ["luu-tru/**"]
          #   rules: { monthly/required-sections: off }

        # Files never linted (a pattern without / matches a file name at any depth).
        ignore:
          # - "nhap/**"

        # Language of the messages: vi or en.
        lang: vi

        """
}

/// Every mistake found in a config and the rule files it loads.
public struct ConfigErrors: Error, Sendable {
    public let errors: [RuleSetError]
    public init(_ errors: [RuleSetError]) { self.errors = errors }
}
