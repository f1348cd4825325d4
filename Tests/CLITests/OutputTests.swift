import Diagnostics
import Engine
import Foundation
import SourceText
import Testing

/// The json, sarif and github formats, output files, failing policy, jobs and the summary.
@Suite(.serialized) struct OutputTests {
    @Test func jsonMatchesTheGolden() throws {
        let result = try CLI.run(["--format", "json", "samples/"])
        #expect(result.stdout == (try CLI.golden("samples.json")), "regenerate with scripts/update-goldens.sh and read the diff")
        #expect(result.status == 1)
        #expect(result.stderr == "")
    }

    @Test func githubMatchesTheGolden() throws {
        let result = try CLI.run(["--format", "github", "samples/"])
        #expect(result.stdout == (try CLI.golden("samples.github")), "regenerate with scripts/update-goldens.sh and read the diff")
        #expect(result.status == 1)
    }

    @Test func sarifHasTheShapeCodeScanningReads() throws {
        let result = try CLI.run(["--format", "sarif", "samples/"])
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? String == "2.1.0")
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "reportlint")
        #expect(driver["semanticVersion"] as? String == (try CLI.run(["--version"]).stdout.trimmingCharacters(in: .newlines)))
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted() && ids.contains("monthly/required-sections"))
        for rule in rules {
            for key in ["shortDescription", "fullDescription", "help"] {
                #expect(((rule[key] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            }
            #expect(["error", "warning", "note"].contains((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String))
        }
        let results = try #require(run["results"] as? [[String: Any]])
        // Each finding ends with its [rule-id]; attached notes do not (info findings print as `note:` too).
        let findings = try CLI.run(["--format", "gcc", "samples/"]).stdout.split(separator: "\n")
            .filter { $0.range(of: #"\[[a-z0-9-]+(/[a-z0-9-]+)?\]$"#, options: .regularExpression) != nil }
        #expect(results.count == findings.count)
        for item in results {
            let index = try #require(item["ruleIndex"] as? Int)
            #expect(ids[index] == item["ruleId"] as? String)
            let location = try #require((item["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(location["artifactLocation"] as? [String: Any])
            #expect((artifact["uri"] as? String)?.hasPrefix("samples/") == true)
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            let region = try #require(location["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1 && (region["startColumn"] as? Int ?? 0) >= 1)
            #expect(((item["partialFingerprints"] as? [String: String])?["reportlintFinding/v1"])?.count == 18)
        }
    }

    /// A finding keeps its fingerprint when lines are added above it; its line number moves.
    @Test func sarifFingerprintsSurviveEditsElsewhere() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try OutputTests.localRules.write(to: directory.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        func finding(_ text: String) throws -> (line: Int, fingerprint: String) {
            try text.write(to: directory.appendingPathComponent("r.txt"), atomically: true, encoding: .utf8)
            let out = try CLI.run(["--no-config", "--rules", "local.yaml", "--format", "sarif", "r.txt"], in: directory).stdout
            let document = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            let results = try #require((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
            let draft = try #require(results.first { $0["ruleId"] as? String == "local/draft" })
            let region = (((draft["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Any]
            return (region?["startLine"] as? Int ?? 0, (draft["partialFingerprints"] as? [String: String])?["reportlintFinding/v1"] ?? "")
        }
        let before = try finding("I. Kết quả\nBản dự thảo lần 2.\n")
        let after = try finding("I. Kết quả\nMột đoạn mới.\n\nBản dự thảo lần 2.\n")
        #expect(before.line == 2 && after.line == 4)
        #expect(before.fingerprint == after.fingerprint)
    }

    static let localRules = """
        ruleset: local
        rules:
          - { id: draft, kind: pattern, forbid: "dự thảo", severity: error, message: "còn chữ dự thảo" }
          - { id: xxx, kind: pattern, forbid: "xxx", severity: warning, message: "còn xxx" }
          - { id: todo, kind: pattern, forbid: "TODO", severity: info, message: "còn TODO" }
        """

    func project(_ report: String) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        try OutputTests.localRules.write(to: directory.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        try "extends: [local.yaml]\n".write(to: directory.appendingPathComponent(".reportlint.yml"), atomically: true, encoding: .utf8)
        try report.write(to: directory.appendingPathComponent("r.txt"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func failingPolicy() throws {
        let warnings = try project("I. Kết quả\nxxx và xxx, TODO.\n")
        defer { try? FileManager.default.removeItem(at: warnings) }
        func status(_ arguments: String...) throws -> Int32 { try CLI.run(arguments + ["r.txt"], in: warnings).status }
        #expect(try status() == 0)
        #expect(try status("--max-warnings", "2") == 0)
        #expect(try status("--max-warnings", "1") == 1)
        #expect(try status("--fail-level", "warning") == 1)
        #expect(try status("--fail-level", "info") == 1)
        #expect(try status("--fail-level", "fatal") == 2)
        #expect(try status("--max-warnings", "-1") == 2)
        let tooMany = try CLI.run(["--max-warnings", "1", "r.txt"], in: warnings)
        #expect(tooMany.stderr == "reportlint: failing: 2 warnings, more than --max-warnings 1\n")

        // --quiet prints errors only; the warnings still count.
        let errors = try project("I. Kết quả\ndự thảo, xxx, TODO.\n")
        defer { try? FileManager.default.removeItem(at: errors) }
        let quiet = try CLI.run(["--quiet", "--max-warnings", "0", "r.txt"], in: errors)
        #expect(quiet.stdout == "r.txt:2:1: error: còn chữ dự thảo [local/draft]\n")
        #expect(quiet.status == 1)
        let quietWarnings = try CLI.run(["--quiet", "--max-warnings", "0", "r.txt"], in: warnings)
        #expect(quietWarnings.stdout == "")
        #expect(quietWarnings.status == 1)
        let all = try CLI.run(["r.txt"], in: errors)
        #expect(all.stdout == """
            r.txt:2:1: error: còn chữ dự thảo [local/draft]
            r.txt:2:10: warning: còn xxx [local/xxx]
            r.txt:2:15: note: còn TODO [local/todo]

            """)
    }

    @Test func outputFilesAreWrittenWholeAndSARIFAlongside() throws {
        let directory = try project("I. Kết quả\ndự thảo.\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["--format", "github", "--output", "out.txt", "--sarif-output", "out.sarif", "r.txt"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(try String(contentsOf: directory.appendingPathComponent("out.txt"), encoding: .utf8)
            == "::error file=r.txt,line=2,col=1,endLine=2,endColumn=7,title=local/draft::còn chữ dự thảo\n")
        let sarif = try String(contentsOf: directory.appendingPathComponent("out.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"ruleId\": \"local/draft\""))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        // A folder that does not exist: exit 2, nothing half-written.
        let failed = try CLI.run(["--output", "no/such/dir/out.txt", "r.txt"], in: directory)
        #expect(failed.status == 2)
        #expect(failed.stderr.hasPrefix("reportlint: error: cannot write no/such/dir/out.txt"))
    }

    @Test func jobsDoNotChangeTheOutput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try OutputTests.localRules.write(to: directory.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        for index in 0..<24 {
            let text = "I. Kết quả\n" + String(repeating: "Dòng thường.\n", count: index) + (index % 3 == 0 ? "dự thảo\n" : "xxx\n")
            try text.write(to: directory.appendingPathComponent(String(format: "r%02d.txt", index)), atomically: true, encoding: .utf8)
        }
        let serial = try CLI.run(["--no-config", "--rules", "local.yaml", "--format", "json", "--jobs", "1", "."], in: directory)
        let parallel = try CLI.run(["--no-config", "--rules", "local.yaml", "--format", "json", "--jobs", "8", "."], in: directory)
        #expect(serial.stdout == parallel.stdout)
        #expect(serial.stdout.contains("\"files\": 24"))
        #expect(try CLI.run(["--jobs", "0", "."], in: directory).status == 2)
    }

    /// Findings are written file by file as results come in: the order is still the order of
    /// the paths (whatever order they were named in, however many threads), a missing path
    /// takes its place among them, a path named twice is linted once, and the same run written
    /// with `--output`, or collected before rendering, says the same.
    @Test func streamedOutputKeepsPathOrder() throws {
        let directory = try project("I. Kết quả\nxxx\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "I. Kết quả\ndự thảo\n".write(to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "TODO\n".write(to: directory.appendingPathComponent("z.txt"), atomically: true, encoding: .utf8)
        let arguments = ["z.txt", "r.txt", "m-missing.txt", "a.txt", "r.txt"]
        let expected = """
            a.txt:2:1: error: còn chữ dự thảo [local/draft]
            m-missing.txt: error: no such file or directory [input]
            r.txt:2:1: warning: còn xxx [local/xxx]
            z.txt:1:1: note: còn TODO [local/todo]

            """
        for jobs in ["1", "2", "8"] {
            let result = try CLI.run(["--format", "gcc", "--jobs", jobs] + arguments, in: directory)
            #expect(result.status == 2)
            #expect(result.stdout == expected)
        }
        let written = try CLI.run(["--format", "gcc", "--output", "out.txt"] + arguments, in: directory)
        #expect(written.stdout == "")
        #expect(try String(contentsOf: directory.appendingPathComponent("out.txt"), encoding: .utf8) == expected)
        let json = try CLI.run(["--format", "json"] + arguments, in: directory)
        // --sarif-output makes the run collect every result before rendering: same document.
        let collected = try CLI.run(["--format", "json", "--sarif-output", "out.sarif"] + arguments, in: directory)
        #expect(json.stdout == collected.stdout)
        #expect(try CLI.run(["--format", "json", "--quiet"] + arguments, in: directory).stdout
            == CLI.run(["--format", "json", "--quiet", "--sarif-output", "out.sarif"] + arguments, in: directory).stdout)
        #expect(json.stdout.components(separatedBy: "\"path\": \"r.txt\"").count == 2)
        #expect(json.stdout.contains("\"path\": \"m-missing.txt\""))
        let pretty = try CLI.run(["--format", "pretty"] + arguments, in: directory)
        let summary = try #require(pretty.stdout.split(separator: "\n").last)
        #expect(summary.replacing(/\(\d+\.\d\d s\)/, with: "(T)") == "3 files: 2 errors, 1 warning, 1 note (T)")
    }

    /// Pretty output (for people) ends with the summary line; machine formats put it on stderr
    /// only for a terminal, where the progress line also appears.
    @Test func summaryAndProgress() throws {
        let directory = try project("I. Kết quả\ndự thảo, xxx.\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pretty = try CLI.run(["--format", "pretty", "r.txt"], in: directory)
        let last = try #require(pretty.stdout.split(separator: "\n").last)
        #expect(last.replacing(/\(\d+\.\d\d s\)/, with: "(T)") == "1 file: 1 error, 1 warning, 0 notes (T)")
        #expect(try CLI.run(["--format", "json", "r.txt"], in: directory).stderr == "")

        // `script` gives the run a terminal; skip where it is missing.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        for index in 0..<8 {
            try "I. Kết quả\nxxx\n".write(to: directory.appendingPathComponent("m\(index).txt"), atomically: true, encoding: .utf8)
        }
        let command = "'\(CLI.binary.path)' --format gcc --jobs 1 . 2>stderr.log >stdout.log"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        // Redirected into files, neither stream is a terminal: no progress, no summary.
        #expect(try String(contentsOf: directory.appendingPathComponent("stderr.log"), encoding: .utf8) == "")

        let tty = Process()
        tty.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        tty.arguments = ["-qec", "'\(CLI.binary.path)' --format gcc . >stdout.log", "/dev/null"]
        tty.currentDirectoryURL = directory
        tty.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        tty.standardOutput = pipe
        try tty.run()
        let terminal = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        tty.waitUntilExit()
        #expect(terminal.contains("reportlint: 9/9 files"))
        #expect(terminal.contains("9 files: 1 error, 9 warnings, 0 notes ("))
        let stdout = try String(contentsOf: directory.appendingPathComponent("stdout.log"), encoding: .utf8)
        #expect(!stdout.contains("files") && stdout.contains("r.txt:2:1: error"))
    }

    @Test func summaryLine() {
        let error = Diagnostic(path: "a.txt", range: nil, severity: .error, message: "x", ruleID: "r")
        let note = Diagnostic(path: "a.txt", range: nil, severity: .info, message: "y", ruleID: "baseline")
        #expect(RunSummary.line(files: 1, diagnostics: [], seconds: 0) == "1 file: 0 errors, 0 warnings, 0 notes (0.00 s)")
        #expect(RunSummary.line(files: 2, diagnostics: [error, note], seconds: 1.234, baselined: 3, ignored: 1)
            == "2 files: 1 error, 0 warnings, 1 note, 3 hidden by the baseline, 1 file ignored (1.23 s)")
        #expect(RunSummary.line(files: 0, diagnostics: [error, error], seconds: 12.5) == "0 files: 2 errors, 0 warnings, 0 notes (12.50 s)")
        #expect(RunSummary.line(files: 0, diagnostics: [], seconds: 0.07) == "0 files: 0 errors, 0 warnings, 0 notes (0.07 s)")
        // Stale baseline notes are shown in the summary but never fail a run.
        #expect(FailurePolicy(failLevel: .info).failure([note]) == nil)
        #expect(FailurePolicy(failLevel: .info).failure([note, error]) == "findings at or above --fail-level info")
        #expect(FailurePolicy(maxWarnings: 0).failure([note]) == nil)
    }

    /// `{name}` placeholders in rule messages: known names are filled, anything else stays.
    @Test func messagePlaceholders() {
        let message = Message(vi: "Tổng {total} lệch {diff} so với {part}s {x", en: "{total}}{}{unknown}")
        let values = ["total": "1.322.235", "diff": "63", "part": "{diff}"]
        #expect(message.text(.vi, filling: values) == "Tổng 1.322.235 lệch 63 so với {diff}s {x")
        #expect(message.text(.en, filling: values) == "1.322.235}{}{unknown}")
        #expect(message.text(.en, filling: ["total": "7"]) == "7}{}{unknown}")
        #expect(message.text(.vi, filling: [:]) == message.vi)
        #expect(Message(vi: "không có chỗ", en: "none").text(.vi, filling: ["a": "b"]) == "không có chỗ")
    }

    /// Renderers on a canned list: notes, fix-its, a file-level finding, a range over two lines,
    /// characters GitHub and JSON must escape.
    @Test func renderersOnCannedDiagnostics() throws {
        let source = SourceFile(path: "bao cao/đ.txt", text: "Số: 12/BC\nTổng 10%, dự thảo\nhết\n")
        let diagnostics = [
            Diagnostic(path: "bao cao/đ.txt", range: nil, severity: .warning, message: "tệp rỗng", ruleID: "input"),
            Diagnostic(path: "bao cao/đ.txt", range: SourceRange(line: 2, column: 11, length: 7), severity: .error,
                       message: "còn \"dự thảo\": 100%, a,b", ruleID: "local/draft",
                       notes: [Note("ở đây\nxuống dòng", at: SourceRange(line: 1, column: 1, length: 3))],
                       fixIts: [FixIt(SourceRange(line: 2, column: 11, length: 7), replacement: "chính thức")]),
            Diagnostic(path: "bao cao/đ.txt", range: SourceRange(Location(line: 2, column: 1), Location(line: 3, column: 4)),
                       severity: .info, message: "đoạn dài", ruleID: "local/long"),
        ]
        #expect(GitHubRenderer.render(diagnostics) == """
            ::warning file=bao cao/đ.txt,title=input::tệp rỗng
            ::error file=bao cao/đ.txt,line=2,col=11,endLine=2,endColumn=17,title=local/draft::còn "dự thảo": 100%25, a,b%0Anote (1:1): ở đây%0Axuống dòng
            ::notice file=bao cao/đ.txt,line=2,endLine=3,title=local/long::đoạn dài

            """)
        let json = JSONRenderer.render(diagnostics, files: ["bao cao/đ.txt"], tool: ToolInfo(name: "reportlint", version: "9.9.9"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let file = try #require((parsed["files"] as? [[String: Any]])?.first)
        let second = try #require((file["diagnostics"] as? [[String: Any]])?[1])
        #expect(second["message"] as? String == "còn \"dự thảo\": 100%, a,b")
        #expect((second["fixes"] as? [[String: Any]])?.first?["replacement"] as? String == "chính thức")
        #expect(((file["diagnostics"] as? [[String: Any]])?[0]["range"]) is NSNull)

        let rules = [SARIFRule(id: "local/draft", shortDescription: "s", fullDescription: "f", help: "h", level: .error)]
        let sarif = SARIFRenderer.render(diagnostics, sources: ["bao cao/đ.txt": source], rules: rules,
                                         tool: ToolInfo(name: "reportlint", version: "9.9.9"), root: "/tmp/dự án")
        #expect(sarif.contains("\"uri\": \"bao%20cao/%C4%91.txt\""))
        #expect(sarif.contains("\"uri\": \"file:///tmp/d%E1%BB%B1%20%C3%A1n/\""))
        #expect(sarif.contains("\"insertedContent\": {\n"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = try #require((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let fileLevel = try #require(((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect(fileLevel["region"] == nil)
        #expect(results.map { $0["ruleIndex"] as? Int } == [1, 0, 2])
        try OutputTests.validateSARIF(sarif)
    }

    /// Validates against the official schema when Python's jsonschema and ../shared/schemas
    /// are at hand (CI validates the samples' SARIF in .ci/run as well).
    static func validateSARIF(_ text: String) throws {
        let schema = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json")
        guard FileManager.default.fileExists(atPath: schema.path) else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reportlint-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit(0)
            jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
            """, schema.path, file.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message.suffix(1500))")
    }
}
