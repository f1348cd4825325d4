import Arithmetic
import Foundation
import ReportModel
import SourceText
import YAMLTree

/// The rule sets a run uses: the built-in ones compiled into the binary, plus rule files from
/// disk, with `extends` resolved. Any error anywhere means no catalog: a broken rule set
/// lints nothing and never falls back to defaults.
public struct RuleCatalog: Sendable {
    public let ruleSets: [RuleSet]
    /// Every rule of every set, once each, in set order.
    public let rules: [Rule]
    /// The vocabulary of every loaded set, merged (the arithmetic facts are read with it).
    public let vocabulary: Vocabulary
    /// `rules(inSets:)` by selection: a run asks the same few selections for every report.
    private let selections = SelectionCache()

    public static func builtin() -> (RuleCatalog?, [RuleSetError]) {
        load(files: [])
    }

    /// The vocabulary of the built-in sets, for linting with a hand-picked list of rules.
    public static let builtinVocabulary: Vocabulary = builtin().0?.vocabulary ?? Vocabulary(units: [:])

    /// The built-in sets, compiled once per process, however many catalogs (one per
    /// `.reportlint.yml` with its own rule files) a run loads. Each is loaded from the snapshot of
    /// its parsed YAML (`embed-rules` writes both), which decodes in a fraction of the
    /// instructions libyaml takes; the text is parsed only if a snapshot does not decode, which
    /// a test rules out. (Compiling them on a second core while argument-parser parses the
    /// command line was tried: no faster on 2 cores, and more CPU in all.)
    static let builtinSets: [(path: String, set: RuleSet?, problems: [RuleSetError])] =
        BuiltinRuleSets.snapshots.indices.map { index in
            let (path, snapshot) = BuiltinRuleSets.snapshots[index]
            let (set, problems) = YAMLSnapshot.decode(snapshot).map { RuleSetLoader.load(node: $0, path: path) }
                ?? RuleSetLoader.load(text: BuiltinRuleSets.files[index].text, path: path)
            return (path, set, problems)
        }

    /// Built-in sets plus the rule files at `files` (and whatever they extend).
    public static func load(files: [String]) -> (RuleCatalog?, [RuleSetError]) {
        var errors: [RuleSetError] = []
        var sets: [RuleSet] = []
        var byID: [String: Int] = [:]
        var loadedPaths: Set<String> = []

        func add(_ set: RuleSet, at location: Location, path: String) {
            if let existing = byID[set.id] {
                errors.append(RuleSetError("rule set '\(set.id)' is already defined in \(sets[existing].path)",
                                           at: location, path: path))
                return
            }
            byID[set.id] = sets.count
            sets.append(set)
        }

        for (path, set, problems) in builtinSets {
            errors += problems
            if let set { add(set, at: Location(line: 1, column: 1), path: path) }
        }

        var queue = files.map { (path: $0, from: Optional<(String, Location)>.none) }
        while !queue.isEmpty {
            let (path, from) = queue.removeFirst()
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            if loadedPaths.contains(absolute) { continue }
            loadedPaths.insert(absolute)
            let text: String
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                guard let decoded = String(data: data, encoding: .utf8) else {
                    errors.append(RuleSetError("rule file is not valid UTF-8", at: Location(line: 1, column: 1), path: path))
                    continue
                }
                text = decoded
            } catch {
                let message = "cannot read rule file '\(path)'"
                if let (fromPath, location) = from {
                    errors.append(RuleSetError(message, at: location, path: fromPath))
                } else {
                    errors.append(RuleSetError(message, at: Location(line: 1, column: 1), path: path))
                }
                continue
            }
            let (set, problems) = RuleSetLoader.load(text: text, path: path)
            errors += problems
            guard let set else { continue }
            add(set, at: Location(line: 1, column: 1), path: path)
            for reference in set.extends where isPath(reference.name) {
                let base = URL(fileURLWithPath: path).deletingLastPathComponent()
                let target = reference.name.hasPrefix("/") ? reference.name : base.appendingPathComponent(reference.name).path
                queue.append((target, (path, reference.location)))
            }
        }

