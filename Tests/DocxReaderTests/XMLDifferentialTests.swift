/// `XMLScanner` against the parser it replaced: FoundationXML's `XMLParser` (libxml2) wired to
/// the handler logic exactly as `WordprocessingMLHandler` was before. On every input both must
/// report the same hook calls (open with attributes, close, the text between two tags
/// concatenated) or both refuse it. Where the scanner is stricter on purpose, the test says so.

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DocxReader

enum HookEvent: Equatable, CustomStringConvertible {
    case open(String, [String: String])
    case close(String)
    case text(String)

    var description: String {
        switch self {
        case .open(let name, let attributes):
            return "<\(name) \(attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.debugDescription)" }.joined(separator: " "))>"
        case .close(let name): return "</\(name)>"
        case .text(let text): return text.debugDescription
        }
    }

    static func append(_ event: HookEvent, to events: inout [HookEvent]) {
        if case .text(let more) = event, case .text(let text)? = events.last {
            events[events.count - 1] = .text(text + more)
        } else {
            events.append(event)
        }
    }
}

/// The subtrees skipped in the comparison: some of the body handler's, so skipping is covered.
let differentialSkippedElements: Set<String> = ["del", "txbxContent", "pPrChange"]

/// The scanner's side: a handler that records its hooks.
final class RecordingHandler: WordprocessingMLHandler {
    var events: [HookEvent] = []

    init() { super.init(skippedElements: differentialSkippedElements) }

    override func didOpen(_ name: String, attributes: [String: String]) { HookEvent.append(.open(name, attributes), to: &events) }
    override func didClose(_ name: String) { HookEvent.append(.close(name), to: &events) }
    override func didFindText(_ text: String) { HookEvent.append(.text(text), to: &events) }
}

/// The old plumbing (WordprocessingMLHandler and XMLPartParser.parse before XMLScanner), kept
/// as the oracle.
final class LegacyXMLParserHandler: NSObject, XMLParserDelegate {
    private static let transitionalNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    private static let strictNamespace = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    private static let markupCompatibilityNamespace = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    private(set) var openElements: [String] = []
    private var skippedDepth = 0
    private(set) var sawRootElement = false
    private let skippedElements = differentialSkippedElements
    var events: [HookEvent] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        sawRootElement = true
        if skippedDepth > 0 {
            skippedDepth += 1
            return
        }
        let isWordElement = namespaceURI == Self.transitionalNamespace || namespaceURI == Self.strictNamespace
        if (isWordElement && skippedElements.contains(elementName))
            || (elementName == "Choice" && namespaceURI == Self.markupCompatibilityNamespace) {
            skippedDepth = 1
            return
        }
        let name = isWordElement ? elementName : ""
        openElements.append(name)
        HookEvent.append(.open(name, attributeDict), to: &events)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        if skippedDepth > 0 {
            skippedDepth -= 1
            return
        }
        guard let name = openElements.last else { return }
        HookEvent.append(.close(name), to: &events)
        openElements.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if skippedDepth == 0 { HookEvent.append(.text(string), to: &events) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        // libxml2 leaves CRs in a CDATA section; XML 1.0 (2.11) normalises line ends before
        // parsing, and so does the scanner. Word never writes CDATA.
        let text = String(decoding: CDATABlock, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        if skippedDepth == 0 { HookEvent.append(.text(text), to: &events) }
    }

    /// FoundationXML's parser crashes (in strlen) when two run at once on different threads,
    /// and Swift Testing runs tests in parallel.
    private static let lock = NSLock()

    /// The hook calls, or nil where the old `XMLPartParser.parse` threw.
    static func events(of bytes: [UInt8]) -> [HookEvent]? {
        if XMLPartParser.declaresDoctype(bytes) { return nil }
        lock.lock()
        defer { lock.unlock() }
        let handler = LegacyXMLParserHandler()
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let succeeded = parser.parse()
        if parser.parserError != nil || !succeeded || !handler.sawRootElement { return nil }
        return handler.events
    }
}

enum DifferentialOutcome {
    case same
    case differ(String)
}

/// Compares the two on one input.
func compareParsers(_ bytes: [UInt8]) -> DifferentialOutcome {
    if crashesFoundationXML(bytes) { return .same }
    let handler = RecordingHandler()
    var refusal: DocxError?
    do {
        try XMLPartParser.parse(bytes, path: "part.xml", with: handler)
    } catch {
        refusal = error
    }
    // FoundationXML traps on invalid UTF-8 inside a name (libxml2 passes the bytes on before
    // it reports them); libxml2 refuses invalid UTF-8 everywhere, so the scanner must too.
    let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    if !utf16 && String(validating: bytes, as: UTF8.self) == nil {
        return refusal == nil ? .differ("invalid UTF-8 accepted") : .same
    }
    let legacy = LegacyXMLParserHandler.events(of: bytes)
    switch (legacy, refusal) {
    case (let legacy?, nil):
        if legacy == handler.events { return .same }
        let index = (0..<min(legacy.count, handler.events.count)).first { legacy[$0] != handler.events[$0] } ?? min(legacy.count, handler.events.count)
        return .differ("different hooks at event \(index): libxml2 \(legacy.dropFirst(index).prefix(3)), scanner \(handler.events.dropFirst(index).prefix(3))")
    case (nil, nil):
        return .differ("libxml2 refuses, the scanner accepts")
    case (nil, _?):
        return .same
    case (_?, let refusal?):
        if case .malformedXML(_, _, _, let reason) = refusal, scannerIsStricter(reason, bytes) { return .same }
        return .differ("libxml2 accepts, the scanner refuses: \(refusal)")
    }
}

/// FoundationXML dereferences a null pointer (strlen) on a processing instruction without
/// data, `<?x?>`, so such inputs cannot be compared.
func crashesFoundationXML(_ bytes: [UInt8]) -> Bool {
    var index = 0
    while index + 1 < bytes.count {
        if bytes[index] == UInt8(ascii: "<") && bytes[index + 1] == UInt8(ascii: "?") {
            var end = index + 2
            while end < bytes.count && ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "?")].contains(bytes[end]) { end += 1 }
            if end + 1 < bytes.count && bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">") { return true }
        }
        index += 1
    }
    return false
}

