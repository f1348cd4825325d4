import Diagnostics
import Foundation
import ReportModel
import Rules
import SourceText

/// What one file is linted with: the rule catalog (built-in sets, `--rules` files and the rule
/// files its config extends), which sets run, the config's severity settings, the language.
public struct LintProfile: Sendable {
    public let config: ProjectConfig?
    public let catalog: RuleCatalog
    /// nil: the default selection (every set whose `applies-when` matches the report).
    public let selection: [String]?
    public let language: Language

    /// The rules that run on `report` with the severities the config gives them; off rules
    /// are kept (with a nil severity) so `reportlint config` can show them.
    public func rules(for report: Report, absolutePath: String?) -> [Rule] {
        let selected = selection.map { catalog.rules(inSets: $0) } ?? catalog.rules(for: report)
        guard let config else { return selected }
        var severity: [String: Severity?] = [:]
        for setting in config.settings(for: absolutePath) { severity[setting.id] = setting.severity }
        return selected.map { rule in
            guard let setting = severity[rule.id] else { return rule }
            var adjusted = rule
            adjusted.severity = setting
            return adjusted
        }
    }

    public func linter(for absolutePath: String?) -> Linter {
        Linter(language: language, vocabulary: catalog.vocabulary) { report in rules(for: report, absolutePath: absolutePath) }
    }

    public func isIgnored(_ absolutePath: String?) -> Bool {
        guard let config, let absolutePath else { return false }
        return config.isIgnored(absolutePath)
    }

    /// Loads the rule sets `config` asks for and checks its rule ids and set names against
    /// them. Every mistake is returned; any mistake means no profile.
    public static func load(config: ProjectConfig?, ruleFiles: [String], language: Language?,
                            displayPath: (String) -> String = Paths.display) -> Result<LintProfile, ConfigErrors> {
        var errors: [RuleSetError] = []
        var extendedFiles: [(reference: ProjectConfig.Reference, path: String)] = []
        if let config {
            for reference in config.extends ?? [] where isPath(reference.name) {
                let absolute = reference.name.hasPrefix("/")
                    ? reference.name : (config.directory as NSString).appendingPathComponent(reference.name)
                guard FileManager.default.fileExists(atPath: absolute) else {
                    errors.append(RuleSetError("rule file '\(reference.name)' not found (relative to the config's folder)",
                                               at: reference.location, path: config.path))
                    continue
                }
                extendedFiles.append((reference, displayPath(URL(fileURLWithPath: absolute).standardizedFileURL.path)))
            }
        }
        guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
        let (loaded, problems) = RuleCatalog.load(files: ruleFiles + extendedFiles.map(\.path))
        guard let catalog = loaded else { return .failure(ConfigErrors(problems)) }

        func setID(loadedFrom path: String) -> String? {
            let wanted = URL(fileURLWithPath: path).standardizedFileURL.path
            return catalog.ruleSets.first { URL(fileURLWithPath: $0.path).standardizedFileURL.path == wanted }?.id
        }
        var selection: [String]?
        if let config, let extends = config.extends {
            var ids: [String] = []
            for reference in extends {
                if isPath(reference.name) {
                    if let file = extendedFiles.first(where: { $0.reference.location == reference.location }),
                       let id = setID(loadedFrom: file.path) {
                        ids.append(id)
                    }
                } else if catalog.ruleSet(reference.name) != nil {
                    ids.append(reference.name)
                } else {
                    var message = "unknown rule set '\(reference.name)' in extends"
                    if let suggestion = RuleCatalog.suggestion(for: reference.name, among: catalog.ruleSets.map(\.id)) {
                        message += " (did you mean '\(suggestion)'?)"
                    }
                    errors.append(RuleSetError(message, at: reference.location, path: config.path))
                }
            }
            // Rule files named on the command line run too.
            ids += ruleFiles.compactMap { setID(loadedFrom: $0) }
            selection = ids
        }
        if let config {
            let known = catalog.rules.map(\.id)
            let knownSet = Set(known)
            for setting in config.rules + config.overrides.flatMap(\.rules) where !knownSet.contains(setting.id) {
                var message = "unknown rule '\(setting.id)'"
                if let suggestion = RuleCatalog.suggestion(for: setting.id, among: known) {
                    message += " (did you mean '\(suggestion)'?)"
                } else {
                    message += "; rule ids are ruleset/rule, see 'reportlint rules'"
                }
                errors.append(RuleSetError(message, at: setting.location, path: config.path))
            }
        }
        guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
        return .success(LintProfile(config: config, catalog: catalog, selection: selection,
                                    language: language ?? config?.language ?? .vi))
    }

