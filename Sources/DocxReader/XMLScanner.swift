/// A strict XML 1.0 + Namespaces reader for the parts of a .docx, in place of FoundationXML:
/// linking FoundationXML made every reportlint process load libxml2 and, through it, ICU and
/// liblzma, about 1.1 ms of every start even for plain-text reports.
///
/// It reads UTF-8 (optional BOM) and UTF-16 with a BOM, refuses any other declared encoding,
/// and calls `WordprocessingMLHandler`'s SAX entry points. There is no recursion: open
/// elements live on an explicit stack, at most `maximumDepth` deep. DTDs never get here
/// (`XMLPartParser` refuses them first), so the only entities are the five predefined ones
/// and character references.
///
/// Positions follow libxml2's, which FoundationXML reported: 1-based lines, and columns that
/// count characters, not bytes. Like libxml2, a mismatched end tag or an undefined namespace
/// prefix does not stop the scan at once: the scan goes on without calling the handler, and
/// the error is reported where it stops — at the end of the part, or at a later error that
/// stops it sooner (so a truncated part is reported as such).
enum XMLScanner {
    static let maximumDepth = 256

    struct SyntaxError: Error, Equatable {
        let line: Int
        let column: Int
        let reason: String
    }

    static func scan(_ bytes: [UInt8], with handler: WordprocessingMLHandler) throws(SyntaxError) {
        var input = bytes
        var start = 0
        var invalidFrom: Int?
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            (input, invalidFrom) = transcodeUTF16(bytes, bigEndian: bytes[0] == 0xFE)
        } else if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            start = 3
        }
        let result: Result<Void, SyntaxError> = input.withUnsafeBufferPointer { whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[start...])
            var limit = firstInvalidCharacter(in: buffer)
            if let invalidFrom { limit = min(limit, invalidFrom) }
            let encoding = bytes.starts(with: [0xFF, 0xFE]) ? "utf-16le" : bytes.starts(with: [0xFE, 0xFF]) ? "utf-16be" : "utf-8"
            var scanner = Scanner(bytes: buffer, limit: limit, invalidAtLimit: limit < buffer.count || invalidFrom != nil,
                                  encoding: encoding, handler: handler)
            do throws(Scanner.Failure) {
                try scanner.run()
                return .success(())
            } catch {
                let (line, column) = position(of: error.offset, in: buffer)
                return .failure(SyntaxError(line: line, column: column, reason: error.reason))
            }
        }
        try result.get()
    }

    /// Line (counting LF, CRLF and a lone CR as one line end) and column (counting characters).
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        let offset = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset {
            let byte = bytes[index]
            if byte == Byte.lf || (byte == Byte.cr && !(index + 1 < bytes.count && bytes[index + 1] == Byte.lf)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }

    /// The offset of the first byte that does not start a well-formed UTF-8 sequence of an XML
    /// `Char` (so also C0 controls other than TAB, LF and CR, and U+FFFE, U+FFFF), or the count.
    static func firstInvalidCharacter(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x80 {
                index += 1
                continue
            }
            if byte < 0x80 {
                guard byte == 0x09 || byte == 0x0A || byte == 0x0D else { return index }
                index += 1
            } else if byte < 0xC2 {
                return index
            } else if byte < 0xE0 {
                guard index + 1 < count, bytes[index + 1] & 0xC0 == 0x80 else { return index }
                index += 2
            } else if byte < 0xF0 {
                guard index + 2 < count else { return index }
                let second = bytes[index + 1], third = bytes[index + 2]
                guard second & 0xC0 == 0x80, third & 0xC0 == 0x80,
                      !(byte == 0xE0 && second < 0xA0),  // overlong
                      !(byte == 0xED && second >= 0xA0),  // surrogate
                      !(byte == 0xEF && second == 0xBF && third >= 0xBE)  // U+FFFE, U+FFFF
                else { return index }
                index += 3
            } else if byte < 0xF5 {
                guard index + 3 < count else { return index }
                let second = bytes[index + 1]
                guard second & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80, bytes[index + 3] & 0xC0 == 0x80,
                      !(byte == 0xF0 && second < 0x90), !(byte == 0xF4 && second >= 0x90)
                else { return index }
                index += 4
            } else {
                return index
            }
        }
        return count
    }

    /// UTF-16 after its byte order mark, as UTF-8; the second value is the output offset where
    /// an unpaired surrogate or an odd last byte stopped the transcoding.
    static func transcodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> ([UInt8], Int?) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        func unit(_ index: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
                      : UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index])
        }
        var index = 2
        while index + 1 < bytes.count {
            var scalar = unit(index)
            index += 2
            if scalar >= 0xD800 && scalar < 0xDC00 {
                guard index + 1 < bytes.count else { return (output, output.count) }
                let low = unit(index)
                guard low >= 0xDC00 && low < 0xE000 else { return (output, output.count) }
                index += 2
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                return (output, output.count)
            }
            appendUTF8(scalar, to: &output)
        }
        return (output, index < bytes.count ? output.count : nil)
    }

    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"
}