/// Where the scanner refuses what FoundationXML let through, on purpose:
/// - a part that ends inside an element (libxml2's push parser, fed a stream, reports it only
///   sometimes: `<a>` alone passes, `<a><b>` does not);
/// - nesting deeper than 256 (FoundationXML on Linux accepted any depth);
/// - an encoding other than UTF-8 and UTF-16 (libxml2 converts through iconv; Word never
///   writes one).
/// - no space between `encoding="…"` and `standalone` in the XML declaration (libxml2 requires
///   it between version and encoding, not there).
func scannerIsStricter(_ reason: String, _ bytes: [UInt8]) -> Bool {
    reason == "the part ends early or has content after its root element"
        || reason.hasPrefix("elements are nested too deeply")
        || reason.hasPrefix("unsupported encoding")
        || (reason == "invalid XML declaration" && String(decoding: bytes, as: UTF8.self).contains(/encoding=("[^"]*"|'[^']*')standalone/))
}

/// Every `*.xml` and `*.rels` part of the .docx files in a directory.
func xmlParts(inDocxFilesIn directory: URL) -> [(name: String, bytes: [UInt8])] {
    let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
    var parts: [(String, [UInt8])] = []
    for file in files.sorted(by: { $0.path < $1.path }) {
        guard let data = try? Data(contentsOf: file), var container = try? ZipContainer(bytes: [UInt8](data), limits: DocxLimits()) else {
            continue
        }
        for path in container.paths.sorted() where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            if let bytes = try? container.contents(of: path) { parts.append((file.lastPathComponent + "/" + path, bytes)) }
        }
    }
    return parts
}

/// A small deterministic generator (SplitMix64), so a failure names an input that comes back.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum GeneratedXML {
    static let word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    static let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    static let prologs = [
        "", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n", "<?xml version='1.0'?>",
        "\u{FEFF}", "<!-- made by hand -->\n", "<?mso-application progid=\"Word.Document\"?>\n",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!--c-->\n<?pi ?>",
    ]

    /// Roots that bind the WordprocessingML namespace to `w`, another prefix, or the default.
    static let roots: [(open: String, close: String, prefix: String)] = [
        ("<w:document xmlns:w=\"\(word)\" xmlns:mc=\"\(mc)\">", "</w:document>", "w:"),
        ("<x:document xmlns:x=\"\(word)\" xmlns:mc='\(mc)'>", "</x:document>", "x:"),
        ("<document xmlns=\"\(word)\" xmlns:mc=\"\(mc)\">", "</document>", ""),
        ("<w:document xmlns:w='\(strict)' xmlns:mc=\"\(mc)\" >", "</w:document >", "w:"),
        ("<w:document\n\txmlns:w=\"\(word)\"\r\n xmlns:mc=\"\(mc)\">", "</w:document>", "w:"),
    ]

    static func piece(_ p: String, _ random: inout SeededGenerator) -> String {
        let texts = ["Báo cáo tháng 5", "a &lt; b &amp;&amp; c &gt; d", "&apos;x&quot;", "&#65;&#x1EA0;&#x10000;&#9;&#13;",
                     "line\r\nnext\rlast\n", "  ", "]] > ]", "tab\there", "Đ&#272;đ", "<![CDATA[a<b & c]]>", "x<!-- note -->y",
                     "p<?pi x?>q", "<![CDATA[\r\n]]]]><![CDATA[>]]>", "ĐẮK LẮK 123"]
        let text = texts.randomElement(using: &random)!
        switch Int.random(in: 0..<16, using: &random) {
        case 0: return "<\(p)p><\(p)r><\(p)t xml:space=\"preserve\">\(text)</\(p)t></\(p)r></\(p)p>"
        case 1: return "<\(p)p><\(p)pPr><\(p)pStyle \(p)val=\"Heading1\"/><\(p)numPr><\(p)ilvl \(p)val='0'/></\(p)numPr></\(p)pPr><\(p)r><\(p)t>\(text)</\(p)t></\(p)r></\(p)p>"
        case 2: return "<\(p)p \(p)rsidR=\"00AB\" \(p)x='a\"b' \(p)y=\"a'b\" z=\"\tt\r\nu\nv&#10;w&#9;x&#13;\"/>"
        case 3: return "<mc:AlternateContent><mc:Choice Requires=\"wps\"><\(p)r><\(p)t>choice</\(p)t></\(p)r></mc:Choice><mc:Fallback><\(p)r><\(p)t>fallback</\(p)t></\(p)r></mc:Fallback></mc:AlternateContent>"
        case 4: return "<\(p)del \(p)id=\"1\"><\(p)r><\(p)delText>gone</\(p)delText></\(p)r></\(p)del><\(p)ins><\(p)r><\(p)t>kept</\(p)t></\(p)r></\(p)ins>"
        case 5: return "<q:r xmlns:q=\"\(word)\"><q:t>rebound</q:t></q:r>"
        case 6: return "<\(p)r xmlns:\(p.isEmpty ? "w" : String(p.dropLast()))=\"urn:other\"><\(p)t>other namespace</\(p)t></\(p)r>"
        case 7: return "<a:graphic xmlns:a=\"urn:drawing\"><a:t>drawing text</a:t><plain>x</plain></a:graphic>"
        case 8:
            let depth = Int.random(in: 1...60, using: &random)
            return String(repeating: "<\(p)sdt>", count: depth) + text + String(repeating: "</\(p)sdt>", count: depth)
        case 9: return "<\(p)tbl><\(p)tr><\(p)tc><\(p)p><\(p)r><\(p)t>\(text)</\(p)t></\(p)r></\(p)p></\(p)tc></\(p)tr></\(p)tbl>"
        case 10: return "\r\n  <!-- a comment - with a dash -->\r\n"
        case 11: return "<\(p)r><\(p)t>\(text)</\(p)t><\(p)tab/><\(p)br \(p)type=\"page\" /></\(p)r>"
        case 12: return "<e xmlns=\"urn:x\" xmlns:w2=\"\(word)\" w2:val=\"v\"><w2:t>\(text)</w2:t><in xmlns=\"\">i</in></e>"
        case 13: return "<\(p)txbxContent><\(p)p><\(p)r><\(p)t>in a text box</\(p)t></\(p)r></\(p)p></\(p)txbxContent>"
        case 14: return text
        default: return "<\(p)p/>"
        }
    }

    static func document(_ random: inout SeededGenerator) -> [UInt8] {
        let root = roots.randomElement(using: &random)!
        var body = ""
        for _ in 0..<Int.random(in: 0...8, using: &random) { body += piece(root.prefix, &random) }
        let xml = prologs.randomElement(using: &random)! + root.open + "<\(root.prefix)body>" + body
            + "</\(root.prefix)body>" + root.close + ["", "\n", "\r\n<!-- end -->  ", "<?pi end?>"].randomElement(using: &random)!
        return Array(xml.utf8)
    }

    static let insertions: [[UInt8]] = [
        Array("&".utf8), Array("<".utf8), Array(">".utf8), Array("]]>".utf8), Array("&foo;".utf8), Array("&#0;".utf8),
        Array("&#xD800;".utf8), Array("&#x110000;".utf8), Array("&lt".utf8), Array("--".utf8), Array("<!--".utf8),
        Array("-->".utf8), Array("</w:p>".utf8), Array("<w:p>".utf8), Array("<z:p>".utf8), Array("\"".utf8), Array("'".utf8),
        Array(" a=\"1\"".utf8), Array(" a='1' a='2'".utf8), Array("<![CDATA[".utf8), Array("<?x ?>".utf8),
        Array("<?xml version=\"1.0\"?>".utf8), Array("xmlns:w=\"\"".utf8), [0x00], [0x01], [0x0C], [0xFF], [0xC3], [0xE1, 0xBA],
        [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xC0, 0xAF], Array("<:a>".utf8), Array("<a:b:c>".utf8), Array("&#x;".utf8),
        Array("<!x>".utf8), Array("=".utf8), Array("/".utf8), Array("?>".utf8), [0x0D], [0x0A], [0x09],
    ]

    /// The document, then changed: cut short, a byte replaced, dropped or duplicated, or a
    /// troublesome snippet inserted.
    static func mutated(_ random: inout SeededGenerator) -> [UInt8] {
        var bytes = document(&random)
        for _ in 0..<Int.random(in: 1...2, using: &random) {
            let position = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes.removeSubrange(position...)
            case 1: if position < bytes.count { bytes[position] = UInt8.random(in: 0...255, using: &random) }
            case 2: if position < bytes.count { bytes.remove(at: position) }
            case 3: if position < bytes.count { bytes.insert(bytes[position], at: position) }
            default: bytes.insert(contentsOf: insertions.randomElement(using: &random)!, at: position)
            }
        }
        return bytes
    }
}

