import Foundation
import Testing

/// `.reportlint.yml`: discovery, selection, severities, overrides, ignore, lang, mistakes;
/// `reportlint config` and `reportlint init`; the baseline.
@Suite(.serialized) struct ProjectConfigTests {
    /// A folder with local rules and reports; `files` maps relative paths to contents.
    func folder(_ files: [String: String]) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        var all = files
        all["rules/local.yaml"] = all["rules/local.yaml"] ?? OutputTests.localRules
        for (path, text) in all {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    static let report = "I. Kết quả\ndự thảo, xxx.\n"

    @Test func nearestConfigWinsWithSeveritiesOverridesIgnoreAndLang() throws {
        let directory = try folder([
            ".reportlint.yml": """
                extends: [rules/local.yaml]
                rules:
                  local/xxx: error
                overrides:
                  - files: ["cu/**"]
                    rules: { local/draft: off }
                ignore: ["nhap/", "*.bak.txt"]
                """,
            "a.txt": ProjectConfigTests.report,
            "cu/2019/b.txt": ProjectConfigTests.report,
            "nhap/c.txt": ProjectConfigTests.report,
            "d.bak.txt": ProjectConfigTests.report,
            "en/.reportlint.yml": "extends: [../rules/local.yaml]\nlang: en\nrules: { local/draft: warning }\n",
            "en/e.txt": ProjectConfigTests.report,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["."], in: directory)
        #expect(result.stdout == """
            ./a.txt:2:1: error: còn chữ dự thảo [local/draft]
            ./a.txt:2:10: error: còn xxx [local/xxx]
            ./cu/2019/b.txt:2:10: error: còn xxx [local/xxx]
            ./en/e.txt:2:1: warning: còn chữ dự thảo [local/draft]
            ./en/e.txt:2:10: warning: còn xxx [local/xxx]

            """)
        #expect(result.status == 1)
        // --no-config: the built-in selection only, nothing ignored.
        let plain = try CLI.run(["--no-config", "--format", "json", "."], in: directory)
        #expect(plain.stdout.contains("\"path\": \"./nhap/c.txt\""))
        #expect(!plain.stdout.contains("local/"))
        // --config: one config for every file.
        let forced = try CLI.run(["--config", ".reportlint.yml", "en/e.txt"], in: directory)
        #expect(forced.stdout.hasPrefix("en/e.txt:2:1: error: còn chữ dự thảo [local/draft]\n"))
    }

    @Test func configCommandShowsTheEffectiveRules() throws {
        let directory = try folder([
            ".reportlint.yml": "extends: [rules/local.yaml]\nrules: { local/todo: off }\nlang: en\n",
            "a.txt": ProjectConfigTests.report,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["config", "a.txt"], in: directory)
        #expect(result.stdout == """
            config: .reportlint.yml
            extends: rules/local.yaml
            lang: en
            rules for a.txt:
              local/draft  pattern  error    rules/local.yaml
              local/xxx    pattern  warning  rules/local.yaml
              local/todo   pattern  off      rules/local.yaml

            """)
        #expect(result.status == 0)
    }

    @Test(arguments: [
        ("rules:\n  monthly/archive-copy: error\nignores: [x]\n", "cfg/.reportlint.yml:3:1: error: unknown key 'ignores' in .reportlint.yml (did you mean 'ignore'?) [config]\n"),
        ("extends: [rules/local.yaml]\nrules:\n  local/darft: off\n", "cfg/.reportlint.yml:3:3: error: unknown rule 'local/darft' (did you mean 'local/draft'?) [config]\n"),
        ("rules:\n  local/draft: [error\n", "cfg/.reportlint.yml:3:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 2) [config]\n"),
        ("extends: [montly]\n", "cfg/.reportlint.yml:1:11: error: unknown rule set 'montly' in extends (did you mean 'monthly'?) [config]\n"),
        ("extends: [rules/missing.yaml]\n", "cfg/.reportlint.yml:1:11: error: rule file 'rules/missing.yaml' not found (relative to the config's folder) [config]\n"),
        ("rules: { monthly/archive-copy: loud }\n", "cfg/.reportlint.yml:1:32: error: severity of 'monthly/archive-copy' must be error, warning, info or off [config]\n"),
        ("lang: fr\n", "cfg/.reportlint.yml:1:7: error: lang must be vi or en [config]\n"),
    ])
    func brokenConfigExitsTwoWithALocatedDiagnostic(config: String, expected: String) throws {
        let directory = try folder(["cfg/.reportlint.yml": config, "cfg/a.txt": ProjectConfigTests.report])
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = config.replacingOccurrences(of: "rules/local.yaml", with: "../rules/local.yaml")
        try text.write(to: directory.appendingPathComponent("cfg/.reportlint.yml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["cfg/a.txt"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr == expected)
        #expect(result.stdout == "")
    }

    @Test func missingConfigGivenOnTheCommandLineExitsTwo() throws {
        let result = try CLI.run(["--config", "no-such.yml", "samples/no-ministry.md"])
        #expect(result.status == 2)
        #expect(result.stderr == "no-such.yml:1:1: error: cannot read config file [config]\n")
        #expect(try CLI.run(["--config", "x.yml", "--no-config", "samples/"]).status == 2)
    }

    @Test func initWritesAStarterThatLoadsAndNeverOverwrites() throws {
        let directory = try folder(["a.txt": ProjectConfigTests.report])
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try CLI.run(["init"], in: directory)
        #expect(first.status == 0)
        #expect(first.stdout == "wrote .reportlint.yml\n")
        let written = try String(contentsOf: directory.appendingPathComponent(".reportlint.yml"), encoding: .utf8)
        #expect(written.hasPrefix("# reportlint project configuration."))
        // The starter is valid and behaves like no config at all.
        let config = try CLI.run(["config", "a.txt"], in: directory)
        #expect(config.status == 0)
        #expect(try CLI.run(["a.txt"], in: directory).stdout == (try CLI.run(["--no-config", "a.txt"], in: directory).stdout))
        let second = try CLI.run(["init"], in: directory)
        #expect(second.status == 2)
        #expect(second.stderr == "reportlint: error: .reportlint.yml already exists; not overwriting it\n")
        #expect(try String(contentsOf: directory.appendingPathComponent(".reportlint.yml"), encoding: .utf8) == written)
    }

    @Test func baselineRoundTrip() throws {
        let directory = try folder([
            ".reportlint.yml": "extends: [rules/local.yaml]\n",
            "bao-cao/a.txt": "I. Kết quả\ndự thảo, xxx.\n",
            "bao-cao/b.txt": "I. Kết quả\nxxx\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let write = try CLI.run(["--write-baseline", "baseline.json", "bao-cao"], in: directory)
        #expect(write.status == 0)
        #expect(write.stdout == "")
        #expect(write.stderr == "reportlint: wrote 3 findings to baseline.json\n")
        let baseline = try String(contentsOf: directory.appendingPathComponent("baseline.json"), encoding: .utf8)
        #expect(baseline.contains("\"path\": \"bao-cao/a.txt\""))
        #expect(baseline.contains("\"text\": \"còn chữ dự thảo | dự thảo\""))
        #expect(!baseline.contains("\"line\""))

        // Unchanged: everything hidden, exit 0.
        let same = try CLI.run(["--baseline", "baseline.json", "bao-cao"], in: directory)
        #expect(same.stdout == "")
        #expect(same.status == 0)

        // Lines added above, one new finding, one fixed: only the new one shows, the fixed one is
        // a stale entry (a note that does not fail the run).
        try "I. Kết quả\nĐoạn mới.\n\ndự thảo, xxx.\nlại dự thảo\n".write(
            to: directory.appendingPathComponent("bao-cao/a.txt"), atomically: true, encoding: .utf8)
        try "I. Kết quả\nđã sửa\n".write(to: directory.appendingPathComponent("bao-cao/b.txt"), atomically: true, encoding: .utf8)
        let changed = try CLI.run(["--baseline", "baseline.json", "bao-cao"], in: directory)
        #expect(changed.stdout == """
            bao-cao/a.txt:5:5: error: còn chữ dự thảo [local/draft]
            bao-cao/b.txt: note: mục trong baseline baseline.json không còn xuất hiện: [local/xxx] còn xxx | xxx; xoá mục này hoặc ghi lại baseline [baseline]

            """)
        #expect(changed.status == 1)

        // From another folder the paths still match (they are relative to the baseline file).
        let elsewhere = try CLI.run(["--baseline", "../baseline.json", "a.txt"], in: directory.appendingPathComponent("bao-cao"))
        #expect(elsewhere.stdout == "a.txt:5:5: error: còn chữ dự thảo [local/draft]\n")

        // Another language than the baseline's, or a broken baseline: exit 2.
        #expect(try CLI.run(["--baseline", "baseline.json", "--lang", "en", "bao-cao"], in: directory).status == 2)
        try "{".write(to: directory.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["--baseline", "bad.json", "bao-cao"], in: directory)
        #expect(bad.status == 2)
        #expect(bad.stderr == "bad.json: error: not a reportlint baseline (invalid JSON); write one with --write-baseline [baseline]\n")
    }
}
