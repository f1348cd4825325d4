import Diagnostics
import Engine
import Foundation
import SourceText
import Testing

/// Issue 7's hostile-input suite: odd, huge and malicious inputs end with a clear diagnostic
/// naming the path (and the rule or YAML position), the other files are still linted, the exit
/// status is right, and no output file is left half-written.
@Suite(.serialized) struct HostileInputTests {
    let directory: URL

    init() throws {
        directory = try CLI.temporaryDirectory()
    }

    func write(_ name: String, _ text: String) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func cleanSample() throws -> String {
        try String(contentsOf: CLI.packageRoot.appendingPathComponent("samples/clean-monthly.txt"), encoding: .utf8)
    }

    @Test func hugeAndPathologicalReportsFinishAndTheRestIsLinted() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let sentence = "Tiếp tục triển khai chuyển đổi số tại các xã. "
        try write("a-one-mb-line.txt", "I. Kết quả\n" + String(repeating: sentence, count: 1_000_000 / sentence.utf8.count) + "\n")
        try write("b-fifty-thousand-lines.txt", "I. Kết quả\n" + String(repeating: "Đã làm.\n", count: 50_000))
        let numbers = (1...10_000).map { "\($0) hồ sơ" }.joined(separator: ", ")
        try write("c-ten-thousand-numbers.txt", "Tổng số 50.005.000 hồ sơ, trong đó \(numbers).\n")
        try write("d-nested-parentheses.txt", "Tổng số 10 hồ sơ " + String(repeating: "(", count: 10_000) + "A 5 hồ sơ"
                    + String(repeating: ")", count: 10_000) + ", B 5 hồ sơ.\n")
        let parts = Array(repeating: "cấp xã 2 hồ sơ", count: 5_000).joined(separator: ", ")
        try write("e-five-thousand-parts.txt", "Tổng số 10.001 hồ sơ, trong đó \(parts).\n")
        try write("z-clean.txt", try cleanSample())
        let result = try CLI.run(["--format", "gcc", "--no-config", "--jobs", "2", "."], in: directory)
        #expect(result.status == 1, "\(result.stderr.suffix(2000))")
        #expect(!result.stdout.contains("[input]"))
        // The clean report is still linted and still clean; the 5,000-part breakdown is checked.
        #expect(!result.stdout.contains("./z-clean.txt"))
        #expect(result.stdout.contains("./e-five-thousand-parts.txt:1:9: error: các phần cộng lại 10.000, tổng số ghi 10.001 (lệch 1) [arith/breakdown-sum]"))
    }

    @Test func catastrophicRegexStopsWithADiagnosticNamingTheRule() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("bad.yaml", "ruleset: local\nrules:\n  - { id: backtracking, kind: pattern, forbid: \"(a+)+$\" }\n")
        try write("local.yml", "extends: [bad.yaml]\n")
        try write("r.txt", "I. Kết quả\n" + String(repeating: "a", count: 30_000) + "b\n")
        try write("s.txt", "I. Kết quả\nxong\n")
        let result = try CLI.run(["--format", "gcc", "--config", "local.yml", "r.txt", "s.txt"], in: directory)
        #expect(result.stdout.hasPrefix("r.txt: error: rule stopped: its regular expression gave up (match limit exceeded); the rule needs a simpler pattern [local/backtracking]\n"))
        #expect(result.status == 1)
    }

    @Test func symlinkLoopIsWalkedOnce() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("reports/r.txt", try cleanSample())
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("reports/loop").path,
                                                   withDestinationPath: "..")
        let result = try CLI.run(["--format", "json", "--no-config", "reports"], in: directory)
        #expect(result.status == 0)
        #expect(result.stdout.components(separatedBy: "\"path\" : ").count - 1 <= 2)
        #expect(result.stdout.contains("reports/r.txt"))
    }

    @Test(.enabled(if: getuid() != 0, "root reads every file"))
    func unreadableFileExitsTwoAndTheRestIsLinted() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("a.txt", try cleanSample())
        try write("b.txt", try cleanSample())
        chmod(directory.appendingPathComponent("a.txt").path, 0)
        let result = try CLI.run(["--format", "gcc", "--no-config", "a.txt", "b.txt"], in: directory)
        #expect(result.stdout == "a.txt: error: cannot read file: permission denied [input]\n")
        #expect(result.status == 2)
    }

    @Test func fileGoneBeforeReadingIsReported() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        // Discovery found it; it is gone when the linter reads it.
        let path = directory.appendingPathComponent("gone.txt").path
        let linter = Linter(rules: [])
        let result = linter.lint(LintInput(content: .file(path), displayPath: "gone.txt", absolutePath: path, linter: linter))
        #expect(result.unreadable)
        #expect(result.diagnostics.map(\.message) == ["cannot read file: no such file"])
    }

    @Test func fixLeavesAReadOnlyFileAlone() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "I. Kết quả\nCông thông tin điện tử hoạt động tốt.\n"
        try write("r.txt", text)
        let path = directory.appendingPathComponent("r.txt").path
        chmod(path, 0o444)
        let result = try CLI.run(["--fix", "--format", "gcc", "--no-config", "r.txt"], in: directory)
        #expect(result.stderr.contains("r.txt: error: tệp chỉ đọc; không sửa [fix]"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("reportlint-") }
        #expect(leftovers.isEmpty)
    }

    @Test func fixLeavesAFileChangedSinceItWasReadAlone() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("r.txt", "I. Kết quả\nCông thông tin điện tử hoạt động tốt.\n")
        let path = directory.appendingPathComponent("r.txt").path
        guard case let .success(source) = ReportLoader.load(path: path) else { Issue.record("cannot load"); return }
        let fix = FixIt(SourceRange(Location(line: 2, column: 1), Location(line: 2, column: 5)), replacement: "Cổng")
        let diagnostics = [Diagnostic(path: "r.txt", range: fix.range, severity: .error, message: "viết sai",
                                      ruleID: "vi-text/misspelling", fixIts: [fix])]
        // Someone saves the file after reportlint read it.
        try "I. Kết quả\nĐã sửa tay.\n".write(toFile: path, atomically: true, encoding: .utf8)
        var outcome = Fixer.Outcome()
        Fixer.fix(FileResult(path: "r.txt", source: source, diagnostics: diagnostics, unreadable: false, absolutePath: path),
                  dryRun: false, into: &outcome)
        #expect(outcome.changed.isEmpty)
        #expect(outcome.diagnostics.map(\.message) == ["tệp đã thay đổi từ lúc đọc; không sửa, hãy chạy lại"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "I. Kết quả\nĐã sửa tay.\n")
    }

    @Test func unwritableOutputExitsTwoAndLeavesNoFile() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("r.txt", try cleanSample())
        let result = try CLI.run(["--format", "json", "--no-config", "--output", "missing-dir/report.json", "r.txt"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("reportlint: error: "))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("missing-dir").path))
    }

    /// Interrupted while `--output` is being written (here: waiting on standard input), the
    /// run removes its temporary file and exits 128 + the signal; an earlier report stays.
    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedRunLeavesNoTemporaryOutput(signal: Int32) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("report.txt", "an earlier report\n")
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["--format", "gcc", "--no-config", "--output", "report.txt", "-"]
        process.currentDirectoryURL = directory
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        }
        let deadline = Date().addingTimeInterval(20)
        while try temporaries().isEmpty && Date() < deadline { usleep(10_000) }
        #expect(try temporaries().count == 1)
        kill(process.processIdentifier, signal)
        let exitDeadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < exitDeadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("reportlint did not exit on signal \(signal)")
        }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(process.terminationStatus == 128 + signal)
        #expect(try temporaries().isEmpty)
        #expect(try String(contentsOf: directory.appendingPathComponent("report.txt"), encoding: .utf8) == "an earlier report\n")
    }

    @Test func hostileRuleFilesExitTwoWithTheirPosition() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var bomb = "ruleset: x\nrules: []\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        try write("bomb.yaml", bomb)
        try write("deep.yaml", "ruleset: x\nrules: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n")
        try write("r.txt", try cleanSample())
        let bombRun = try CLI.run(["--rules", "bomb.yaml", "--no-config", "r.txt"], in: directory)
        #expect(bombRun.status == 2)
        #expect(bombRun.stderr == "bomb.yaml:7:45: error: aliases expand past 100000 nodes; refusing to expand '*a3' [config]\n")
        let deepRun = try CLI.run(["--rules", "deep.yaml", "--no-config", "r.txt"], in: directory)
        #expect(deepRun.status == 2)
        #expect(deepRun.stderr.hasPrefix("deep.yaml:2:207: error: nesting deeper than 200 levels [config]"))
    }

    @Test func utf16WithoutBOMAndMixedLineEndingsGiveTheSameFindings() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "I. Kết quả\r\nCông thông tin điện tử hoạt động tốt.\rII. Nhiệm vụ tháng tới\nTiếp tục.\n"
        try write("utf8.txt", text)
        var utf16: [UInt8] = []
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(utf16).write(to: directory.appendingPathComponent("utf16.txt"))
        let a = try CLI.run(["--format", "gcc", "--no-config", "utf8.txt"], in: directory).stdout
        let b = try CLI.run(["--format", "gcc", "--no-config", "utf16.txt"], in: directory).stdout
        #expect(!a.isEmpty)
        #expect(a.replacingOccurrences(of: "utf8.txt", with: "X") == b.replacingOccurrences(of: "utf16.txt", with: "X"))
    }
}
