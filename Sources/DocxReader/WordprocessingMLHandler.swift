/// SAX plumbing shared by the three parts the reader parses (document, styles, numbering):
/// namespace filtering, the subtrees Word does not display, and the refusal of DTDs.

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Base class of the part parsers. Subclasses see only WordprocessingML elements by local
/// name (other namespaces arrive as `""`, so `a:t` in a drawing is never mistaken for `w:t`),
/// and never see the subtrees listed in `skippedElements` or an `mc:Choice`.
class WordprocessingMLHandler: NSObject, XMLParserDelegate {
    private static let transitionalNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    private static let strictNamespace = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    private static let markupCompatibilityNamespace = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    /// Local names of the open elements, innermost last.
    private(set) var openElements: [String] = []
    private var skippedDepth = 0
    private(set) var sawRootElement = false
    private let skippedElements: Set<String>

    init(skippedElements: Set<String>) {
        self.skippedElements = skippedElements
    }

    // MARK: Hooks for subclasses

    func didOpen(_ name: String, attributes: [String: String]) {}
    func didClose(_ name: String) {}
    func didFindText(_ text: String) {}

    /// The name of the element enclosing the current one, `levels` up (1 = parent).
    final func ancestor(_ levels: Int) -> String {
        let position = openElements.count - 1 - levels
        return position >= 0 ? openElements[position] : ""
    }

    /// A WordprocessingML attribute by local name. Word always writes the `w:` prefix; other
    /// producers may bind the namespace to another prefix.
    final func attribute(_ localName: String, in attributes: [String: String]) -> String? {
        if let value = attributes["w:" + localName] { return value }
        for (key, value) in attributes {
            if key == localName || (key.hasSuffix(localName) && key.dropLast(localName.count).last == ":") {
                return value
            }
        }
        return nil
    }

    // MARK: XMLParserDelegate

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        sawRootElement = true
        if skippedDepth > 0 {
            skippedDepth += 1
            return
        }
        let isWordElement = namespaceURI == Self.transitionalNamespace || namespaceURI == Self.strictNamespace
        // Markup compatibility: a consumer that does not understand the Choice's requirements
        // reads the Fallback, and only one of the two may be read.
        if (isWordElement && skippedElements.contains(elementName))
            || (elementName == "Choice" && namespaceURI == Self.markupCompatibilityNamespace) {
            skippedDepth = 1
            return
        }
        let name = isWordElement ? elementName : ""
        openElements.append(name)
        didOpen(name, attributes: attributeDict)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        if skippedDepth > 0 {
            skippedDepth -= 1
            return
        }
        guard let name = openElements.last else { return }
        didClose(name)
        openElements.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if skippedDepth == 0 { didFindText(string) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if skippedDepth == 0 { didFindText(String(decoding: CDATABlock, as: UTF8.self)) }
    }
}

/// Runs a handler over one part, refusing DTDs before the parser sees them.
enum XMLPartParser {
    static func parse(_ bytes: [UInt8], path: String, with handler: WordprocessingMLHandler) throws(DocxError) {
        if declaresDoctype(bytes) { throw .doctypeRefused(path: path) }
        // Through a stream, FoundationXML feeds libxml2 in small chunks; handed a whole `Data`
        // it passes one chunk, and libxml2 (without XML_PARSE_HUGE) stops past 10 MB with an
        // internal error ("huge input lookup") on a large but valid document.
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        // Belt and braces: a DOCTYPE never reaches the parser, and if one did, nothing it
        // names would be fetched.
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let succeeded = parser.parse()
        // FoundationXML on Linux can return true and still record an error (a document that
        // ends inside an element), so the error decides.
        if let error = parser.parserError {
            throw .malformedXML(path: path, line: parser.lineNumber, column: parser.columnNumber,
                                reason: reason(for: (error as NSError).code))
        }
        if !succeeded {
            throw .malformedXML(path: path, line: parser.lineNumber, column: parser.columnNumber, reason: "parsing failed")
        }
        // The streaming parser accepts an empty or whitespace-only part without complaint.
        if !handler.sawRootElement {
            throw .malformedXML(path: path, line: 1, column: 1, reason: "the part has no root element")
        }
    }

    /// A DTD can only come as `<!DOCTYPE`; within text a `<` is always escaped, so a plain byte
    /// search finds every declaration, in UTF-8 and in UTF-16 of either byte order.
    static func declaresDoctype(_ bytes: [UInt8]) -> Bool {
        let keyword = Array("<!DOCTYPE".utf8)
        return contains(keyword, in: bytes, stride: 1, offset: 0)
            || contains(keyword, in: bytes, stride: 2, offset: 0)
            || contains(keyword, in: bytes, stride: 2, offset: 1)
    }

    private static func contains(_ keyword: [UInt8], in bytes: [UInt8], stride: Int, offset: Int) -> Bool {
        let span = (keyword.count - 1) * stride + 1
        guard bytes.count >= span + offset else { return false }
        var start = offset
        while start + span <= bytes.count {
            if bytes[start] == UInt8(ascii: "<") {
                var matched = true
                for (position, expected) in keyword.enumerated().dropFirst() {
                    // ASCII upper-casing: libxml2 would reject `<!doctype`, but refusing costs nothing.
                    let byte = bytes[start + position * stride]
                    if byte & 0xDF != expected & 0xDF || (expected == UInt8(ascii: "!") && byte != expected) {
                        matched = false
                        break
                    }
                }
                if matched { return true }
            }
            start += stride
        }
        return false
    }

    /// libxml2's error numbers, which FoundationXML passes through as the NSError code (on Linux
    /// the `XMLParser.ErrorCode` enum is numbered differently, so it cannot be used to name them).
    private static func reason(for code: Int) -> String {
        switch code {
        case 3: return "start tag expected"
        case 4: return "the part is empty"
        case 5: return "the part ends early or has content after its root element"
        case 86: return "extra content after the root element"
        case 9: return "invalid character"
        case 26: return "undefined entity"
        case 38: return "'<' inside an attribute value"
        case 39, 40, 41: return "invalid attribute"
        case 73: return "'>' expected"
        case 76: return "an end tag does not match its start tag"
        case 77: return "the part ends inside an element"
        case 85: return "elements are not properly nested"
        case 89: return "entity reference loop"
        case 201: return "undefined namespace prefix"
        default: return "XML error \(code)"
        }
    }
}