@Suite struct XMLDifferentialTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyPartOfTheFixtureDocuments() {
        var parts = xmlParts(inDocxFilesIn: FixtureFiles.url("bao-cao-thang.docx").deletingLastPathComponent())
        parts += xmlParts(inDocxFilesIn: Self.packageRoot.appendingPathComponent("samples"))
        #expect(parts.count > 30)
        for (name, bytes) in parts {
            if case .differ(let difference) = compareParsers(bytes) { Issue.record("\(name): \(difference)") }
        }
    }

    /// The fuzzing corpus, when this machine has one; the test does not depend on it.
    @Test func everyPartOfTheFuzzingCorpus() {
        for (name, bytes) in xmlParts(inDocxFilesIn: URL(fileURLWithPath: "/tmp/reportlint-fuzz/docx-corpus")) {
            if case .differ(let difference) = compareParsers(bytes) { Issue.record("\(name): \(difference)") }
        }
    }

    @Test func generatedDocuments() {
        var random = SeededGenerator(state: 2026)
        for number in 0..<400 {
            let bytes = GeneratedXML.document(&random)
            if case .differ(let difference) = compareParsers(bytes) {
                Issue.record("document \(number) \(String(decoding: bytes, as: UTF8.self).debugDescription): \(difference)")
            }
        }
    }

    /// XMLDIFF_MUTATIONS and XMLDIFF_SEED run more, or others.
    @Test func mutatedDocuments() {
        let environment = ProcessInfo.processInfo.environment
        var random = SeededGenerator(state: environment["XMLDIFF_SEED"].flatMap { UInt64($0) } ?? 11)
        for number in 0..<(environment["XMLDIFF_MUTATIONS"].flatMap { Int($0) } ?? 1500) {
            let bytes = GeneratedXML.mutated(&random)
            if case .differ(let difference) = compareParsers(bytes) {
                Issue.record("mutation \(number) \(String(decoding: bytes, as: UTF8.self).debugDescription): \(difference)")
            }
        }
    }

    @Test(arguments: [
        "<a>&lt;&gt;&amp;&apos;&quot;&#x41;&#66;&#x1F600;</a>",
        "<a x=\"&lt;&#9;\t&#10;\n&#13;\r\n.\" y='\"' z=\"'\"/>",
        "<a>one\r\ntwo\rthree\r\r\nfour</a>",
        "<a><![CDATA[<b>&amp;\r\n]]></a>",
        "<a><!----><!-- - --><?p ?><?p x?></a>",
        "<a xmlns=\"\(GeneratedXML.word)\"><b xmlns=\"\"><c/></b><w:c xmlns:w=\"\(GeneratedXML.word)\"/></a>",
        "<p:a xmlns:p=\"\(GeneratedXML.word)\"><p:b xmlns:p=\"urn:x\"><p:c/></p:b><p:d/></p:a>",
        "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:p\" p:x=\"1\" q:x=\"2\"/>",
        "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" p:x=\"1\" q:x=\"2\"/>",
        "<a b:c=\"1\"/>", "<b:a/>", "<a>\u{1}</a>", "<a>&#1;</a>", "<a><!-- x -- y --></a>", "<a>]]></a>",
        "<a></b>", "<a/><b/>", "<a/>x", "x<a/>", "<a x=1/>", "<a x='<'/>", "<a x='1' x='2'/>", "<a x='1'y='2'/>",
        "<a>&foo;</a>", "<a>&#xD800;</a>", "<a:b:c/>", "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", "<?xml encoding=\"UTF-8\"?><a/>", "<a><!DOCTYPE x></a>",
        "<a><b></a></b>", "<a>\u{FFFF}</a>", "<a><b/><c></c></a>  \n", "<a>", "<a><b>",
        "<?xml version=\"1.1\"?><a/>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", "<?xml version=\"1.0\" encoding=\"utf8\"?><a/>",
        "<?xml version=\"1.0\" standalone=\"maybe\"?><a/>", "<?XML x?><a/>", "<a xml:space=\"keep\"/>", "<a xml:space=\"default\"/>",
        "<a xmlns=\"b/c\"/>", "<a xmlns=\"#f\"/>", "<a xmlns:p=\"b/c\"/>", "<a xmlns:p=\"ht'tp://x\"/>", "<a xmlns:p=\"urn:Đ\"/>",
        "<a xmlns:p=\"http://www.w3.org/XML/1998/namespace\"/>", "<a xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"/>",
        "<a>&#x85;&#x2028;</a>", "<?xml version=\"1.0\" encoding=\"UTF-8\"standalone=\"yes\"?><a/>", "<?xmll x?><a/>",
        "<a><?XmL-x y?></a>", "<a><?xml-model y?></a>", "<a><w:-b xmlns:w=\"urn:w\"/></a>", "<a><w:.b xmlns:w=\"urn:w\"/></a>", "<a xml:lang=\"vi_VN\"/>", "<a p:b=\"1\" xmlns:p=\"urn:x\"/>",
    ])
    func handWrittenCases(xml: String) {
        if case .differ(let difference) = compareParsers(Array(xml.utf8)) { Issue.record("\(xml.debugDescription): \(difference)") }
    }

    @Test func utf16WithEitherByteOrder() {
        let xml = "<w:document xmlns:w=\"\(GeneratedXML.word)\"><w:t a=\"Đ\">Báo cáo 😀</w:t></w:document>"
        let big: [UInt8] = [0xFE, 0xFF] + xml.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let little: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        for bytes in [big, little] {
            if case .differ(let difference) = compareParsers(bytes) { Issue.record("\(difference)") }
            let handler = RecordingHandler()
            #expect(throws: Never.self) { try XMLPartParser.parse(bytes, path: "p", with: handler) }
            #expect(handler.events == [.open("document", [:]), .open("t", ["a": "Đ"]), .text("Báo cáo 😀"), .close("t"), .close("document")])
        }
    }

    @Test func deepNesting() {
        for depth in [200, 256, 257, 1000] {
            let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
            if case .differ(let difference) = compareParsers(Array(xml.utf8)) { Issue.record("depth \(depth): \(difference)") }
        }
    }
}
