/// `XMLScanner`'s errors, each with its exact position and reason, and what it delivers on
/// well-formed input. The comparison with FoundationXML is in XMLDifferentialTests.

import Testing
@testable import DocxReader

@Suite struct XMLScannerTests {
    static let word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func error(_ bytes: [UInt8]) -> DocxError? {
        do {
            try XMLPartParser.parse(bytes, path: "p.xml", with: RecordingHandler())
            return nil
        } catch {
            return error
        }
    }

    static func events(_ xml: String) throws -> [HookEvent] {
        let handler = RecordingHandler()
        try XMLPartParser.parse(Array(xml.utf8), path: "p.xml", with: handler)
        return handler.events
    }

    static let endsEarly = "the part ends early or has content after its root element"
    static let mismatch = "an end tag does not match its start tag"
    static let extra = "extra content after the root element"

    @Test(arguments: [
        ("<a>\n  <b x='1' x='2'/>\n</a>", 2, 12, "duplicate attribute"),
        ("<a xmlns:p='urn:p' xmlns:q='urn:p' p:x='1' q:x='2'/>", 1, 44, "duplicate attribute"),
        ("<a xmlns:p='urn:p' xmlns:p='urn:q'/>", 1, 20, "duplicate attribute"),
        ("<a x='a<b'/>", 1, 8, "'<' inside an attribute value"),
        ("<a x=1/>", 1, 6, "invalid attribute"),
        ("<a x='1'y='2'/>", 1, 9, "invalid attribute"),
        ("<a x></a>", 1, 5, "invalid attribute"),
        ("<a>\r\n&foo;</a>", 2, 1, "undefined entity"),
        ("<a>\r\r&foo;</a>", 3, 1, "undefined entity"),
        ("<a>&lt</a>", 1, 4, "invalid entity reference"),
        ("<a>& b</a>", 1, 4, "invalid entity reference"),
        ("<a>&#1;</a>", 1, 4, "invalid character reference"),
        ("<a>x&#xD800;</a>", 1, 5, "invalid character reference"),
        ("<a>&#x110000;</a>", 1, 4, "invalid character reference"),
        ("<a>&#;</a>", 1, 4, "invalid character reference"),
        ("<a>Đx\u{1}</a>", 1, 6, "invalid character"),
        ("<a>\u{FFFE}</a>", 1, 4, "invalid character"),
        ("<a><!-- x -- y --></a>", 1, 11, "'--' inside a comment"),
        ("<a><!-- x ---></a>", 1, 11, "'--' inside a comment"),
        ("<a>]]></a>", 1, 4, "']]>' in text"),
        ("<a><!x></a>", 1, 4, "'<!' starts neither a comment nor a CDATA section"),
        ("<a></a x>", 1, 8, "'>' expected"),
        ("<a/ >", 1, 4, "'>' expected"),
        ("<1a/>", 1, 2, "invalid element name"),
        ("<a:b:c/>", 1, 2, "invalid name"),
        ("<:a/>", 1, 2, "invalid name"),
        ("<a w:-x='1'/>", 1, 4, "invalid name"),
        ("<a><w:.b/></a>", 1, 5, "invalid name"),
        ("<?xmll x?><a/>", 1, 3, "a processing instruction name beginning with \"xml\" is reserved"),
        ("<a><?XML-x y?></a>", 1, 6, "a processing instruction name beginning with \"xml\" is reserved"),
        ("x<a/>", 1, 1, "start tag expected"),
        ("<a/><b/>", 1, 5, extra),
        ("<a/>\n x", 2, 2, extra),
        ("<a/></a>", 1, 5, extra),
        ("<![CDATA[x]]><a/>", 1, 1, "start tag expected"),
        // As libxml2 (which the existing tests pin): a mismatched end tag or an unbound prefix
        // is reported where the scan stops, at the end or at a later error.
        ("<a></b>", 1, 8, mismatch),
        ("<a>\n<b></c>\n</a>  ", 3, 7, mismatch),
        ("<a></b><c/>", 1, 8, extra),
        ("<p:a>\n</p:a>", 2, 7, "undefined namespace prefix"),
        ("<a p:x='1'/>", 1, 13, "undefined namespace prefix"),
        ("<a>\n<b>\n</a>", 3, 5, endsEarly),
        ("<a>", 1, 4, endsEarly),
        ("<a><b x='1", 1, 11, endsEarly),
        ("<a><!-- x -", 1, 12, endsEarly),
        ("<a><![CDA", 1, 10, endsEarly),
        ("<a><![CDATA[x]]", 1, 16, endsEarly),
        ("<a>&am", 1, 7, endsEarly),
        ("<a xmlns:p='a b'/>", 1, 4, "a namespace name that is not a URI reference"),
        ("<a xmlns:p=''/>", 1, 4, "invalid namespace declaration"),
        ("<a xmlns:xml='urn:x'/>", 1, 4, "invalid namespace declaration"),
        ("<a xmlns:xmlns='urn:x'/>", 1, 4, "invalid namespace declaration"),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", 1, 31,
         "unsupported encoding \"ISO-8859-1\" (only UTF-8 and UTF-16 are read)"),
        ("<?xml encoding=\"UTF-8\"?><a/>", 1, 7, "invalid XML declaration"),
        ("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", 1, 31, "the encoding declaration \"UTF-16\" does not match the part's bytes"),
        ("<?xml version='1.1'?><a/>", 1, 16, "unsupported XML version \"1.1\""),
        ("<?xml version=\"1.0\"standalone='yes'?><a/>", 1, 20, "invalid XML declaration"),
        ("<?xml?><a/>", 1, 1, "invalid XML declaration"),
        ("<a>\n<?xml version='1.0'?></a>", 2, 1, "an XML declaration is allowed only at the start of the part"),
        ("<a><?p:q x?></a>", 1, 6, "invalid processing instruction"),
        ("<a><?p!x?></a>", 1, 7, "invalid processing instruction"),
        ("<a xmlns='urn:a'><b xmlns='b/c'/></a>", 1, 21, "a default namespace that is not an absolute URI"),
        ("<a xml:space='keep'/>", 1, 4, "xml:space must be \"default\" or \"preserve\""),
    ] as [(String, Int, Int, String)])
    func errorPosition(xml: String, line: Int, column: Int, reason: String) {
        #expect(Self.error(Array(xml.utf8)) == .malformedXML(path: "p.xml", line: line, column: column, reason: reason))
    }

    @Test func invalidBytes() {
        // "<a>Đ" is four characters: the bad byte is the fifth.
        #expect(Self.error(Array("<a>Đ".utf8) + [0xFF] + Array("</a>".utf8))
                == .malformedXML(path: "p.xml", line: 1, column: 5, reason: "invalid character"))
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE1, 0xBA], [0xF4, 0x90, 0x80, 0x80], [0x80], [0x00]] {
            #expect(Self.error(Array("<a>\nx".utf8) + bad + Array("</a>".utf8))
                    == .malformedXML(path: "p.xml", line: 2, column: 2, reason: "invalid character"))
        }
        // Past the end of the root element too.
        #expect(Self.error(Array("<a/>\n\n".utf8) + [0xFF])
                == .malformedXML(path: "p.xml", line: 3, column: 1, reason: "invalid character"))
        // A BOM is not a character of line 1.
        #expect(Self.error([0xEF, 0xBB, 0xBF] + Array("<a>".utf8) + [0x01])
                == .malformedXML(path: "p.xml", line: 1, column: 4, reason: "invalid character"))
    }

    @Test func utf16Errors() {
        func little(_ units: [UInt16]) -> [UInt8] { [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        let a = Array("<a>".utf16), close = Array("</a>".utf16)
        #expect(Self.error(little(a + [0xD800] + close)) == .malformedXML(path: "p.xml", line: 1, column: 4, reason: "invalid character"))
        #expect(Self.error(little(a + [0xDC00] + close)) == .malformedXML(path: "p.xml", line: 1, column: 4, reason: "invalid character"))
        #expect(Self.error(little(a + close) + [0x41]) == .malformedXML(path: "p.xml", line: 1, column: 8, reason: "invalid character"))
        #expect(Self.error(little(a + [0x0001] + close)) == .malformedXML(path: "p.xml", line: 1, column: 4, reason: "invalid character"))
    }

    @Test func declaredEncodings() throws {
        func little(_ xml: String) -> [UInt8] { [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        func big(_ xml: String) -> [UInt8] { [0xFE, 0xFF] + xml.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
        for declared in ["UTF-8", "utf8", "UTF-16", "utf-16le"] {
            #expect(Self.error(little("<?xml version='1.0' encoding='\(declared)'?><a/>")) == nil)
        }
        #expect(Self.error(big("<?xml version='1.0' encoding='UTF-16BE'?><a/>")) == nil)
        #expect(Self.error(big("<?xml version='1.0' encoding='UTF-16LE'?><a/>"))
                == .malformedXML(path: "p.xml", line: 1, column: 31, reason: "the encoding declaration \"UTF-16LE\" does not match the part's bytes"))
        #expect(Self.error(Array("<?xml version='1.0' encoding='Utf-8'?><a/>".utf8)) == nil)
        #expect(Self.error([0xEF, 0xBB, 0xBF] + Array("<?xml version='1.0' encoding='utf8'?><a/>".utf8)) == nil)
    }

    @Test func depthLimit() throws {
        let deepest = String(repeating: "<a>", count: 256) + String(repeating: "</a>", count: 256)
        #expect(try Self.events(deepest).count == 512)
        let tooDeep = String(repeating: "<a>", count: 257) + String(repeating: "</a>", count: 257)
        #expect(Self.error(Array(tooDeep.utf8)) == .malformedXML(path: "p.xml", line: 1, column: 769,
                                                                reason: "elements are nested too deeply (more than 256 levels)"))
        // Skipped subtrees count too, and a long flat document is no problem.
        let flat = "<a>" + String(repeating: "<b><c/></b>", count: 100_000) + "</a>"
        #expect(try Self.events(flat).count == 400_002)
    }

    @Test func textAndAttributes() throws {
        let xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<!-- c --><?pi x?>"
            + "<x:document xmlns:x=\"\(Self.word)\"><x:t xml:space=\"preserve\" x:val='a\"\tb\r\nc&#10;d&#9;e&#13;f' v=\"'&lt;&amp;&gt;&quot;&apos;\">"
            + "one\r\ntwo\rthree<!-- in between --><![CDATA[<&amp;>\r\n]]>&#x1EA0;&#7840;&#x1F600;</x:t></x:document>\n<!-- end -->\n"
        #expect(try Self.events(xml) == [
            .open("document", [:]),
            .open("t", ["xml:space": "preserve", "x:val": "a\" b c\nd\te\rf", "v": "'<&>\"'"]),
            .text("one\ntwo\nthree<&amp;>\nẠẠ😀"),
            .close("t"),
            .close("document"),
        ])
    }

    @Test func namespacesAndSkippedSubtrees() throws {
        let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
        let xml = "<document xmlns=\"\(Self.word)\" xmlns:mc=\"\(mc)\"><p xmlns=\"urn:other\"><t>no</t></p>"
            + "<mc:AlternateContent><mc:Choice Requires=\"w14\"><t>choice</t></mc:Choice><mc:Fallback><t>fallback</t></mc:Fallback></mc:AlternateContent>"
            + "<del><t>deleted</t></del><w:t xmlns:w=\"\(Self.word)\" w:val=\"1\">kept</w:t><t xmlns=\"\">none</t></document>"
        #expect(try Self.events(xml) == [
            .open("document", [:]),
            .open("", [:]), .open("", [:]), .text("no"), .close(""), .close(""),
            .open("", [:]), .open("", [:]), .open("t", [:]), .text("fallback"), .close("t"), .close(""), .close(""),
            .open("t", ["w:val": "1"]), .text("kept"), .close("t"),
            .open("", [:]), .text("none"), .close(""),
            .close("document"),
        ])
    }

    @Test(arguments: [
        ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", true), ("urn:a?b?c", true), ("#f", true),
        ("foo", true), ("a/b:c", true), ("http://[::1]:80/", true), ("http://u:p@ex.com:80/x", true), ("%41", true), ("", true),
        ("a b", false), ("ht'tp://x", false), ("1a:b", false), ("urn:a#b#c", false), ("x[1]", false), ("%zz", false),
        ("a%2", false), ("urn:Đ", false), ("http://ex.com:8x0/", false), ("a|b", false), ("a>b", false),
    ])
    func namespaceNamesAreURIReferences(name: String, valid: Bool) {
        #expect(URIReference.isValid(name) == valid)
    }
}