enum Byte {
    static let tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20
    static let bang = UInt8(ascii: "!"), quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
    static let amp = UInt8(ascii: "&"), apostrophe = UInt8(ascii: "'"), dash = UInt8(ascii: "-")
    static let slash = UInt8(ascii: "/"), colon = UInt8(ascii: ":"), semicolon = UInt8(ascii: ";")
    static let lt = UInt8(ascii: "<"), equals = UInt8(ascii: "="), gt = UInt8(ascii: ">")
    static let question = UInt8(ascii: "?"), rightBracket = UInt8(ascii: "]")
}

private struct Scanner {
    struct Failure: Error {
        var offset: Int
        let reason: String
    }

    private struct OpenElement {
        let nameStart: Int
        let nameEnd: Int
        let bindingCount: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// Where the first invalid character is, or the end: nothing at or past it is read.
    private let limit: Int
    /// Whether an invalid character (or a bad UTF-16 code unit) is what `limit` stops at.
    private let invalidAtLimit: Bool
    /// What the bytes were: "utf-8", "utf-16le" or "utf-16be".
    private let encoding: String
    private let handler: WordprocessingMLHandler
    private var index = 0
    private var open: [OpenElement] = []
    /// In-scope namespace bindings by prefix ("" for the default namespace; "" as a URI undeclares it).
    private var bindings: [String: String] = ["xml": XMLScanner.xmlNamespace]
    /// The bindings that open elements replaced, to restore when they close.
    private var replacedBindings: [(prefix: String, previous: String?)] = []
    private var text: [UInt8] = []
    /// The current start tag's prefixed attributes (kept to save an allocation per tag).
    private var prefixed: [(start: Int, colon: Int, end: Int)] = []
    private var value: [UInt8] = []
    private var sawRoot = false
    /// A mismatched end tag or an undefined prefix: the scan goes on without the handler.
    private var deferred: Failure?

    init(bytes: UnsafeBufferPointer<UInt8>, limit: Int, invalidAtLimit: Bool, encoding: String, handler: WordprocessingMLHandler) {
        self.bytes = bytes
        self.encoding = encoding
        self.limit = limit
        self.invalidAtLimit = invalidAtLimit
        self.handler = handler
    }

    mutating func run() throws(Failure) {
        if startsWith("<?xml"), limit > 5, isSpace(bytes[5]) { try xmlDeclaration() }
        while index < limit {
            let byte = bytes[index]
            if byte == Byte.lt {
                guard index + 1 < limit else { throw endOfInput() }
                switch bytes[index + 1] {
                case Byte.slash: try endTag()
                case Byte.question: try processingInstruction()
                case Byte.bang: try markup()
                default: try startTag()
                }
            } else if open.isEmpty {
                guard isSpace(byte) else { throw Failure(offset: index, reason: outsideRootReason) }
                index += 1
            } else {
                try characterData()
            }
        }
        if invalidAtLimit || !open.isEmpty { throw endOfInput() }
        if var deferred {
            deferred.offset = limit
            throw deferred
        }
    }

