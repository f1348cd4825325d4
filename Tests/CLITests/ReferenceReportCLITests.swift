import Foundation
import Testing

/// Acceptance on the real reports beside the repository (skipped when they are absent).
struct ReferenceReportCLITests {
    static let directory = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference-reports")
    static let available = FileManager.default.fileExists(atPath: directory.path)

    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func quangNinhHasTheMinistryAndBothSections() throws {
        let path = ReferenceReportCLITests.directory.appendingPathComponent("quang-ninh-stttt-2014-08.txt").path
        let result = try CLI.run(["--format", "gcc", path])
        #expect(!result.stdout.contains("[tttt-monthly/ministry-recipient]"))
        #expect(!result.stdout.contains("[monthly/required-sections]"))
    }

    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func removingTheMinistryGivesExactlyOneRecipientsError() throws {
        let original = try String(contentsOf: ReferenceReportCLITests.directory.appendingPathComponent("quang-ninh-stttt-2014-08.txt"),
                                  encoding: .utf8)
        let lines = original.components(separatedBy: "\n")
        let edited = lines.filter { !$0.contains("- Bộ Thông tin và Truyền thông;") }
        #expect(edited.count == lines.count - 1)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try edited.joined(separator: "\n").write(to: directory.appendingPathComponent("qn.txt"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["--format", "gcc", "qn.txt"], in: directory)
        let recipientErrors = result.stdout.split(separator: "\n").filter { $0.contains("[tttt-monthly/ministry-recipient]") }
        #expect(recipientErrors == ["qn.txt:132:1: error: Nơi nhận thiếu Bộ Thông tin và Truyền thông [tttt-monthly/ministry-recipient]"])
    }
}
