import Foundation
import ReportModel
import SourceText
@testable import Rules
import Testing
import YAMLTree

/// Mistakes in rule files: one located diagnostic each, and nothing loads.
struct RuleFileTests {
    func errors(_ yaml: String) -> [String] {
        let (set, errors) = RuleSetLoader.load(text: yaml, path: "rules/x.yaml")
        #expect(set == nil || errors.isEmpty)
        return errors.map(\.description)
    }

    @Test func misspelledField() {
        let yaml = """
            ruleset: x
            rules:
              - id: nhan-bo
                kind: recipients
                requrie:
                  - any: ["Bộ TT&TT"]
            """
        #expect(errors(yaml) == [
            "rules/x.yaml:5:5: error: unknown field 'requrie' in rule 'nhan-bo' (did you mean 'require'?) [config]",
        ])
    }

    @Test func misspelledNestedField() {
        let yaml = """
            ruleset: x
            rules:
              - id: sections
                kind: required-sections
                sections:
                  - { name: "kết quả", mach: "kết quả" }
            """
        #expect(errors(yaml) == [
            "rules/x.yaml:6:28: error: unknown field 'mach' in section (did you mean 'match'?) [config]",
        ])
    }

    @Test func unknownKind() {
        let yaml = """
            ruleset: x
            rules:
              - id: a
                kind: recipient
                require: [x]
            """
        #expect(errors(yaml) == [
            "rules/x.yaml:4:11: error: unknown rule kind 'recipient' in rule 'a' (did you mean 'recipients'?) [config]",
        ])
    }

    @Test func badRegex() {
        let yaml = """
            ruleset: x
            rules:
              - id: a
                kind: pattern
                forbid: "(dự thảo"
            """
        #expect(errors(yaml) == [
            "rules/x.yaml:5:13: error: invalid regular expression in 'forbid': missing closing parenthesis at offset 8 [config]",
        ])
    }

    @Test func yamlSyntaxError() {
        let yaml = "ruleset: x\nrules:\n  - id: a\n    kind: pattern\n   forbid: x\n"
        #expect(errors(yaml) == [
            "rules/x.yaml:5:4: error: YAML syntax error: did not find expected '-' indicator (while parsing a block collection that starts at line 3) [config]",
        ])
    }

    @Test func everyBrokenRuleIsReported() {
        let yaml = """
            ruleset: x
            rules:
              - id: a
                kind: pattern
                forbid: "("
              - id: b
                kind: nothing
              - id: c
                kind: pattern
                forbid: "ok"
                severity: fatal
            """
        #expect(errors(yaml).count == 3)
    }

    @Test func severityOffAndMessages() throws {
        let yaml = """
            ruleset: x
            rules:
              - id: a
                kind: pattern
                forbid: "xxx"
                severity: off
              - id: b
                kind: pattern
                forbid: "yyy"
                severity: warning
                message: { vi: "có {match}", en: "found {match}" }
            """
        let (set, errors) = RuleSetLoader.load(text: yaml, path: "x.yaml")
        #expect(errors.isEmpty)
        let rules = try #require(set).rules
        #expect(rules.map(\.id) == ["x/a", "x/b"])
        #expect(rules[0].severity == nil)
        #expect(rules[1].severity == .warning)
        #expect(rules[1].message?.en == "found {match}")
    }

    @Test func builtinRuleSetsLoadAndAreEmbeddedFromRulesDirectory() throws {
        let (catalog, errors) = RuleCatalog.builtin()
        #expect(errors.isEmpty, "\(errors)")
        #expect(try #require(catalog).rules.count >= 3)
        // The embedded copies must match rules/*.yaml (run scripts/embed-rules.sh after editing).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("rules").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(BuiltinRuleSets.files.map(\.path) == files.map { "rules/" + $0 })
        for (path, text) in BuiltinRuleSets.files {
            let disk = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            #expect(disk.hasSuffix("\n") ? String(disk.dropLast()) == text : disk == text,
                    "\(path) is stale: run scripts/embed-rules.sh")
        }
    }

    /// Start-up loads the built-in sets from snapshots of their parsed YAML: each must be the
    /// snapshot of its embedded text, decode, and give the set the text gives.
    @Test func builtinSnapshotsMatchTheirText() throws {
        #expect(BuiltinRuleSets.snapshots.map(\.path) == BuiltinRuleSets.files.map(\.path))
        for ((path, text), (_, snapshot)) in zip(BuiltinRuleSets.files, BuiltinRuleSets.snapshots) {
            let parsed = try #require(try YAMLParser.parse(text))
            #expect(snapshot == YAMLSnapshot.encode(parsed), "the snapshot of \(path) is stale: run scripts/embed-rules.sh")
            let node = try #require(YAMLSnapshot.decode(snapshot), "the snapshot of \(path) does not decode")
            let (fromSnapshot, snapshotErrors) = RuleSetLoader.load(node: node, path: path)
            let (fromText, textErrors) = RuleSetLoader.load(text: text, path: path)
            #expect(snapshotErrors.isEmpty && textErrors.isEmpty)
            let a = try #require(fromSnapshot), b = try #require(fromText)
            #expect(a.id == b.id && a.description == b.description && a.path == b.path)
            #expect(a.extends.map(\.name) == b.extends.map(\.name) && a.extends.map(\.location) == b.extends.map(\.location))
            #expect((a.appliesWhen == nil) == (b.appliesWhen == nil))
            #expect(a.vocabulary?.units == b.vocabulary?.units)
            #expect(a.vocabulary?.connectives == b.vocabulary?.connectives)
            #expect(a.rules.count == b.rules.count)
            for (x, y) in zip(a.rules, b.rules) {
                #expect(x.id == y.id && x.kindName == y.kindName && x.severity == y.severity && x.message == y.message
                        && x.description == y.description && x.path == y.path && x.location == y.location, "\(x.id)")
                #expect(type(of: x.kind) == type(of: y.kind))
            }
        }
        // The catalog holds the sets the snapshots give.
        let catalog = try #require(RuleCatalog.builtin().0)
        #expect(catalog.ruleSets.map(\.path) == BuiltinRuleSets.files.map(\.path))
    }

    @Test func unknownExtendsIsLocated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("local.yaml").path
        try "ruleset: local\nextends: [monthy]\nrules: []\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (catalog, errors) = RuleCatalog.load(files: [path])
        #expect(catalog == nil)
        #expect(errors.map(\.description) == [
            "\(path):2:11: error: unknown rule set 'monthy' in extends (did you mean 'monthly'?) [config]",
        ])
    }
}

