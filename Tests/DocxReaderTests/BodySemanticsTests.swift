/// What the document.xml handler keeps and leaves out, on small WordprocessingML snippets for
/// the constructs the LibreOffice fixture does not produce (Word's AlternateContent in runs,
/// moves, nested fields, nested tables, outline levels, list overrides).

import Foundation
import Testing
@testable import DocxReader

private let namespaces = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#

/// Parses a body snippet with optional styles.xml and numbering.xml contents.
private func read(body: String, styles: String? = nil, numbering: String? = nil) throws -> DocxDocument {
    let paragraphStyles = try styles.map {
        try ParagraphStyles(xml: Array("<w:styles \(namespaces)>\($0)</w:styles>".utf8), path: "word/styles.xml")
    } ?? .empty
    let lists = try numbering.map {
        try ListDefinitions(xml: Array("<w:numbering \(namespaces)>\($0)</w:numbering>".utf8), path: "word/numbering.xml")
    } ?? .empty
    let handler = DocumentBodyHandler(styles: paragraphStyles, lists: lists)
    try XMLPartParser.parse(Array("<w:document \(namespaces)><w:body>\(body)</w:body></w:document>".utf8),
                            path: "word/document.xml", with: handler)
    return handler.document
}

private func lines(_ body: String, styles: String? = nil, numbering: String? = nil) throws -> [String] {
    try read(body: body, styles: styles, numbering: numbering).renderLines().map(\.text)
}

private func paragraphs(_ document: DocxDocument) -> [DocxParagraph] {
    document.blocks.compactMap { if case .paragraph(let paragraph) = $0 { paragraph } else { nil } }
}

@Suite struct RunTextTests {
    @Test func specialRunContent() throws {
        let body = #"<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t><w:cr/><w:t>D</w:t><w:noBreakHyphen/><w:t>E</w:t><w:softHyphen/><w:t>F</w:t><w:sym w:font="Wingdings" w:char="F0E0"/></w:r></w:p>"#
        #expect(try lines(body) == ["A B C D-EF"])
    }

    @Test func tabStopDefinitionsAreNotText() throws {
        #expect(try lines(#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>X</w:t></w:r></w:p>"#) == ["X"])
    }

    @Test func literalTabsAndNewlinesInTextBecomeSpaces() throws {
        #expect(try lines("<w:p><w:r><w:t>Số liệu\ttháng\n02</w:t></w:r></w:p>") == ["Số liệu tháng 02"])
    }

    @Test func trackedChangesAreAccepted() throws {
        let body = #"<w:p><w:r><w:t xml:space="preserve">Đạt </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>35</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>42</w:t></w:r></w:ins><w:moveFrom w:id="3" w:author="A"><w:r><w:t> trạm cũ</w:t></w:r></w:moveFrom><w:moveTo w:id="4" w:author="A"><w:r><w:t> trạm</w:t></w:r></w:moveTo></w:p>"#
        #expect(try lines(body) == ["Đạt 42 trạm"])
    }

    @Test func alternateContentIsReadOnceFromTheFallback() throws {
        let body = #"<w:p><w:r><w:t xml:space="preserve">Tổng: </w:t></w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>một</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>hai</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#
        #expect(try lines(body) == ["Tổng: hai"])
    }

