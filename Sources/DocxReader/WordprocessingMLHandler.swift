/// SAX plumbing shared by the three parts the reader parses (document, styles, numbering):
/// namespace filtering, the subtrees Word does not display, and the refusal of DTDs. The XML
/// itself is read by `XMLScanner`.

/// Base class of the part parsers. Subclasses see only WordprocessingML elements by local
/// name (other namespaces arrive as `""`, so `a:t` in a drawing is never mistaken for `w:t`),
/// and never see the subtrees listed in `skippedElements` or an `mc:Choice`.
class WordprocessingMLHandler {
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

    // MARK: Called by XMLScanner

    final func startElement(_ elementName: String, namespaceURI: String?, attributes: [String: String]) {
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
        didOpen(name, attributes: attributes)
    }

    final func endElement() {
        if skippedDepth > 0 {
            skippedDepth -= 1
            return
        }
        guard let name = openElements.last else { return }
        didClose(name)
        openElements.removeLast()
    }

    /// False inside a skipped subtree, where text is not wanted.
    final var wantsText: Bool { skippedDepth == 0 }

    final func characters(_ text: String) {
        if skippedDepth == 0 { didFindText(text) }
    }
}

/// Runs a handler over one part, refusing DTDs before the parser sees them.
enum XMLPartParser {
    static func parse(_ bytes: [UInt8], path: String, with handler: WordprocessingMLHandler) throws(DocxError) {
        if declaresDoctype(bytes) { throw .doctypeRefused(path: path) }
        do {
            try XMLScanner.scan(bytes, with: handler)
        } catch {
            throw .malformedXML(path: path, line: error.line, column: error.column, reason: error.reason)
        }
        // An empty or whitespace-only part (or one with only a declaration and comments).
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
                    // ASCII upper-casing: XMLScanner would reject `<!doctype` anyway, but refusing costs nothing.
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
}
