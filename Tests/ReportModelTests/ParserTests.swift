import ReportModel
import SourceText
import Testing

/// The parser on small reports of the project's own, one shape at a time.
struct ParserTests {
    func parse(_ text: String) -> Report { TextReportParser.parse(SourceFile(path: "t.txt", text: text)) }

    @Test func twoColumnHeaderFlattenedToTabs() throws {
        let report = parse("""
            UBND TỈNH HÀ NAM\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ THÔNG TIN VÀ TRUYỀN THÔNG\tĐộc lập – Tự do – Hạnh phúc
            Số: 07/BC-STTTT\tHà Nam, ngày 05 tháng 02 năm 2024
            BÁO CÁO
            Kết quả tháng 01 năm 2024
            """)
        #expect(report.header.agency.map(\.text) == ["UBND TỈNH HÀ NAM", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"])
        #expect(report.header.nationalName?.range.start == Location(line: 1, column: 18))
        #expect(report.header.motto?.text == "Độc lập – Tự do – Hạnh phúc")
        #expect(report.header.number?.serial == "07")
        #expect(report.header.placeDate?.dayText == "05")
        #expect(report.header.placeDate?.monthText == "02")
        #expect(report.title?.summaryText == "Kết quả tháng 01 năm 2024")
    }

    @Test func draftWithBlankNumberAndDay() {
        let report = parse("Số:     /BC-STTTT\nHà Nam, ngày    tháng 3 năm 2024\n\nBÁO CÁO\nDự thảo\n")
        #expect(report.header.number?.serial == nil)
        #expect(report.header.number?.symbol == "BC-STTTT")
        #expect(report.header.placeDate?.dayText == nil)
        #expect(report.header.placeDate?.month == 3)
    }

    @Test func markdownHeadingsBoldAndPipeTable() throws {
        let report = parse("""
            # BÁO CÁO
            Tình hình tháng 7

            ## I. Kết quả
            ### 1. Hạ tầng số
            | TT | Chỉ tiêu | Kết quả |
            |----|----------|--------:|
            | 1 | Trạm 5G | 12 |
            | 2 | Cáp quang \\| thuê bao | 340 |

            ## II. Nhiệm vụ tháng 8
            * Rà soát hạ tầng.

            **Nơi nhận:**
            - Lưu: VT.

            **TL. GIÁM ĐỐC
            CHÁNH VĂN PHÒNG**

            Phạm Thu Hà
            """)
        #expect(report.title?.documentType.range.start == Location(line: 1, column: 3))
        #expect(report.sections.map { "\($0.level) \($0.marker) \($0.title.text)" } == [
            "1 I. Kết quả", "2 1. Hạ tầng số", "1 II. Nhiệm vụ tháng 8",
        ])
        let table = try #require(report.tables.first)
        #expect(table.style == .markdown)
        #expect(table.rows.map { $0.cells.map(\.text) } == [
            ["TT", "Chỉ tiêu", "Kết quả"], ["1", "Trạm 5G", "12"], ["2", "Cáp quang \\| thuê bao", "340"],
        ])
        #expect(table.rows[1].cells[2].range.start == Location(line: 8, column: 17))
        #expect(report.recipients?.entries.map(\.text) == ["Lưu: VT"])
        #expect(report.signature?.authority?.text == "TL.")
        #expect(report.signature?.titles.map(\.text) == ["GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"])
        #expect(report.signature?.signer?.text == "Phạm Thu Hà")
    }

    @Test func closingTableFlattenedToTabs() throws {
        let report = parse("I. Kết quả\nXong.\n\nNơi nhận:\tKT. GIÁM ĐỐC\n- Bộ TT&TT;\tPHÓ GIÁM ĐỐC\n- Lưu: VT.\n\n\tLê Minh\n")
        #expect(report.recipients?.entries.map(\.text) == ["Bộ TT&TT", "Lưu: VT"])
        #expect(report.signature?.titles.map(\.text) == ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
        #expect(report.signature?.signer?.text == "Lê Minh")
        #expect(report.signature?.signer?.range.start == Location(line: 8, column: 2))
    }

    @Test func longNumberedLinesAreParagraphsNotHeadings() {
        let long = "1. Tiếp tục triển khai các nhiệm vụ, " + String(repeating: "bảo đảm tiến độ, ", count: 12) + "đúng kế hoạch."
        let report = parse("I. Nhiệm vụ tháng 6\n" + long + "\n2. Sơ kết 6 tháng.\n")
        #expect(report.sections.map(\.title.text) == ["Nhiệm vụ tháng 6"])
        #expect(report.sections[0].lines == 1...3)
    }

    @Test func signatureWithoutDistributionList() {
        let report = parse("I. Kết quả\nĐạt kế hoạch.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nNguyễn Văn Bình\n")
        #expect(report.recipients == nil)
        #expect(report.signature?.authority?.text == "TM.")
        #expect(report.signature?.titles.map(\.text) == ["ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
        #expect(report.signature?.signer?.text == "Nguyễn Văn Bình")
        #expect(report.bodyLines == 1...2)
    }

    @Test func emptyAndOneLineReports() {
        #expect(parse("").sections.isEmpty)
        let report = parse("Chỉ một dòng")
        #expect(report.blocks.count == 1)
        #expect(report.end == SourceRange(Location(line: 1, column: 13), Location(line: 1, column: 13)))
    }
}
