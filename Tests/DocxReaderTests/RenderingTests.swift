/// `renderLines()` on hand-built documents: column alignment with spans, empty rows, labels in cells.

import Testing
@testable import DocxReader

@Suite struct RenderingTests {
    private func paragraph(_ text: String, _ index: Int, label: String? = nil) -> DocxParagraph {
        DocxParagraph(text: text, numberingText: label, index: index)
    }

    @Test func spannedCellsKeepColumnsAlignedInMultiLineRows() {
        let row = [DocxCell(paragraphs: [paragraph("A", 0), paragraph("B", 1)], gridSpan: 2),
                   DocxCell(paragraphs: [paragraph("", 2), paragraph("C", 3)])]
        let lines = DocxDocument(blocks: [.table(DocxTable(rows: [row]))]).renderLines()
        #expect(lines == [RenderedLine(text: "A\t\tC", paragraphIndex: 0), RenderedLine(text: "B\t\t", paragraphIndex: 1)])
    }

    @Test func lineIndexIsTheFirstParagraphOnTheLine() {
        let row = [DocxCell(paragraphs: [paragraph("Nơi nhận:", 10)]),
                   DocxCell(paragraphs: [paragraph("KT. GIÁM ĐỐC", 11), paragraph("PHÓ GIÁM ĐỐC", 12)])]
        let lines = DocxDocument(blocks: [.table(DocxTable(rows: [row]))]).renderLines()
        #expect(lines == [RenderedLine(text: "Nơi nhận:\tKT. GIÁM ĐỐC", paragraphIndex: 10),
                          RenderedLine(text: "\tPHÓ GIÁM ĐỐC", paragraphIndex: 12)])
    }

    @Test func rowOfEmptyParagraphsIsOneLineOfEmptyCells() {
        let row = [DocxCell(paragraphs: [paragraph("", 0), paragraph(" ", 1)]), DocxCell(paragraphs: [paragraph("", 2)])]
        #expect(DocxDocument(blocks: [.table(DocxTable(rows: [row]))]).renderLines()
                == [RenderedLine(text: "\t", paragraphIndex: 0)])
    }

    @Test func rowWithoutParagraphsPointsAtTheNextParagraph() {
        let blocks: [DocxBlock] = [.paragraph(paragraph("Trước", 0)),
                                   .table(DocxTable(rows: [[DocxCell(paragraphs: []), DocxCell(paragraphs: [])]]))]
        #expect(DocxDocument(blocks: blocks).renderLines().last == RenderedLine(text: "\t", paragraphIndex: 1))
    }

    @Test func labelsPrecedeTextInBodyAndCells() {
        let blocks: [DocxBlock] = [
            .paragraph(paragraph("Kết quả", 0, label: "I.")),
            .table(DocxTable(rows: [[DocxCell(paragraphs: [paragraph("Thuê bao", 1, label: "1.")]),
                                     DocxCell(paragraphs: [paragraph("812.450", 2)])]])),
        ]
        #expect(DocxDocument(blocks: blocks).renderLines().map(\.text) == ["I. Kết quả", "1. Thuê bao\t812.450"])
    }
}