struct AppliesWhenTests {
    @Test func setsApplyOnlyToMatchingReports() throws {
        let yaml = """
            ruleset: tttt-only
            applies-when: { agency: "thông tin và truyền thông", number: "STTTT" }
            rules:
              - { id: x, kind: pattern, forbid: "xxx" }
            """
        let (set, errors) = RuleSetLoader.load(text: yaml, path: "t.yaml")
        #expect(errors.isEmpty)
        let loaded = try #require(set)
        let applies = try #require(loaded.appliesWhen)
        func report(_ text: String) -> Report { TextReportParser.parse(SourceFile(path: "r", text: text)) }
        #expect(applies.matches(report("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nBÁO CÁO\nTháng 5")))
        #expect(applies.matches(report("SỞ Y TẾ\nSố: 12/BC-STTTT\nBÁO CÁO\nTháng 5")))
        #expect(!applies.matches(report("SỞ Y TẾ\nSố: 12/BC-SYT\nBÁO CÁO\nTháng 5")))
    }

    @Test func emptyAppliesWhenIsAnError() {
        let (_, errors) = RuleSetLoader.load(text: "ruleset: a\napplies-when: {}\nrules: []\n", path: "a.yaml")
        #expect(errors.map(\.description) == ["a.yaml:2:15: error: applies-when needs at least one of agency, number, title [config]"])
    }
}