    private var outsideRootReason: String {
        sawRoot ? "extra content after the root element" : "start tag expected"
    }

    private func endOfInput() -> Failure {
        invalidAtLimit ? Failure(offset: limit, reason: "invalid character")
                            : Failure(offset: limit, reason: "the part ends early or has content after its root element")
    }

    private mutating func postpone(_ failure: Failure) {
        if deferred == nil { deferred = failure }
    }

    // MARK: Tags

    private mutating func startTag() throws(Failure) {
        let tagStart = index
        if open.isEmpty && sawRoot { throw Failure(offset: tagStart, reason: outsideRootReason) }
        index += 1
        let nameStart = index
        guard let elementColon = try qualifiedName() else { throw Failure(offset: nameStart, reason: "invalid element name") }
        let nameEnd = index
        if open.count >= XMLScanner.maximumDepth {
            throw Failure(offset: tagStart, reason: "elements are nested too deeply (more than \(XMLScanner.maximumDepth) levels)")
        }
        let bindingCount = replacedBindings.count
        var attributes: [String: String] = [:]
        prefixed.removeAll(keepingCapacity: true)
        var declared: Set<String> = []
        var isEmpty = false
        while true {
            let hadSpace = skipSpace()
            guard index < limit else { throw endOfInput() }
            let byte = bytes[index]
            if byte == Byte.gt {
                index += 1
                break
            }
            if byte == Byte.slash {
                guard index + 1 < limit else { throw endOfInput() }
                guard bytes[index + 1] == Byte.gt else { throw Failure(offset: index + 1, reason: "'>' expected") }
                index += 2
                isEmpty = true
                break
            }
            let attributeStart = index
            guard hadSpace, let colon = try qualifiedName() else { throw Failure(offset: attributeStart, reason: "invalid attribute") }
            let attributeEnd = index
            skipSpace()
            guard index < limit else { throw endOfInput() }
            guard bytes[index] == Byte.equals else { throw Failure(offset: index, reason: "invalid attribute") }
            index += 1
            skipSpace()
            guard index < limit else { throw endOfInput() }
            let quote = bytes[index]
            guard quote == Byte.quote || quote == Byte.apostrophe else { throw Failure(offset: index, reason: "invalid attribute") }
            index += 1
            let value = try attributeValue(quote: quote)
            let name = string(attributeStart, attributeEnd)
            let declaredPrefix: String? = name == "xmlns" ? "" : (colon == attributeStart + 5 && name.hasPrefix("xmlns:") ? String(name.dropFirst(6)) : nil)
            if let prefix = declaredPrefix {
                guard declared.insert(prefix).inserted else { throw Failure(offset: attributeStart, reason: "duplicate attribute") }
                guard prefix != "xmlns", (prefix == "xml") == (value == XMLScanner.xmlNamespace),
                      value != XMLScanner.xmlnsNamespace, prefix.isEmpty || !value.isEmpty
                else { throw Failure(offset: attributeStart, reason: "invalid namespace declaration") }
                guard URIReference.isValid(value) else {
                    throw Failure(offset: attributeStart, reason: "a namespace name that is not a URI reference")
                }
                // libxml2 warns about a relative default namespace, and FoundationXML failed on it.
                guard !prefix.isEmpty || value.isEmpty || URIReference.isAbsolute(value) else {
                    throw Failure(offset: attributeStart, reason: "a default namespace that is not an absolute URI")
                }
                replacedBindings.append((prefix, bindings.updateValue(value, forKey: prefix)))
                continue
            }
            guard attributes.updateValue(value, forKey: name) == nil else {
                throw Failure(offset: attributeStart, reason: "duplicate attribute")
            }
            // Also a warning of libxml2's that FoundationXML failed on.
            if name == "xml:space" && value != "preserve" && value != "default" {
                throw Failure(offset: attributeStart, reason: "xml:space must be \"default\" or \"preserve\"")
            }
            if colon >= 0 { prefixed.append((attributeStart, colon, attributeEnd)) }
        }
        // Namespaces: the element's, then each prefixed attribute's (two prefixes bound to one
        // URI make `a:x` and `b:x` the same attribute).
        var namespaceURI: String?
        if elementColon >= 0 {
            namespaceURI = bindings[string(nameStart, elementColon)]
            if namespaceURI == nil { postpone(Failure(offset: tagStart, reason: "undefined namespace prefix")) }
        } else if let uri = bindings[""], !uri.isEmpty {
            namespaceURI = uri
        }
        var expandedNames: Set<String> = []
        for (number, attribute) in prefixed.enumerated() {
            guard let uri = bindings[string(attribute.start, attribute.colon)] else {
                postpone(Failure(offset: attribute.start, reason: "undefined namespace prefix"))
                continue
            }
            // Only two prefixes bound to one URI can make a duplicate; a few attributes are
            // compared pairwise, many through a set.
            if prefixed.count <= 8 {
                for earlier in prefixed[..<number]
                where equal(earlier.colon + 1, earlier.end, attribute.colon + 1, attribute.end)
                    && !equal(earlier.start, earlier.colon, attribute.start, attribute.colon)
                    && bindings[string(earlier.start, earlier.colon)] == uri {
                    throw Failure(offset: attribute.start, reason: "duplicate attribute")
                }
            } else if !expandedNames.insert(uri + " " + string(attribute.colon + 1, attribute.end)).inserted {
                throw Failure(offset: attribute.start, reason: "duplicate attribute")
            }
        }
        flushText()
        sawRoot = true
        open.append(OpenElement(nameStart: nameStart, nameEnd: nameEnd, bindingCount: bindingCount))
        if deferred == nil {
            let localName = string(elementColon >= 0 ? elementColon + 1 : nameStart, nameEnd)
            handler.startElement(localName, namespaceURI: namespaceURI, attributes: attributes)
        }
        if isEmpty { closeElement() }
    }

