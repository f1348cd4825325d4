/// Containers a word processor never writes but a hostile or broken file can be: each is one
/// `DocxError`, and none makes the inflater spin.

import Foundation
import Testing
@testable import DocxReader

@Suite struct ZipEdgeCaseTests {
    private let minimalDocument = Array(#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body></w:document>"#.utf8)

    @Test func storedMinimalDocumentReads() throws {
        let data = ZipBytes.archive([.init(name: "word/document.xml", data: minimalDocument)])
        #expect(try DocxReader.read(data: data).renderLines() == [RenderedLine(text: "Báo cáo", paragraphIndex: 0)])
    }

    /// A deflate stored block announcing 65,535 bytes followed by only ten: ZIPFoundation's own
    /// `Archive.extract` keeps asking for input at the end of the file and never returns.
    @Test func deflateStreamCutShortIsAnErrorNotAHang() {
        let stream: [UInt8] = [0x01, 0xFF, 0xFF, 0x00, 0x00] + Array(repeating: 0x41, count: 10)
        let data = ZipBytes.archive([.init(name: "word/document.xml", data: stream, method: 8,
                                           uncompressedSize: 65_535, crc: 0)])
        #expect(throws: DocxError.corruptEntry(path: "word/document.xml", reason: "the compressed data ends early")) {
            try DocxReader.read(data: data)
        }
    }

    @Test func invalidDeflateData() {
        let data = ZipBytes.archive([.init(name: "word/document.xml", data: [0xFF, 0xFF, 0xFF, 0xFF], method: 8,
                                           uncompressedSize: 100, crc: 0)])
        #expect(throws: DocxError.corruptEntry(path: "word/document.xml", reason: "invalid compressed data")) {
            try DocxReader.read(data: data)
        }
    }

    @Test func encryptedEntry() {
        let data = ZipBytes.archive([.init(name: "word/document.xml", data: minimalDocument, flags: 1)])
        #expect(throws: DocxError.unsupportedEntry(path: "word/document.xml",
                                                  reason: "the part is encrypted inside the ZIP archive; save the document without a password")) {
            try DocxReader.read(data: data)
        }
    }

    @Test func unknownCompressionMethod() {
        let data = ZipBytes.archive([.init(name: "word/document.xml", data: minimalDocument, method: 12)])
        #expect(throws: DocxError.unsupportedEntry(path: "word/document.xml",
                                                  reason: "unsupported ZIP compression method 12; save the document again from Word")) {
            try DocxReader.read(data: data)
        }
    }

    @Test func declaredSizeThatDisagreesWithTheData() {
        let data = ZipBytes.archive([.init(name: "word/document.xml", data: minimalDocument,
                                           uncompressedSize: UInt32(minimalDocument.count + 1))])
        #expect(throws: DocxError.corruptEntry(path: "word/document.xml",
                                              reason: "size \(minimalDocument.count) differs from the recorded \(minimalDocument.count + 1)")) {
            try DocxReader.read(data: data)
        }
    }

    @Test func centralDirectoryOutsideTheFile() {
        var bytes = [UInt8](ZipBytes.archive([.init(name: "word/document.xml", data: minimalDocument)]))
        // The directory offset is the end record's bytes 16–19.
        bytes.replaceSubrange((bytes.count - 6)..<(bytes.count - 2), with: ZipBytes.le32(0x00FF_FFFF))
        #expect(throws: DocxError.corruptArchive(reason: "the central directory lies outside the file")) {
            try DocxReader.read(data: Data(bytes))
        }
    }

    @Test func malformedStylesAreReportedWithTheirPart() {
        let data = ZipBytes.archive([
            .init(name: "word/document.xml", data: minimalDocument),
            .init(name: "word/styles.xml", data: Array("<w:styles>\n  <w:style></w:styles>".utf8)),
        ])
        #expect {
            try DocxReader.read(data: data)
        } throws: { error in
            guard case .malformedXML(let path, let line, _, _) = error as? DocxError else { return false }
            return path == "word/styles.xml" && line == 2
        }
    }

    @Test(arguments: [
        ("", DocxError.malformedXML(path: "word/document.xml", line: 1, column: 1, reason: "the part has no root element")),
        ("  \n", DocxError.malformedXML(path: "word/document.xml", line: 1, column: 1, reason: "the part has no root element")),
        ("<w:document>\n<w:body>", DocxError.malformedXML(path: "word/document.xml", line: 2, column: 9,
                                                          reason: "the part ends early or has content after its root element")),
    ])
    func emptyOrUnfinishedDocumentPart(xml: String, error: DocxError) {
        let data = ZipBytes.archive([.init(name: "word/document.xml", data: Array(xml.utf8))])
        #expect(throws: error) { try DocxReader.read(data: data) }
    }
}
