import Foundation
import Testing

/// The CLI end to end: the built binary, real files, exact output and exit status.
@Suite(.serialized) struct CLITests {
    @Test func samplesMatchTheGoldenOutput() throws {
        let result = try CLI.run(["--format", "gcc", "samples/"])
        #expect(result.stdout == (try CLI.golden("samples.gcc")), "regenerate with scripts/update-goldens.sh and read the diff")
        #expect(result.status == 1)
        #expect(result.stderr == "")
    }

    @Test func defaultFormatWithoutTerminalIsGCC() throws {
        let result = try CLI.run(["--config", CLI.monthlyOnly, "samples/no-ministry.md"])
        #expect(result.stdout == "samples/no-ministry.md:30:3: error: Nơi nhận thiếu Bộ Thông tin và Truyền thông [cli/ministry-recipient]\n")
        #expect(result.status == 1)
    }

    @Test func prettyFormatShowsTheLineAndCaret() throws {
        let result = try CLI.run(["--format", "pretty", "--config", CLI.monthlyOnly, "samples/missing-tasks-section.txt"])
        #expect(result.stdout.replacing(/\(\d+\.\d\d s\)/, with: "(T)") == """
            samples/missing-tasks-section.txt:23:1: error: thiếu phần "nhiệm vụ tháng tới" [monthly/required-sections]
             23 | Nơi nhận:
                | ^~~~~~~~~

            1 file: 1 error, 0 warnings, 0 notes (T)

            """)
    }

    @Test func prettyWindowsLongLines() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let filler = String(repeating: "Tiếp tục triển khai. ", count: 30)
        try "I. Kết quả\n\(filler)dự thảo \(filler)\n".write(to: directory.appendingPathComponent("r.txt"), atomically: true, encoding: .utf8)
        try "ruleset: local\nrules:\n  - { id: draft, kind: pattern, forbid: \"dự thảo\" }\n"
            .write(to: directory.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        try "extends: [local.yaml]\n".write(to: directory.appendingPathComponent("local.yml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["--format", "pretty", "--config", "local.yml", "r.txt"], in: directory)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("r.txt:2:631: error: \"dự thảo\" không được có trong document [local/draft]"))
        let snippet = try #require(lines.first { $0.hasPrefix(" 2 | ") })
        #expect(snippet.hasPrefix(" 2 | …") && snippet.hasSuffix("…"))
        #expect(snippet.count <= 110)
        let caret = try #require(lines.first { $0.contains("^") })
        let caretColumn = caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^")!)
        let textColumn = snippet.distance(from: snippet.startIndex, to: snippet.range(of: "dự thảo")!.lowerBound)
        #expect(caretColumn == textColumn)
        #expect(caret.contains("^~~~~~~") && !result.stdout.contains("\u{1B}["))
    }

    @Test func englishMessages() throws {
        let result = try CLI.run(["--lang", "en", "--config", CLI.monthlyOnly, "samples/no-archive-copy.txt"])
        #expect(result.stdout == "samples/no-archive-copy.txt:17:1: error: distribution list has no archive entry (- Lưu: VT, …) [monthly/archive-copy]\n")
    }

    @Test func cleanSampleExitsZero() throws {
        let result = try CLI.run(["samples/clean-monthly.txt"])
        #expect(result.stdout == "")
        #expect(result.status == 0)
    }

    @Test func standardInput() throws {
        let result = try CLI.run(["--config", CLI.monthlyOnly, "-"], stdin: Data("I. Kết quả\nXong.\n\nNơi nhận:\n- Lưu: VT.\n".utf8))
        #expect(result.stdout == """
            <stdin>:4:1: error: Nơi nhận thiếu Bộ Thông tin và Truyền thông [cli/ministry-recipient]
            <stdin>:4:1: error: thiếu phần "nhiệm vụ tháng tới" [monthly/required-sections]

            """)
        #expect(result.status == 1)
    }

    @Test func badInputsAreReportedAndTheOthersLinted() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        let clean = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("samples/clean-monthly.txt"))
        try write("a-binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])
        try write("b-empty.txt", [])
        try write("c-latin1.txt", Array("Báo cáo\nTổng số ".utf8) + [0xE0, 0x20])
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in String(decoding: clean, as: UTF8.self).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try write("d-utf16.txt", utf16)
        try write("e-clean.txt", Array(clean))
        try write("f-whitespace.md", Array(" \n\t\n".utf8))
        let result = try CLI.run(["--format", "gcc", "."], in: directory)
        #expect(result.stdout == """
            ./a-binary.txt: error: binary file (NUL byte at offset 8), not a text report [input]
            ./b-empty.txt: warning: empty file, nothing to check [input]
            ./c-latin1.txt:2:9: error: not valid UTF-8 (byte 0xE0); save the file as UTF-8 [input]
            ./f-whitespace.md: warning: empty file, nothing to check [input]

            """)
        #expect(result.status == 1)
    }

    @Test func missingPathExitsTwoAndStillLintsTheRest() throws {
        let result = try CLI.run(["--config", CLI.monthlyOnly, "no/such/file.txt", "samples/no-ministry.md"])
        #expect(result.stdout == """
            no/such/file.txt: error: no such file or directory [input]
            samples/no-ministry.md:30:3: error: Nơi nhận thiếu Bộ Thông tin và Truyền thông [cli/ministry-recipient]

            """)
        #expect(result.status == 2)
    }

    @Test func brokenRuleFileExitsTwoBeforeLinting() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            ruleset: local
            rules:
              - id: nhan-bo
                kind: recipients
                requrie: [x]
              - id: draft
                kind: pattern
                forbid: "(dự"
            """.write(to: directory.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["--rules", "x.yaml", CLI.packageRoot.appendingPathComponent("samples").path], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr == """
            x.yaml:5:5: error: unknown field 'requrie' in rule 'nhan-bo' (did you mean 'require'?) [config]
            x.yaml:8:13: error: invalid regular expression in 'forbid': missing closing parenthesis at offset 3 [config]

            """)
        #expect(!result.stdout.contains("samples"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["--format", "xml", "samples/"]).status == 2)
        #expect(try CLI.run(["--no-such-flag", "samples/"]).status == 2)
        #expect(try CLI.run([]).status == 2)
    }

    @Test func rulesExplainCatAndVersion() throws {
        let rules = try CLI.run(["rules"])
        #expect(rules.stdout.contains("tttt-monthly/ministry-recipient  recipients         error    The distribution list includes the Ministry"))
        let explain = try CLI.run(["explain", "monthly/archive-copy"])
        #expect(explain.stdout.hasPrefix("monthly/archive-copy (recipients, error)\n"))
        #expect(explain.stdout.contains("kind recipients: The distribution list (Nơi nhận) contains the required recipients."))
        #expect(try CLI.run(["explain", "no-such"]).status == 2)
        let cat = try CLI.run(["cat", "samples/no-archive-copy.txt"])
        #expect(cat.stdout.hasPrefix(" 1  UBND TỈNH BẮC KẠN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n 2  SỞ"))
        #expect(try CLI.run(["--version"]).stdout == "0.1.0\n")
    }

    @Test func worksFromAnotherDirectoryAfterCopying() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("reportlint")
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        let sample = CLI.packageRoot.appendingPathComponent("samples/no-ministry.md").path
        let process = Process()
        process.executableURL = copy
        process.arguments = ["rules"]
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.contains("monthly/required-sections"))
        _ = sample
    }
}