        // Every extends entry must name a set that exists.
        for set in sets {
            for reference in set.extends where !isPath(reference.name) && byID[reference.name] == nil {
                var message = "unknown rule set '\(reference.name)' in extends"
                if let suggestion = closest(to: reference.name, in: Array(byID.keys)) { message += " (did you mean '\(suggestion)'?)" }
                errors.append(RuleSetError(message, at: reference.location, path: set.path))
            }
        }
        guard errors.isEmpty else { return (nil, errors) }
        var seen: Set<String> = []
        var rules: [Rule] = []
        for set in sets {
            for rule in set.rules where !seen.contains(rule.id) {
                seen.insert(rule.id)
                rules.append(rule)
            }
        }
        let vocabulary = sets.compactMap(\.vocabulary).reduce(Vocabulary(units: [:])) { $0.extended(with: $1) }
        return (RuleCatalog(ruleSets: sets, rules: rules, vocabulary: vocabulary), [])
    }

    /// An `extends` entry names a rule file (relative to the file that names it), not a set id.
    public static func isPath(_ reference: String) -> Bool {
        reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") || reference.utf8.contains(UInt8(ascii: "/"))
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    public func ruleSet(_ id: String) -> RuleSet? { ruleSets.first { $0.id == id } }

    /// The rules that run on `report`: every set whose `applies-when` matches (or that has
    /// none), with the sets it extends, each rule once, in catalog order.
    public func rules(for report: Report) -> [Rule] {
        rules(inSets: ruleSets.filter { $0.appliesWhen?.matches(report) ?? true }.map(\.id))
    }

    /// The rules of the sets named in `selection` and of the sets they extend, each rule once,
    /// in catalog order. A project config's `extends` selects this way: a set it names runs
    /// whatever its `applies-when` says.
    public func rules(inSets selection: [String]) -> [Rule] {
        if let known = selections.rules(for: selection) { return known }
        let result = computeRules(inSets: selection)
        selections.store(result, for: selection)
        return result
    }

    /// `rules(inSets:)` without the cache (the tests compare the two).
    func computeRules(inSets selection: [String]) -> [Rule] {
        var chosen: Set<String> = []
        func include(_ set: RuleSet) {
            guard !chosen.contains(set.id) else { return }
            chosen.insert(set.id)
            for reference in set.extends {
                if let extended = ruleSets.first(where: { $0.id == reference.name || $0.path.hasSuffix(reference.name) }) {
                    include(extended)
                }
            }
        }
        for id in selection { if let set = ruleSet(id) { include(set) } }
        var seen: Set<String> = []
        var result: [Rule] = []
        for set in ruleSets where chosen.contains(set.id) {
            for rule in set.rules where !seen.contains(rule.id) {
                seen.insert(rule.id)
                result.append(rule)
            }
        }
        return result
    }
}

/// The rule lists a catalog has already worked out, by selection; shared by every thread
/// linting with the catalog (the catalog is immutable, so an entry never goes stale).
final class SelectionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var lists: [[String]: [Rule]] = [:]

    func rules(for selection: [String]) -> [Rule]? {
        lock.lock()
        defer { lock.unlock() }
        return lists[selection]
    }

    func store(_ rules: [Rule], for selection: [String]) {
        lock.lock()
        defer { lock.unlock() }
        // A run has a handful of selections; a bound keeps a pathological one from growing it.
        if lists.count < 256 { lists[selection] = rules }
    }
}

extension RuleCatalog {
    /// The set loaded from the rule file at `path` (as it was passed to `load(files:)`).
    public func ruleSet(loadedFrom path: String) -> RuleSet? { ruleSets.first { $0.path == path } }

    /// A "did you mean" candidate for a misspelled rule or rule set id.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        closest(to: word, in: candidates)
    }
}