    private mutating func endTag() throws(Failure) {
        let tagStart = index
        guard !open.isEmpty else { throw Failure(offset: tagStart, reason: outsideRootReason) }
        index += 2
        let nameStart = index
        guard try qualifiedName() != nil else { throw Failure(offset: nameStart, reason: "invalid element name") }
        let nameEnd = index
        skipSpace()
        guard index < limit else { throw endOfInput() }
        guard bytes[index] == Byte.gt else { throw Failure(offset: index, reason: "'>' expected") }
        index += 1
        let element = open[open.count - 1]
        if !equal(element.nameStart, element.nameEnd, nameStart, nameEnd) {
            postpone(Failure(offset: tagStart, reason: "an end tag does not match its start tag"))
        }
        flushText()
        closeElement()
    }

    private mutating func closeElement() {
        let element = open.removeLast()
        while replacedBindings.count > element.bindingCount {
            let replaced = replacedBindings.removeLast()
            bindings[replaced.prefix] = replaced.previous
        }
        if deferred == nil { handler.endElement() }
    }

    // MARK: Content

    private mutating func characterData() throws(Failure) {
        var runStart = index
        while index < limit {
            let byte = bytes[index]
            if (byte > Byte.lt && byte != Byte.rightBracket) || (byte < Byte.lt && byte != Byte.amp && byte != Byte.cr) {
                index += 1
                continue
            }
            if byte == Byte.rightBracket {
                if index + 2 < limit, bytes[index + 1] == Byte.rightBracket, bytes[index + 2] == Byte.gt {
                    throw Failure(offset: index, reason: "']]>' in text")
                }
                index += 1
                continue
            }
            appendText(runStart, index)
            if byte == Byte.lt { return }
            if byte == Byte.amp {
                let scalar = try reference()
                XMLScanner.appendUTF8(scalar, to: &text)
            } else {
                text.append(Byte.lf)
                index += 1
                if index < limit && bytes[index] == Byte.lf { index += 1 }
            }
            runStart = index
        }
        appendText(runStart, index)
    }