    @Test func fieldsShowTheirResultNeverTheirInstructions() throws {
        let body = #"""
        <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>\#
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD x </w:instrText></w:r>\#
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>inner</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\#
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>kết quả</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\#
        <w:r><w:t xml:space="preserve">, trang </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>\#
        <w:r><w:t xml:space="preserve"> tại </w:t></w:r><w:hyperlink w:anchor="x"><w:r><w:t>mục I</w:t></w:r></w:hyperlink></w:p>
        """#
        #expect(try lines(body) == ["kết quả, trang 3 tại mục I"])
    }

    @Test func aFieldLeftOpenDoesNotSwallowTheRestOfTheDocument() throws {
        let body = #"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC </w:instrText></w:r></w:p><w:p><w:r><w:t>Tiếp theo</w:t></w:r></w:p>"#
        #expect(try lines(body) == ["", "Tiếp theo"])
    }

    @Test func textBoxesAreNotBodyParagraphs() throws {
        let body = #"<w:p><w:r><w:t>A</w:t><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p><w:p><w:r><w:t>B</w:t></w:r></w:p>"#
        let document = try read(body: body)
        #expect(paragraphs(document).map(\.text) == ["A", "B"])
        #expect(paragraphs(document).map(\.index) == [0, 1])
    }

    @Test func otherNamespacesAreNotWordText() throws {
        #expect(try lines(#"<w:p><w:r><w:t>A</w:t></w:r><w:r><a:t>drawing</a:t></w:r></w:p>"#) == ["A"])
    }

    @Test func strictOOXMLNamespaceIsRead() throws {
        let xml = #"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>Strict</w:t></w:r></w:p></w:body></w:document>"#
        let handler = DocumentBodyHandler(styles: .empty, lists: .empty)
        try XMLPartParser.parse(Array(xml.utf8), path: "word/document.xml", with: handler)
        #expect(handler.document.renderLines().map(\.text) == ["Strict"])
    }

    @Test func formattingBeforeATrackedChangeIsIgnored() throws {
        let body = #"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pPrChange w:id="1" w:author="A"><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Mục</w:t></w:r></w:p>"#
        #expect(paragraphs(try read(body: body)).first?.styleID == "Heading1")
    }
}

@Suite struct TableTests {
    @Test func nestedTablesAreFlattenedIntoTheOuterCell() throws {
        let body = #"""
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p>\#
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\#
        <w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc>\#
        <w:tc><w:p><w:r><w:t>e</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>f</w:t></w:r></w:p>
        """#
        let document = try read(body: body)
        guard case .table(let table) = document.blocks.first else {
            Issue.record("no table")
            return
        }
        #expect(table.rows.count == 1)
        #expect(table.rows[0].map { $0.paragraphs.map(\.text) } == [["a", "b", "c", "d"], ["e"]])
        // The nested cell's gridSpan belongs to the nested table, not to the outer cell.
        #expect(table.rows[0].map(\.gridSpan) == [1, 1])
        let rendered = document.renderLines()
        #expect(rendered.map(\.text) == ["a\te", "b\t", "c\t", "d\t", "f"])
        #expect(rendered.map(\.paragraphIndex) == [0, 1, 2, 3, 5])
    }

    @Test func verticalMergeWithoutValueContinues() throws {
        let body = #"""
        <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>FTTH</w:t></w:r></w:p></w:tc></w:tr>\#
        <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>xDSL</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        """#
        guard case .table(let table) = try read(body: body).blocks.first else {
            Issue.record("no table")
            return
        }
        #expect(table.rows.map { $0[0].isVerticalMergeContinuation } == [false, true])
        #expect(try lines(body) == ["2\tFTTH", "\txDSL"])
    }
}

@Suite struct HeadingTests {
    static let styles = #"""
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="u2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="MucLon"><w:name w:val="Mục lớn"/><w:basedOn w:val="u2"/></w:style>
    <w:style w:type="paragraph" w:styleId="DeMuc"><w:name w:val="Đề mục"/><w:pPr><w:outlineLvl w:val="3"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="VongA"><w:basedOn w:val="VongB"/></w:style>
    <w:style w:type="paragraph" w:styleId="VongB"><w:basedOn w:val="VongA"/></w:style>
    """#

    @Test(arguments: [
        (#"<w:pStyle w:val="Heading1"/>"#, 1 as Int?),
        (#"<w:pStyle w:val="u2"/>"#, 2),            // localized id, English name
        (#"<w:pStyle w:val="MucLon"/>"#, 2),        // through basedOn
        (#"<w:pStyle w:val="DeMuc"/>"#, 4),         // outline level in the style
        (#"<w:outlineLvl w:val="1"/>"#, 2),          // outline level on the paragraph
        (#"<w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/>"#, nil),   // 9 = body text
        (#"<w:pStyle w:val="VongA"/>"#, nil),       // a basedOn loop ends
        ("", nil),
    ])
    func headingLevel(properties: String, level: Int?) throws {
        let document = try read(body: "<w:p><w:pPr>\(properties)</w:pPr><w:r><w:t>x</w:t></w:r></w:p>", styles: Self.styles)
        #expect(paragraphs(document).first?.headingLevel == level)
    }
}

@Suite struct NumberingTests {
    static let numbering = #"""
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:pStyle w:val="MucSo"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
    """#
    static let styles = #"<w:style w:type="paragraph" w:styleId="MucSo"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>"#

    private func item(_ numID: Int, _ level: Int, _ text: String) -> String {
        #"<w:p><w:pPr><w:numPr><w:ilvl w:val="\#(level)"/><w:numId w:val="\#(numID)"/></w:numPr></w:pPr><w:r><w:t>\#(text)</w:t></w:r></w:p>"#
    }

    @Test func countersAdvanceResetAndRestart() throws {
        let body = [item(1, 0, "A"), item(1, 1, "B"), item(1, 1, "C"), item(1, 2, "D"), item(1, 0, "E"),
                    item(1, 1, "F"), item(2, 0, "G"), item(1, 2, "H")].joined()
        #expect(try lines(body, numbering: Self.numbering)
                == ["I. A", "I.1. B", "I.2. C", "a) D", "II. E", "II.1. F", "V. G", "a) H"])
    }

    @Test func styleNumberingAndItsLevelFromTheLevelStyle() throws {
        let body = #"""
        <w:p><w:pPr><w:pStyle w:val="MucSo"/></w:pPr><w:r><w:t>Một</w:t></w:r></w:p>\#
        <w:p><w:pPr><w:pStyle w:val="MucSo"/><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr><w:r><w:t>chấm</w:t></w:r></w:p>\#
        <w:p><w:pPr><w:pStyle w:val="MucSo"/></w:pPr><w:r><w:t>Hai</w:t></w:r></w:p>\#
        <w:p><w:pPr><w:pStyle w:val="MucSo"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Không số</w:t></w:r></w:p>
        """#
        #expect(try lines(body, styles: Self.styles, numbering: Self.numbering) == ["1. Một", "- chấm", "2. Hai", "Không số"])
    }

    @Test func unknownListsGiveNoLabel() throws {
        #expect(try lines(item(42, 0, "x"), numbering: Self.numbering) == ["x"])
        #expect(try lines(item(1, 0, "x")) == ["x"])
    }

    @Test(arguments: [
        (4, "lowerRoman", "iv"), (1994, "upperRoman", "MCMXCIV"), (28, "upperLetter", "BB"),
        (3, "lowerLetter", "c"), (7, "decimalZero", "07"), (12, "decimal", "12"), (5, "ordinalText", "5"),
    ])
    func formats(value: Int, format: String, label: String) {
        #expect(ListCounters.format(value, as: format) == label)
    }
}

@Suite struct DoctypeDetectionTests {
    @Test(arguments: [
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"v\">]><x>&e;</x>",
        "<?xml version=\"1.0\"?>\n<!doctype x SYSTEM \"http://example.invalid/x.dtd\"><x/>",
    ])
    func utf8Declarations(xml: String) {
        #expect(XMLPartParser.declaresDoctype(Array(xml.utf8)))
    }

    @Test func utf16Declarations() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x SYSTEM \"file:///etc/passwd\"><x/>"
        #expect(XMLPartParser.declaresDoctype(Array(xml.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        #expect(XMLPartParser.declaresDoctype(Array(xml.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }))
    }

    @Test func escapedTextIsNotADeclaration() {
        #expect(!XMLPartParser.declaresDoctype(Array("<w:t>&lt;!DOCTYPE html&gt;</w:t>".utf8)))
    }
}
