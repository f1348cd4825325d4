import Foundation
import ReportModel
import SourceText
import Testing

/// The two real reports in ../shared/reference-reports must parse into the structure a
/// reader sees. They live beside the repository, not in it; without them these tests are skipped.
struct ReferenceReportTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference-reports")
    static let available = FileManager.default.fileExists(atPath: directory.path)

    func parse(_ name: String) throws -> Report {
        let text = try String(contentsOf: ReferenceReportTests.directory.appendingPathComponent(name), encoding: .utf8)
        return TextReportParser.parse(SourceFile(path: name, text: text))
    }

    func outline(_ report: Report) -> [String] {
        report.sections.map { "\($0.level) \($0.heading.line) \($0.marker) \($0.title.text)" }
    }

    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func quangNinh() throws {
        let report = try parse("quang-ninh-stttt-2014-08.txt")
        #expect(report.header.number?.value == "285/BC-STTTT")
        #expect(report.header.number?.symbol == "BC-STTTT")
        #expect(report.header.placeDate?.place == "Quảng Ninh")
        #expect(report.header.placeDate?.day == 19)
        #expect(report.header.placeDate?.month == 8)
        #expect(report.header.placeDate?.year == 2014)
        #expect(report.header.nationalName == nil)
        #expect(report.title?.summary.map(\.text) == [
            "Hoạt động thông tin và truyền thông tháng 8", "và nhiệm vụ trọng tâm tháng 9 năm 2014",
        ])
        #expect(outline(report) == [
            "1 11 I. Đánh giá chung",
            "1 23 II. Kết quả hoạt động thông tin và truyền thông tháng 8/2014",
            "2 25 1. Về Bưu chính, Viễn thông",
            "2 51 2. Về Công nghệ thông tin",
            "2 65 3. Về Báo chí xuất bản",
            "2 85 4. Công tác thanh tra, kiểm tra và giải quyết khiếu nại, tố cáo",
            "2 99 5. Công tác xây dựng Quy hoạch, Kế hoạch và triển khai dự án",
            "3 101 a. Công tác xây dựng Quy hoạch, Kế hoạch",
            "3 107 b. Công tác triển khai dự án",
            "1 115 III. Nhiệm vụ trọng tâm tháng 9/2014",
        ])
        let table = try #require(report.tables.first)
        #expect(report.tables.count == 1)
        #expect(table.rows.count == 7)
        #expect(table.columnCount == 7)
        #expect(table.rows.allSatisfy { $0.cells.count == 7 })
        #expect(table.header?.cells.map(\.text).last == "Hiện có trên mạng")
        #expect(table.rows[6].cells.map(\.text) == ["06", "Thuê bao FTTH", "", "651", "70", "-34%", "7.559"])
        let recipients = try #require(report.recipients)
        #expect(recipients.heading.line == 132)
        #expect(recipients.entries.map(\.text) == [
            "Tỉnh ủy Quảng Ninh", "HDND, UBND tỉnh", "Bộ Thông tin và Truyền thông", "Sở KHĐT, Sở VH TT & DL",
            "Sở KHCN, Cục Thống kê", "Sở GDĐT, Công an tỉnh", "Lưu VT, VP",
        ])
        #expect(recipients.annotations.map(\.text) == ["} (Báo cáo)"])
        let signature = try #require(report.signature)
        #expect(signature.authority?.text == "KT.")
        #expect(signature.titles.map(\.text) == ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
        #expect(signature.signer?.text == "Đỗ Ngọc Nam")
    }

    @Test(.enabled(if: available, "reference reports are not beside the repository"))
    func bacGiang() throws {
        let report = try parse("bac-giang-stttt-2014-04.txt")
        #expect(report.header.number == nil)
        #expect(report.header.placeDate == nil)
        #expect(report.header.nationalName == nil)
        #expect(report.header.motto == nil)
        #expect(report.title?.documentType.text == "BÁO CÁO")
        #expect(outline(report) == [
            "1 7 I. KẾT QUẢ CÔNG TÁC THÁNG 4 NĂM 2014",
            "2 9 1. Công tác tham mưu, chỉ đạo",
            "2 15 2. Kết quả đạt được",
            "3 17 a. Về CNTT:",
            "3 29 b. Về BCVT:",
            "3 37 c. Về Báo chí, Xuất bản:",
            "3 45 d. Công tác thanh, kiểm tra:",
            "1 51 II. PHƯƠNG HƯỚNG NHIỆM VỤ THÁNG 5 NĂM 2014",
        ])
        let recipients = try #require(report.recipients)
        #expect(recipients.entries.map { ($0.group ?? "") + "|" + $0.text } == [
            "|Lưu VT",
            "Bản điện tử|Bộ Thông tin và Truyền thông",
            "Bản điện tử|Tỉnh uỷ, HĐND, UBND tỉnh (BC)",
            "Bản điện tử|Đảng uỷ CCQ tỉnh; Sở KHĐT; Cục Thống kê Bắc Giang",
            "Bản điện tử|UBND các huyện, thành phố",
            "Bản điện tử|phong_thqh_skhdt@bacgiang.gov.vn; pth@bacgiang.gov.vn",
            "Bản điện tử|LDS; Các đơn vị thuộc Sở",
            "Bản điện tử|Phòng VH TT, đài truyền thanh các huyện, thành phố",
            "Bản điện tử|BBT TTTĐT Sở",
            "Bản điện tử|Lưu KHTC, CBTH",
        ])
        #expect(recipients.annotations.isEmpty)
        let signature = try #require(report.signature)
        #expect(signature.authority?.text == "KT.")
        #expect(signature.titles.map(\.text) == ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
        #expect(signature.signer?.text == "Nguyễn Gia Phong")
    }
}
