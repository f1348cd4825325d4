/// Reads bao-cao-thang.docx, a monthly report converted to .docx by LibreOffice, and checks the
/// rendering line by line, the paragraph model and the tables.

import Foundation
import Testing
@testable import DocxReader

@Suite struct ReportFixtureTests {
    let document: DocxDocument

    init() throws {
        document = try DocxReader.read(contentsOf: FixtureFiles.url("bao-cao-thang.docx"))
    }

    @Test func rendersEveryLineWithItsFirstParagraph() {
        let expected: [(Int, String)] = [
            // Header table: agency | Quốc hiệu, line i joins the i-th non-empty paragraphs.
            (0, "UBND TỈNH LẠNG SƠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (1, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG\tĐộc lập - Tự do - Hạnh phúc"),
            (3, "Số: 12/BC-STTTT\tLạng Sơn, ngày 05 tháng 3 năm 2024"),
            (8, ""),
            // The "DỰ THẢO" text box anchored here is not body text.
            (9, "BÁO CÁO"),
            (10, "Kết quả công tác thông tin và truyền thông tháng 02 và nhiệm vụ trọng tâm tháng 3 năm 2024"),
            (11, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 02"),
            (12, "1. Bưu chính, viễn thông"),
            // The footnote reference adds nothing; the footnote's text is not read.
            (13, "Tổng số thuê bao di động trên địa bàn tỉnh đạt 812.450 thuê bao, trong đó thuê bao trả trước 745.300 thuê bao, thuê bao trả sau 67.150 thuê bao."),
            (14, "a) Hạ tầng mạng lưới"),
            // Tracked change: "35" deleted, "42" inserted.
            (15, "Trong tháng, các doanh nghiệp lắp đặt mới 42 trạm BTS 4G."),
            (16, "- Hoàn thành ngầm hóa 12 km cáp viễn thông tại thành phố."),
            (17, "- Kiểm tra 06 điểm cung cấp dịch vụ Internet công cộng."),
            (18, "2. Công nghệ thông tin, chuyển đổi số"),
            (19, "a) Chính quyền số"),
            // A tab and a line break inside the paragraph are single spaces.
            (20, "Hệ thống thông tin giải quyết thủ tục hành chính tiếp nhận: 1.245 hồ sơ, đã giải quyết đúng hạn 1.198 hồ sơ (đạt 96,2%)."),
            (21, "Tin bài được đăng trên Cổng thông tin điện tử tỉnh trong tháng: 214 tin, bài."),
            // A TITLE field: the instruction is not text, the result is.
            (22, "Tài liệu: Báo cáo tháng 02 năm 2024"),
            (23, "Số liệu phát triển thuê bao"),
            (24, "STT\tChỉ tiêu\tĐơn vị\tHiện có"),
            (28, "1\tThuê bao di động\tthuê bao\t812.450"),
            (32, "2\tInternet cáp quang (FTTH)\tthuê bao\t96.300"),
            (36, "\tInternet xDSL\tthuê bao\t2.150"),
            (40, "Tổng cộng\t\t\t910.900"),
            (42, "II. NHIỆM VỤ TRỌNG TÂM THÁNG 3"),
            (43, "1. Tham mưu UBND tỉnh ban hành Kế hoạch chuyển đổi số năm 2024."),
            (44, "2. Tổ chức kiểm tra việc chấp hành pháp luật về bưu chính tại 04 doanh nghiệp."),
            (45, "III. ĐỀ XUẤT, KIẾN NGHỊ"),
            (46, "1. Đề nghị Bộ Thông tin và Truyền thông hỗ trợ tập huấn an toàn thông tin./."),
            (47, "Nơi nhận:\tKT. GIÁM ĐỐC"),
            (48, "- Bộ Thông tin và Truyền thông;\tPHÓ GIÁM ĐỐC"),
            (49, "- TT Tỉnh ủy, TT HĐND tỉnh;\tTrần Văn Bình"),
            (50, "- Chủ tịch, các PCT UBND tỉnh;\t"),
            (51, "- Lưu: VT, VP.\t"),
            // LibreOffice ends the body with an empty paragraph after the last table.
            (57, ""),
        ]
        let lines = document.renderLines()
        #expect(lines.count == expected.count)
        for (line, (index, text)) in zip(lines, expected) {
            #expect(line.text == text)
            #expect(line.paragraphIndex == index, "\(text)")
        }
    }

    @Test func headingsCarryLevelStyleAndGeneratedNumber() {
        let headings = paragraphs.filter { $0.headingLevel != nil }
        #expect(headings.map(\.text) == [
            "KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 02", "Bưu chính, viễn thông",
            "Công nghệ thông tin, chuyển đổi số", "Chính quyền số",
            "NHIỆM VỤ TRỌNG TÂM THÁNG 3", "ĐỀ XUẤT, KIẾN NGHỊ",
            "Đề nghị Bộ Thông tin và Truyền thông hỗ trợ tập huấn an toàn thông tin./.",
        ])
        #expect(headings.map(\.headingLevel) == [1, 2, 2, 3, 1, 1, 2])
        #expect(headings.map(\.styleID) == ["Heading1", "Heading2", "Heading2", "Heading3", "Heading1", "Heading1", "Heading2"])
        // Numbering comes from the Heading styles' w:numPr; level 2 restarts under each level 1.
        #expect(headings.map(\.numberingText) == ["I.", "1.", "2.", "a)", "II.", "III.", "1."])
    }

    @Test func typedNumbersStayInTheTextAndAreNotListLabels() {
        let typed = paragraphs.filter { $0.text.hasPrefix("1. Tham mưu") || $0.text.hasPrefix("a) Hạ tầng") }
        #expect(typed.count == 2)
        #expect(typed.allSatisfy { $0.numberingText == nil && $0.headingLevel == nil })
    }

    @Test func bulletsAreDashes() {
        let bullets = paragraphs.filter { $0.numberingText == "-" }
        #expect(bullets.map(\.index) == [16, 17])
    }

    @Test func textThatIsNotOnThePageIsLeftOut() {
        let text = document.renderLines().map(\.text).joined(separator: "\n")
        #expect(!text.contains("DỰ THẢO"))           // text box
        #expect(!text.contains("35"))                // tracked deletion
        #expect(!text.contains("TITLE"))             // field instruction
        #expect(!text.contains("Số liệu do các"))    // footnote
    }

    @Test func statisticsTableKeepsMergedCells() throws {
        let table = try #require(tables.dropFirst().first)
        #expect(table.rows.count == 5)
        #expect(table.rows.allSatisfy { $0.count == 4 || $0.count == 2 })
        let merged = table.rows[2][0]
        #expect(!merged.isVerticalMergeContinuation && merged.paragraphs.map(\.text) == ["2"])
        let continuation = table.rows[3][0]
        #expect(continuation.isVerticalMergeContinuation)
        #expect(continuation.paragraphs.map(\.text) == [""])
        let total = table.rows[4]
        #expect(total.map(\.gridSpan) == [3, 1])
        #expect(total.map { $0.paragraphs.map(\.text) } == [["Tổng cộng"], ["910.900"]])
    }

    @Test func headerAndClosingTablesHoldTheirParagraphs() throws {
        #expect(tables.count == 3)
        let header = tables[0].rows[0]
        #expect(header.map { $0.paragraphs.map(\.index) } == [[0, 1, 2, 3], [4, 5, 6, 7]])
        let closing = tables[2].rows[0]
        #expect(closing[0].paragraphs.map(\.text).first == "Nơi nhận:")
        #expect(closing[1].paragraphs.map(\.text) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Trần Văn Bình"])
    }

    @Test func paragraphIndexesCountEveryParagraphInOrder() {
        var all: [Int] = []
        for block in document.blocks {
            switch block {
            case .paragraph(let paragraph): all.append(paragraph.index)
            case .table(let table): all += table.rows.flatMap { $0.flatMap { $0.paragraphs.map(\.index) } }
            }
        }
        #expect(all == Array(0..<58))
    }

    @Test func readingBytesEqualsReadingTheFile() throws {
        let data = try Data(contentsOf: FixtureFiles.url("bao-cao-thang.docx"))
        #expect(try DocxReader.read(data: data) == document)
    }

    private var paragraphs: [DocxParagraph] {
        document.blocks.compactMap { if case .paragraph(let paragraph) = $0 { paragraph } else { nil } }
    }

    private var tables: [DocxTable] {
        document.blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
    }
}
