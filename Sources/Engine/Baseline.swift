import Diagnostics
import Foundation
import SourceText

/// Known findings to leave alone while adopting reportlint on an archive of old reports.
/// A finding is identified by its file (relative to the baseline file's folder), its rule id
/// and its normalised text (the message and the text it flags), never by line number, so edits
/// elsewhere in a report keep its findings matched. Identical findings are counted.
public struct Baseline: Sendable {
    public static let formatVersion = 1
    /// Findings about the input itself (unreadable, empty) are not recorded.
    static let unrecorded: Set<String> = ["input", "baseline"]

    public struct Entry: Hashable, Sendable, Comparable {
        public let path: String
        public let rule: String
        public let text: String

        public static func < (a: Entry, b: Entry) -> Bool {
            (a.path, a.rule, a.text) < (b.path, b.rule, b.text)
        }
    }

    public let counts: [Entry: Int]
    /// Messages are part of the key, so a baseline only matches runs in its language.
    public let language: Language
    /// The baseline file's folder, absolute: entry paths are relative to it.
    public let directory: String

    public init(counts: [Entry: Int], language: Language, directory: String) {
        self.counts = counts
        self.language = language
        self.directory = directory
    }

    /// Today's findings of `results`.
    public static func record(_ results: [FileResult], language: Language, directory: String) -> Baseline {
        var counts: [Entry: Int] = [:]
        for result in results {
            for d in result.diagnostics where !unrecorded.contains(d.ruleID) {
                counts[entry(d, in: result, directory: directory), default: 0] += 1
            }
        }
        return Baseline(counts: counts, language: language, directory: directory)
    }

    static func key(_ result: FileResult, directory: String) -> String {
        guard let absolute = result.absolutePath else { return result.path }
        return Paths.relative(absolute, to: directory)
    }

    static func entry(_ d: Diagnostic, in result: FileResult, directory: String) -> Entry {
        let flagged = FindingText.flagged(d.range, in: result.source)
        let text = FindingText.normalized(d.message) + (flagged.isEmpty ? "" : " | " + flagged)
        return Entry(path: key(result, directory: directory), rule: d.ruleID, text: text)
    }

    public func serialized() -> String {
        JSONValue.object([
            ("version", .int(Baseline.formatVersion)),
            ("tool", .string("reportlint")),
            ("lang", .string(language.rawValue)),
            ("findings", .array(counts.keys.sorted().map { entry in
                .object([
                    ("path", .string(entry.path)), ("rule", .string(entry.rule)), ("text", .string(entry.text)),
                    ("count", .int(counts[entry]!)),
                ])
            })),
        ]).serialized()
    }

    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let message: String
        public var description: String { "\(path): error: \(message) [baseline]" }
    }

    public static func load(path: String) -> Result<Baseline, LoadError> {
        func fail(_ message: String) -> Result<Baseline, LoadError> { .failure(LoadError(path: path, message: message)) }
        guard let data = FileManager.default.contents(atPath: path) else { return fail("cannot read baseline file") }
        guard let object = try? JSONSerialization.jsonObject(with: data), let top = object as? [String: Any] else {
            return fail("not a reportlint baseline (invalid JSON); write one with --write-baseline")
        }
        guard let version = top["version"] as? Int, version == formatVersion else {
            return fail("unsupported baseline version (this reportlint reads version \(formatVersion))")
        }
        guard let word = top["lang"] as? String, let language = Language(rawValue: word),
              let findings = top["findings"] as? [[String: Any]] else {
            return fail("not a reportlint baseline (needs lang and findings)")
        }
        var counts: [Entry: Int] = [:]
        for finding in findings {
            guard let file = finding["path"] as? String, let rule = finding["rule"] as? String,
                  let text = finding["text"] as? String else {
                return fail("a finding needs path, rule and text")
            }
            counts[Entry(path: file, rule: rule, text: text), default: 0] += (finding["count"] as? Int) ?? 1
        }
        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return .success(Baseline(counts: counts, language: language, directory: directory))
    }

    /// Hides the findings the baseline knows. Entries for a linted file that no longer occur
    /// come back as `note` diagnostics (rule id `baseline`, about the whole file) so they can
    /// be pruned; they never change the exit status.
    public func apply(to results: [FileResult], baselinePath: String) -> (results: [FileResult], stale: [Diagnostic]) {
        var remaining = counts
        var filtered: [FileResult] = []
        var linted: [String: String] = [:]   // baseline key -> display path
        for result in results {
            if !result.unreadable && result.source != nil {
                linted[Baseline.key(result, directory: directory)] = result.path
            }
            let kept = result.diagnostics.filter { d in
                guard !Baseline.unrecorded.contains(d.ruleID) else { return true }
                let entry = Baseline.entry(d, in: result, directory: directory)
                guard let count = remaining[entry], count > 0 else { return true }
                remaining[entry] = count - 1
                return false
            }
            filtered.append(result.replacing(diagnostics: kept))
        }
        var stale: [Diagnostic] = []
        for entry in remaining.keys.sorted() {
            guard let count = remaining[entry], count > 0, let path = linted[entry.path] else { continue }
            let times = count > 1 ? " (\(count)×)" : ""
            let message = Message(
                vi: "mục trong baseline \(baselinePath) không còn xuất hiện\(times): [\(entry.rule)] \(entry.text); xoá mục này hoặc ghi lại baseline",
                en: "baseline entry in \(baselinePath) no longer occurs\(times): [\(entry.rule)] \(entry.text); remove it or write the baseline again")
            stale.append(Diagnostic(path: path, range: nil, severity: .info, message: message.text(language),
                                    ruleID: "baseline"))
        }
        return (filtered, stale)
    }
}
