/// The heading level each rendered line carries: the parser's only clue that an unnumbered line in
/// a Heading style is a section heading. Table rows never carry one.

import Testing
@testable import DocxReader

@Suite struct HeadingLevelTests {
    @Test func unnumberedHeadingsKeepTheirStyleLevel() throws {
        let lines = try DocxReader.read(contentsOf: FixtureFiles.url("unnumbered-headings.docx")).renderLines()
        let expected: [(String, Int?)] = [
            ("UBND TỈNH CAO BẰNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", nil),
            ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\tĐộc lập - Tự do - Hạnh phúc", nil),
            ("Số: 64/BC-STTTT\tCao Bằng, ngày 22 tháng 4 năm 2024", nil),
            ("BÁO CÁO", nil),
            ("Kết quả công tác tháng 4 năm 2024", nil),
            // Heading 1 and Heading 2 with no number: LibreOffice still writes the outline
            // numbering (w:numPr) on the styles, with an empty label, so nothing is prepended.
            ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 4", 1),
            ("Chuyển đổi số", 2),
            ("Sở hướng dẫn 12 xã triển khai tổ công nghệ số cộng đồng.", nil),
            // The typed number stays in the text; the style level is still reported.
            ("2. Bưu chính", 2),
            ("Chỉ tiêu\tSố lượng", nil),
            ("Điểm phục vụ bưu chính\t214", nil),
            ("NHIỆM VỤ THÁNG 5", 1),
            ("Tổ chức tập huấn an toàn thông tin cho cán bộ cấp huyện.", nil),
            ("Nơi nhận:\tGIÁM ĐỐC", nil),
            ("- Bộ Thông tin và Truyền thông;\tBế Văn Hùng", nil),
            ("- Lưu: VT.\t", nil),
            // LibreOffice ends the body with an empty paragraph after the last table.
            ("", nil),
        ]
        #expect(lines.map(\.text) == expected.map(\.0))
        #expect(lines.map(\.headingLevel) == expected.map(\.1))
    }

    @Test func numberedHeadingsOfTheReportFixtureCarryTheirLevel() throws {
        let lines = try DocxReader.read(contentsOf: FixtureFiles.url("bao-cao-thang.docx")).renderLines()
        let headings = lines.filter { $0.headingLevel != nil }
        #expect(headings.map(\.text) == [
            "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 02", "1. Bưu chính, viễn thông",
            "2. Công nghệ thông tin, chuyển đổi số", "a) Chính quyền số",
            "II. NHIỆM VỤ TRỌNG TÂM THÁNG 3", "III. ĐỀ XUẤT, KIẾN NGHỊ",
            "1. Đề nghị Bộ Thông tin và Truyền thông hỗ trợ tập huấn an toàn thông tin./.",
        ])
        #expect(headings.map(\.headingLevel) == [1, 2, 2, 3, 1, 1, 2])
    }

    @Test func tableRowsNeverCarryAHeadingLevel() {
        let styled = DocxParagraph(text: "KẾT QUẢ", styleID: "Heading1", headingLevel: 1, index: 1)
        let blocks: [DocxBlock] = [
            .paragraph(DocxParagraph(text: "NHIỆM VỤ", styleID: "Heading1", headingLevel: 1, index: 0)),
            .table(DocxTable(rows: [[DocxCell(paragraphs: [styled]),
                                     DocxCell(paragraphs: [DocxParagraph(text: "12", index: 2)])]])),
            .table(DocxTable(rows: [[DocxCell(paragraphs: [DocxParagraph(text: "Nơi nhận:", index: 3),
                                                           DocxParagraph(text: "- Lưu: VT.", index: 4)]),
                                     DocxCell(paragraphs: [DocxParagraph(text: "GIÁM ĐỐC", styleID: "Heading2",
                                                                         headingLevel: 2, index: 5)])]])),
        ]
        let lines = DocxDocument(blocks: blocks).renderLines()
        #expect(lines.map(\.text) == ["NHIỆM VỤ", "KẾT QUẢ\t12", "Nơi nhận:\tGIÁM ĐỐC", "- Lưu: VT.\t"])
        #expect(lines.map(\.headingLevel) == [1, nil, nil, nil])
    }
}