    private mutating func attributeValue(quote: UInt8) throws(Failure) -> String {
        value.removeAll(keepingCapacity: true)
        var runStart = index
        while true {
            guard index < limit else { throw endOfInput() }
            let byte = bytes[index]
            switch byte {
            case quote:
                value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                return String(decoding: value, as: UTF8.self)
            case Byte.lt:
                throw Failure(offset: index, reason: "'<' inside an attribute value")
            case Byte.amp:
                value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                let scalar = try reference()
                XMLScanner.appendUTF8(scalar, to: &value)
                runStart = index
            case Byte.cr, Byte.lf, Byte.tab:
                // Attribute-value normalisation; a CRLF is one line end, so one space.
                value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                value.append(Byte.space)
                index += 1
                if byte == Byte.cr && index < limit && bytes[index] == Byte.lf { index += 1 }
                runStart = index
            default:
                index += 1
            }
        }
    }

    /// An entity or character reference at `index` (on `&`), as the scalar it stands for.
    private mutating func reference() throws(Failure) -> UInt32 {
        let start = index
        index += 1
        guard index < limit else { throw endOfInput() }
        if bytes[index] == Byte.hash {
            index += 1
            let hex = index < limit && bytes[index] == UInt8(ascii: "x")
            if hex { index += 1 }
            var scalar: UInt32 = 0
            var digits = 0
            while index < limit {
                let byte = bytes[index]
                let digit: UInt32
                if byte >= 0x30 && byte <= 0x39 {
                    digit = UInt32(byte - 0x30)
                } else if hex, byte | 0x20 >= 0x61, byte | 0x20 <= 0x66 {
                    digit = UInt32(byte | 0x20) - 0x61 + 10
                } else {
                    break
                }
                scalar = min(scalar * (hex ? 16 : 10) + digit, 0x110000)
                digits += 1
                index += 1
            }
            guard index < limit else { throw endOfInput() }
            guard digits > 0, bytes[index] == Byte.semicolon, isXMLChar(scalar) else {
                throw Failure(offset: start, reason: "invalid character reference")
            }
            index += 1
            return scalar
        }
        let nameStart = index
        guard try name() else { throw Failure(offset: start, reason: "invalid entity reference") }
        let nameEnd = index
        guard index < limit else { throw endOfInput() }
        guard bytes[index] == Byte.semicolon else { throw Failure(offset: start, reason: "invalid entity reference") }
        index += 1
        switch string(nameStart, nameEnd) {
        case "lt": return 0x3C
        case "gt": return 0x3E
        case "amp": return 0x26
        case "apos": return 0x27
        case "quot": return 0x22
        default: throw Failure(offset: start, reason: "undefined entity")
        }
    }

    // MARK: Markup that is skipped or read as text

    private mutating func markup() throws(Failure) {
        let start = index
        if startsWith("<!--") {
            index += 4
            while true {
                guard index + 1 < limit else { throw endOfInput() }
                if bytes[index] == Byte.dash && bytes[index + 1] == Byte.dash {
                    guard index + 2 < limit else { throw endOfInput() }
                    guard bytes[index + 2] == Byte.gt else { throw Failure(offset: index, reason: "'--' inside a comment") }
                    index += 3
                    return
                }
                index += 1
            }
        }
        if startsWith("<![CDATA[") {
            guard !open.isEmpty else { throw Failure(offset: start, reason: outsideRootReason) }
            index += 9
            var runStart = index
            while true {
                guard index < limit else { throw endOfInput() }
                let byte = bytes[index]
                if byte == Byte.rightBracket, index + 2 < limit, bytes[index + 1] == Byte.rightBracket, bytes[index + 2] == Byte.gt {
                    appendText(runStart, index)
                    index += 3
                    return
                }
                if byte == Byte.cr {
                    appendText(runStart, index)
                    text.append(Byte.lf)
                    index += 1
                    if index < limit && bytes[index] == Byte.lf { index += 1 }
                    runStart = index
                } else {
                    index += 1
                }
            }
        }
        if endsWithPrefix(of: "<!--") || endsWithPrefix(of: "<![CDATA[") { throw endOfInput() }
        throw Failure(offset: start, reason: open.isEmpty ? outsideRootReason : "'<!' starts neither a comment nor a CDATA section")
    }