    static func isPath(_ reference: String) -> Bool { RuleCatalog.isPath(reference) }
}

/// Finds the `.reportlint.yml` for each file (nearest one above it wins) and loads each config
/// once. `--config FILE` puts one config in charge of every file; `--no-config` ignores them.
public final class ProfileResolver: @unchecked Sendable {
    public enum Mode: Sendable {
        case discover
        case file(String)
        case none
    }

    let mode: Mode
    let ruleFiles: [String]
    let language: Language?
    private var configForDirectory: [String: String?] = [:]
    private var profiles: [String: LintProfile] = [:]
    private var defaultProfile: LintProfile?
    /// Every mistake met so far, in every config and rule file, each reported once.
    public private(set) var errors: [RuleSetError] = []
    /// The message languages of the profiles handed out, in order of first use.
    public private(set) var languagesUsed: [Language] = []
    private var failed: Set<String> = []

    public init(mode: Mode, ruleFiles: [String], language: Language?) {
        self.mode = mode
        self.ruleFiles = ruleFiles
        self.language = language
    }

    /// The config file that governs a file in `directory` (absolute), if any.
    public func configPath(forDirectory directory: String) -> String? {
        switch mode {
        case .none: return nil
        case let .file(path): return path
        case .discover: break
        }
        if let known = configForDirectory[directory] { return known }
        let candidate = (directory as NSString).appendingPathComponent(ProjectConfig.fileName)
        var isDirectory: ObjCBool = false
        let found: String?
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
            found = candidate
        } else {
            let parent = (directory as NSString).deletingLastPathComponent
            found = parent == directory || parent.isEmpty ? nil : configPath(forDirectory: parent)
        }
        configForDirectory[directory] = found
        return found
    }

    /// The profile for a file at `absolutePath` (nil: standard input, which uses the working
    /// directory's config). nil when its config or a rule file is broken (see `errors`).
    public func profile(for absolutePath: String?) -> LintProfile? {
        let directory = absolutePath.map { ($0 as NSString).deletingLastPathComponent }
            ?? FileManager.default.currentDirectoryPath
        guard let configPath = configPath(forDirectory: directory) else {
            if let defaultProfile { return defaultProfile }
            if failed.contains("") { return nil }
            switch LintProfile.load(config: nil, ruleFiles: ruleFiles, language: language) {
            case let .success(profile):
                defaultProfile = profile
                use(profile)
                return profile
            case let .failure(problems):
                failed.insert("")
                record(problems.errors)
                return nil
            }
        }
        if let profile = profiles[configPath] { return profile }
        if failed.contains(configPath) { return nil }
        let loaded = ProjectConfig.load(path: Paths.display(configPath)).flatMap { config in
            LintProfile.load(config: config, ruleFiles: ruleFiles, language: language)
        }
        switch loaded {
        case let .success(profile):
            profiles[configPath] = profile
            use(profile)
            return profile
        case let .failure(problems):
            failed.insert(configPath)
            record(problems.errors)
            return nil
        }
    }

    private func use(_ profile: LintProfile) {
        if !languagesUsed.contains(profile.language) { languagesUsed.append(profile.language) }
    }

    private func record(_ problems: [RuleSetError]) {
        for problem in problems where !errors.contains(problem) { errors.append(problem) }
    }
}

/// Paths as the output shows them.
public enum Paths {
    /// Absolute form of `path` (relative to the working directory), standardised.
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `absolutePath` relative to the working directory when it is inside it, else unchanged.
    public static func display(_ absolutePath: String) -> String {
        let absolute = Paths.absolute(absolutePath)
        let cwd = Paths.absolute(FileManager.default.currentDirectoryPath)
        let base = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : absolute
    }

    /// `path` (absolute) relative to `directory` (absolute), with `..` where needed.
    public static func relative(_ path: String, to directory: String) -> String {
        let target = absolute(path).split(separator: "/")
        let base = absolute(directory).split(separator: "/")
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        return (up + target[common...].map(String.init)).joined(separator: "/")
    }
}
