/// A 20 MB document.xml must read in time proportional to its size: one SAX pass, no
/// quadratic string building.

import Foundation
import Testing
@testable import DocxReader

@Suite struct LargeDocumentTests {
    /// About `megabytes` MB of paragraphs and table rows, stored uncompressed in a ZIP.
    private func document(megabytes: Int) -> (Data, paragraphs: Int) {
        let paragraph = #"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Số thuê bao phát triển mới trong tháng đạt </w:t></w:r><w:r><w:t>1.245 thuê bao.</w:t></w:r></w:p>"#
        let row = #"<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Thuê bao di động</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>812.450</w:t></w:r></w:p></w:tc></w:tr>"#
        var xml = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
        var count = 0
        let target = megabytes << 20
        while xml.utf8.count < target {
            for _ in 0..<200 { xml += paragraph }
            xml += "<w:tbl>" + String(repeating: row, count: 20) + "</w:tbl>"
            count += 200 + 60
        }
        xml += "</w:body></w:document>"
        return (ZipBytes.archive([.init(name: "word/document.xml", data: Array(xml.utf8))]), count)
    }

    @Test func twentyMegabytesReadInLinearTime() throws {
        let (small, smallCount) = document(megabytes: 5)
        let (large, largeCount) = document(megabytes: 20)
        let clock = ContinuousClock()
        var smallDocument: DocxDocument?
        let smallTime = clock.measure { smallDocument = try? DocxReader.read(data: small) }
        var largeLines: [RenderedLine] = []
        let largeTime = try clock.measure { largeLines = try DocxReader.read(data: large).renderLines() }
        #expect(smallDocument != nil)
        #expect(largeLines.count == largeCount / 260 * (200 + 20))
        #expect(largeLines.last?.paragraphIndex == largeCount - 3)
        print("DocxReader: 5 MB in \(smallTime), 20 MB in \(largeTime) (\(smallCount), \(largeCount) paragraphs)")
        // Linear is a ratio of about 4; quadratic would be 16. Generous for a loaded CI machine.
        #expect(largeTime < smallTime * 9)
    }

    @Test func oneHugeParagraphIsLinearToo() throws {
        let run = #"<w:r><w:t xml:space="preserve">thuê bao </w:t></w:r>"#
        let xml = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>"#
            + String(repeating: run, count: 100_000) + "</w:p></w:body></w:document>"
        let document = try DocxReader.read(data: ZipBytes.archive([.init(name: "word/document.xml", data: Array(xml.utf8))]))
        #expect(document.renderLines().first?.text.utf8.count == 100_000 * "thuê bao ".utf8.count)
    }
}
