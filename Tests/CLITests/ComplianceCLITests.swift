import Foundation
import Testing

/// Issue 4's acceptance on the real reports beside the repository (skipped when they are
/// absent): the nd30 / nd09 / vi-text findings, and `--fix` on a copy of the Quảng Ninh report.
@Suite(.serialized) struct ComplianceCLITests {
    static let directory = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference-reports")
    static let available = FileManager.default.fileExists(atPath: directory.path)

    func lint(_ name: String, extra: [String] = [], in directory: URL = CLI.packageRoot) throws -> [String] {
        let path = ComplianceCLITests.directory.appendingPathComponent(name).path
        let output = try CLI.run(["--format", "gcc", "--no-config"] + extra + [path], in: directory).stdout
        return output.split(separator: "\n").map { $0.replacingOccurrences(of: path, with: name) }
    }

    func errors(_ lines: [String], _ rule: String) -> [String] {
        lines.filter { $0.contains(": error: ") && $0.hasSuffix("[\(rule)]") }
    }

    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func bacGiangHeaderErrorsAndNothingElse() throws {
        let lines = try lint("bac-giang-stttt-2014-04.txt")
        #expect(errors(lines, "nd30/document-number") == ["bac-giang-stttt-2014-04.txt:3:1: error: thiếu số, ký hiệu văn bản (Số: .../BC-...) [nd30/document-number]"])
        #expect(errors(lines, "nd30/place-date") == ["bac-giang-stttt-2014-04.txt:3:1: error: thiếu địa danh và ngày tháng năm ban hành (Địa danh, ngày ... tháng ... năm ...) [nd30/place-date]"])
        #expect(errors(lines, "nd30/national-name").count == 1)
        #expect(errors(lines, "nd30/motto").count == 1)
        for rule in ["monthly/required-sections", "monthly/archive-copy", "nd30/signature", "nd30/document-type"] {
            #expect(!lines.contains { $0.hasSuffix("[\(rule)]") }, "\(rule)")
        }
        #expect(!lines.contains { $0.contains("[nd09/") })
    }

    /// The Bắc Giang report names neither its Sở nor its symbol, so the profile is applied by hand.
    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func bacGiangUnderTheTTTTProfile() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "ruleset: local\nextends: [tttt-monthly]\nrules: []\n".write(to: directory.appendingPathComponent("local.yaml"),
                                                                          atomically: true, encoding: .utf8)
        let lines = try lint("bac-giang-stttt-2014-04.txt", extra: ["--rules", "local.yaml"], in: directory)
        #expect(lines.contains { $0.hasSuffix("[nd30/document-number]") })
        for rule in ["monthly/required-sections", "monthly/archive-copy", "nd30/signature", "tttt-monthly/ministry-recipient",
                     "tttt-monthly/province-recipient", "tttt-monthly/sector-sections"] {
            #expect(!lines.contains { $0.hasSuffix("[\(rule)]") }, "\(rule)")
        }
    }

    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func quangNinhSubstitutionsAndToneMarks() throws {
        let lines = try lint("quang-ninh-stttt-2014-08.txt")
        #expect(errors(lines, "vi-text/misspelling") == [
            "quang-ninh-stttt-2014-08.txt:17:45: error: viết sai \"Công thông tin điện tử\", đúng là \"Cổng thông tin điện tử\" [vi-text/misspelling]",
            "quang-ninh-stttt-2014-08.txt:33:101: error: viết sai \"Inmasat\", đúng là \"Inmarsat\" [vi-text/misspelling]",
            "quang-ninh-stttt-2014-08.txt:135:4: error: viết sai \"HDND\", đúng là \"HĐND\" [vi-text/misspelling]",
        ])
        #expect(lines.filter { $0.hasSuffix("[vi-text/tone-marks]") } == [
            "quang-ninh-stttt-2014-08.txt:130:39: warning: văn bản viết cả \"uỷ\" (dòng 67) và \"Ủy\": nên thống nhất một cách viết [vi-text/tone-marks]",
        ])
        for rule in ["nd30/document-number", "nd30/place-date", "nd30/signature", "nd30/document-type", "monthly/required-sections"] {
            #expect(!lines.contains { $0.hasSuffix("[\(rule)]") }, "\(rule)")
        }
        #expect(!lines.contains { $0.contains("[nd09/") })
    }

    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func fixChangesExactlyTheFixableSpans() throws {
        let original = try Data(contentsOf: ComplianceCLITests.directory.appendingPathComponent("quang-ninh-stttt-2014-08.txt"))
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("qn.txt")
        try original.write(to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: copy.path)

        let dryRun = try CLI.run(["--fix-dry-run", "--no-config", "qn.txt"], in: directory)
        #expect(try Data(contentsOf: copy) == original)
        #expect(dryRun.stdout.hasPrefix("--- a/qn.txt\n+++ b/qn.txt\n@@ -14,7 +14,7 @@\n"))
        #expect(dryRun.stdout.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.count == 3)

        let first = try CLI.run(["--fix", "--format", "gcc", "--no-config", "qn.txt"], in: directory)
        var expected = String(decoding: original, as: UTF8.self)
        for (wrong, right) in [("Công thông tin điện tử", "Cổng thông tin điện tử"), ("Inmasat", "Inmarsat"), ("HDND", "HĐND")] {
            #expect(expected.components(separatedBy: wrong).count == 2, "\(wrong) occurs once")
            expected = expected.replacingOccurrences(of: wrong, with: right)
        }
        #expect(try Data(contentsOf: copy) == Data(expected.utf8))
        #expect((try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        #expect(!first.stdout.contains("[vi-text/misspelling]"))
        #expect(first.stdout.contains("[vi-text/tone-marks]"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["qn.txt"])

        let second = try CLI.run(["--format", "gcc", "--no-config", "qn.txt"], in: directory)
        #expect(!second.stdout.contains("[vi-text/misspelling]"))
        #expect(try CLI.run(["--fix-dry-run", "--no-config", "qn.txt"], in: directory).stdout == "")
    }

    @Test func fixKeepsCRLFAndBOMAndNormalisesDecomposedText() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "I. Kết quả\r\nĐã bổ xung danh mục; báo cáo UBDN tỉnh.\r\nTỷ lệ đạt 44,9 %.\r\n"
        let decomposed = text.decomposedStringWithCanonicalMapping
        try Data([0xEF, 0xBB, 0xBF] + Array(decomposed.utf8)).write(to: directory.appendingPathComponent("r.txt"))
        _ = try CLI.run(["--fix", "--no-config", "r.txt"], in: directory)
        let fixed = try Data(contentsOf: directory.appendingPathComponent("r.txt"))
        let expected = "I. Kết quả\r\nĐã bổ sung danh mục; báo cáo UBND tỉnh.\r\nTỷ lệ đạt 44,9%.\r\n"
        #expect(Array(fixed) == [0xEF, 0xBB, 0xBF] + Array(expected.precomposedStringWithCanonicalMapping.utf8))
    }
}