    private mutating func processingInstruction() throws(Failure) {
        let start = index
        index += 2
        let targetStart = index
        guard try name() else { throw Failure(offset: index, reason: "invalid processing instruction") }
        let target = string(targetStart, index)
        if target.lowercased() == "xml" {
            throw Failure(offset: start, reason: start == 0 ? "invalid XML declaration" : "an XML declaration is allowed only at the start of the part")
        }
        // Names beginning with "xml" are reserved; libxml2 lets the W3C's two through.
        if target.lowercased().hasPrefix("xml") && target != "xml-stylesheet" && target != "xml-model" {
            throw Failure(offset: targetStart, reason: "a processing instruction name beginning with \"xml\" is reserved")
        }
        if target.contains(":") { throw Failure(offset: targetStart, reason: "invalid processing instruction") }
        guard index < limit else { throw endOfInput() }
        if bytes[index] != Byte.question {
            guard isSpace(bytes[index]) else { throw Failure(offset: index, reason: "invalid processing instruction") }
        }
        while true {
            guard index + 1 < limit else { throw endOfInput() }
            if bytes[index] == Byte.question && bytes[index + 1] == Byte.gt {
                index += 2
                return
            }
            index += 1
        }
    }

    /// `<?xml version="1.x" encoding="…" standalone="…"?>` at the very start.
    private mutating func xmlDeclaration() throws(Failure) {
        index = 5
        var seen: [String] = []
        while true {
            let hadSpace = skipSpace()
            guard index + 1 < limit else { throw endOfInput() }
            if bytes[index] == Byte.question {
                guard bytes[index + 1] == Byte.gt else { throw Failure(offset: index, reason: "invalid XML declaration") }
                index += 2
                break
            }
            let nameStart = index
            while index < limit, bytes[index] | 0x20 >= 0x61, bytes[index] | 0x20 <= 0x7A { index += 1 }
            let name = string(nameStart, index)
            skipSpace()
            guard index < limit else { throw endOfInput() }
            guard hadSpace, bytes[index] == Byte.equals else { throw Failure(offset: nameStart, reason: "invalid XML declaration") }
            index += 1
            skipSpace()
            guard index < limit else { throw endOfInput() }
            let quote = bytes[index]
            guard quote == Byte.quote || quote == Byte.apostrophe else { throw Failure(offset: index, reason: "invalid XML declaration") }
            index += 1
            let valueStart = index
            while index < limit && bytes[index] != quote { index += 1 }
            guard index < limit else { throw endOfInput() }
            let value = string(valueStart, index)
            index += 1
            let valid: Bool
            switch name {
            case "version":
                valid = seen.isEmpty
                // libxml2 warns about 1.1 (FoundationXML failed on it) and refuses 2.0.
                if valid && value != "1.0" { throw Failure(offset: valueStart, reason: "unsupported XML version \"\(value)\"") }
            case "encoding":
                valid = seen == ["version"]
                // libxml2 ignores a declared UTF-8 in UTF-16 (which it knows by its BOM).
                let declared = value.lowercased()
                let utf16 = encoding != "utf-8"
                if valid && !(declared == "utf-8" || declared == "utf8" || (utf16 && (declared == "utf-16" || declared == encoding))) {
                    throw Failure(offset: valueStart, reason: declared.hasPrefix("utf-16") || declared.hasPrefix("utf-8")
                                  ? "the encoding declaration \"\(value)\" does not match the part's bytes"
                                  : "unsupported encoding \"\(value)\" (only UTF-8 and UTF-16 are read)")
                }
            case "standalone":
                valid = !seen.isEmpty && !seen.contains("standalone") && (value == "yes" || value == "no")
            default:
                valid = false
            }
            guard valid else { throw Failure(offset: nameStart, reason: "invalid XML declaration") }
            seen.append(name)
        }
        guard seen.first == "version" else { throw Failure(offset: 0, reason: "invalid XML declaration") }
    }

