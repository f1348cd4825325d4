import Foundation
import Testing

/// Issue 3's acceptance on the real reports beside the repository (skipped when absent): the
/// arithmetic findings, exactly, and nothing for the numbers a careful reviewer accepts.
struct ArithmeticAcceptanceTests {
    static let directory = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference-reports")
    static let available = FileManager.default.fileExists(atPath: directory.path)

    /// The arithmetic lines of the gcc output (findings and their notes).
    func arithmetic(_ name: String) throws -> [String] {
        let path = ArithmeticAcceptanceTests.directory.appendingPathComponent(name).path
        let output = try CLI.run(["--format", "gcc", "--no-config", path]).stdout
        var lines: [String] = []
        var inArithmetic = false
        for line in output.split(separator: "\n").map(String.init) {
            let name = line.replacingOccurrences(of: path, with: name)
            // A finding ends with its [rule-id]; the notes attached to it follow without one
            // (an info finding is also printed as `note:`, but with its rule id).
            let isFinding = line.range(of: #"\[[a-z0-9-]+/[a-z0-9-]+\]$"#, options: .regularExpression) != nil
            if isFinding { inArithmetic = line.contains("[arith/") || line.contains("[tttt-arith/") }
            if inArithmetic { lines.append(name) }
        }
        return lines
    }

    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func bacGiang() throws {
        #expect(try arithmetic("bac-giang-stttt-2014-04.txt") == [
            "bac-giang-stttt-2014-04.txt:23:119: error: các phần cộng lại 10.475, tổng số ghi 10.538 (lệch 63) [arith/breakdown-sum]",
            "bac-giang-stttt-2014-04.txt:23:178: note: phần \"hồ sơ giải quyết đúng và trước hạn\" = 4.731",
            "bac-giang-stttt-2014-04.txt:23:232: note: phần \"hồ sơ giải quyết chậm, quá hạn\" = 1.729",
            "bac-giang-stttt-2014-04.txt:23:282: note: phần \"hồ sơ đang giải quyết\" = 3.318",
            "bac-giang-stttt-2014-04.txt:23:318: note: phần \"hồ sơ trả lại\" = 697",
            "bac-giang-stttt-2014-04.txt:23:249: error: tỷ lệ ghi 16,5% nhưng 1.729 / 10.538 = 16,41% [arith/percent-of-total]",
            "bac-giang-stttt-2014-04.txt:23:296: error: tỷ lệ ghi 31,6% nhưng 3.318 / 10.538 = 31,49% [arith/percent-of-total]",
        ])
    }

    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func quangNinh() throws {
        #expect(try arithmetic("quang-ninh-stttt-2014-08.txt") == [
            "quang-ninh-stttt-2014-08.txt:13:710: error: tổng thuê bao Internet băng rộng ghi 103.988, các dòng xDSL và FTTH của bảng cộng lại 103.998 (lệch -10) [tttt-arith/broadband-total]",
            "quang-ninh-stttt-2014-08.txt:13:710: note: stated = 103.988",
            "quang-ninh-stttt-2014-08.txt:48:54: note: xdsl = 96.439",
            "quang-ninh-stttt-2014-08.txt:49:31: note: ftth = 7.559",
        ])
    }
}