    // MARK: Names and helpers

    /// A name at `index`; false (and nothing consumed) if none starts there.
    private mutating func name() throws(Failure) -> Bool {
        guard index < limit else { throw endOfInput() }
        let first = bytes[index]
        if first < 0x80 {
            guard isASCIINameStart(first) else { return false }
            index += 1
        } else {
            let (scalar, length) = decode(at: index)
            guard isNameStart(scalar) else { return false }
            index += length
        }
        while index < limit {
            let byte = bytes[index]
            if byte < 0x80 {
                guard isASCIINameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == Byte.dash || byte == UInt8(ascii: ".") else { break }
                index += 1
            } else {
                let (scalar, length) = decode(at: index)
                guard isNameStart(scalar) || scalar == 0xB7 || (0x300...0x36F).contains(scalar) || scalar == 0x203F || scalar == 0x2040 else { break }
                index += length
            }
        }
        return true
    }

    /// A namespace-well-formed qualified name: nil if there is none, else the offset of its
    /// colon, or -1 without a prefix.
    private mutating func qualifiedName() throws(Failure) -> Int? {
        let start = index
        guard try name() else { return nil }
        var colon = -1
        for position in start..<index where bytes[position] == Byte.colon {
            guard colon < 0, position > start, position < index - 1 else {
                throw Failure(offset: start, reason: "invalid name")
            }
            colon = position
        }
        // The local part is a name of its own: `w:-x` and `w:1x` are not.
        if colon >= 0 {
            let first = bytes[colon + 1]
            let startsName = first < 0x80 ? isASCIINameStart(first) : isNameStart(decode(at: colon + 1).0)
            if !startsName { throw Failure(offset: start, reason: "invalid name") }
        }
        return colon
    }

    private func decode(at position: Int) -> (UInt32, Int) {
        let byte = UInt32(bytes[position])
        if byte < 0xE0 { return ((byte & 0x1F) << 6 | UInt32(bytes[position + 1] & 0x3F), 2) }
        if byte < 0xF0 {
            return ((byte & 0x0F) << 12 | UInt32(bytes[position + 1] & 0x3F) << 6 | UInt32(bytes[position + 2] & 0x3F), 3)
        }
        return ((byte & 0x07) << 18 | UInt32(bytes[position + 1] & 0x3F) << 12
                | UInt32(bytes[position + 2] & 0x3F) << 6 | UInt32(bytes[position + 3] & 0x3F), 4)
    }

    private func isASCIINameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_") || byte == Byte.colon
    }

    private func isNameStart(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
             0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    private func isXMLChar(_ scalar: UInt32) -> Bool {
        scalar == 0x9 || scalar == 0xA || scalar == 0xD || (0x20...0xD7FF).contains(scalar)
            || (0xE000...0xFFFD).contains(scalar) || (0x10000...0x10FFFF).contains(scalar)
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == Byte.space || byte == Byte.lf || byte == Byte.tab || byte == Byte.cr
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = index
        while index < limit && isSpace(bytes[index]) { index += 1 }
        return index > start
    }

    private func startsWith(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= limit else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    /// The rest of the input is a proper prefix of `literal`.
    private func endsWithPrefix(of literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard limit - index < count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<(limit - index) where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    private func equal(_ start: Int, _ end: Int, _ otherStart: Int, _ otherEnd: Int) -> Bool {
        guard end - start == otherEnd - otherStart else { return false }
        for offset in 0..<(end - start) where bytes[start + offset] != bytes[otherStart + offset] { return false }
        return true
    }

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    private mutating func appendText(_ start: Int, _ end: Int) {
        if start < end { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end])) }
    }

    private mutating func flushText() {
        guard !text.isEmpty else { return }
        if deferred == nil && handler.wantsText { handler.characters(String(decoding: text, as: UTF8.self)) }
        text.removeAll(keepingCapacity: true)
    }
}

/// RFC 3986 `URI-reference` syntax, which libxml2 checks in every namespace declaration (and
/// FoundationXML turned its warning into a parse error): a namespace name like `a b` or
/// `ht'tp://x` is refused.
enum URIReference {
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return isAbsolute(bytes) || rest(bytes, from: 0, relative: true)
    }

    /// With a scheme.
    static func isAbsolute(_ text: String) -> Bool { isAbsolute(Array(text.utf8)) }

    private static func isAbsolute(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, isAlpha(first) else { return false }
        var index = 1
        while index < bytes.count, isAlpha(bytes[index]) || isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "+")
                || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ".") {
            index += 1
        }
        guard index < bytes.count, bytes[index] == Byte.colon else { return false }
        return rest(bytes, from: index + 1, relative: false)
    }

    /// hier-part or relative-part, then query and fragment, to the end.
    private static func rest(_ bytes: [UInt8], from start: Int, relative: Bool) -> Bool {
        var index = start
        if index + 1 < bytes.count, bytes[index] == Byte.slash, bytes[index + 1] == Byte.slash {
            index += 2
            var end = index
            while end < bytes.count, bytes[end] != Byte.slash, bytes[end] != Byte.question, bytes[end] != Byte.hash { end += 1 }
            guard isAuthority(bytes[index..<end]) else { return false }
            index = skip(bytes, from: end) { $0 == Byte.slash }
        } else {
            let pathStart = index
            index = skip(bytes, from: index) { $0 == Byte.slash }
            // path-noscheme: a relative reference's first segment has no colon.
            if relative, bytes[pathStart..<index].prefix(while: { $0 != Byte.slash }).contains(Byte.colon) { return false }
        }
        if index < bytes.count, bytes[index] == Byte.question {
            index = skip(bytes, from: index + 1) { $0 == Byte.slash || $0 == Byte.question }
        }
        if index < bytes.count, bytes[index] == Byte.hash {
            index = skip(bytes, from: index + 1) { $0 == Byte.slash || $0 == Byte.question }
        }
        return index == bytes.count
    }

    /// Past pchars (with percent-encodings) and the bytes `also` accepts.
    private static func skip(_ bytes: [UInt8], from start: Int, also: (UInt8) -> Bool) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if isUnreserved(byte) || isSubDelimiter(byte) || byte == Byte.colon || byte == UInt8(ascii: "@") || also(byte) {
                index += 1
            } else if isPercentEncoding(bytes, at: index) {
                index += 3
            } else {
                break
            }
        }
        return index
    }

    private static func isAuthority(_ authority: ArraySlice<UInt8>) -> Bool {
        var host = authority
        if let at = authority.firstIndex(of: UInt8(ascii: "@")) {
            guard all(authority[..<at], allowColon: true) else { return false }
            host = authority[(at + 1)...]
        }
        var port: ArraySlice<UInt8> = []
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = host[(host.startIndex + 1)..<close]
            guard !literal.isEmpty, literal.allSatisfy({ isHexDigit($0) || $0 == Byte.colon || $0 == UInt8(ascii: ".") }) else { return false }
            let after = host[(close + 1)...]
            if let first = after.first {
                guard first == Byte.colon else { return false }
                port = after.dropFirst()
            }
        } else {
            if let colon = host.firstIndex(of: Byte.colon) {
                port = host[(colon + 1)...]
                host = host[..<colon]
            }
            guard all(host, allowColon: false) else { return false }
        }
        return port.allSatisfy(isDigit)
    }

    private static func all(_ bytes: ArraySlice<UInt8>, allowColon: Bool) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if isUnreserved(byte) || isSubDelimiter(byte) || (allowColon && byte == Byte.colon) {
                index += 1
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) {
                index += 3
            } else {
                return false
            }
        }
        return true
    }

    private static func isPercentEncoding(_ bytes: [UInt8], at index: Int) -> Bool {
        bytes[index] == UInt8(ascii: "%") && index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66) }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }

    private static func isSubDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
