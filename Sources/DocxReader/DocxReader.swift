/// Entry point of the module: reads a .docx (a file or its bytes) into a `DocxDocument`.
/// The file is only read; nothing in it is executed, fetched or written anywhere.

import Foundation

/// Reads Word documents. Stateless; safe to call from any number of tasks at once.
public enum DocxReader {
    static let documentPath = "word/document.xml"
    static let stylesPath = "word/styles.xml"
    static let numberingPath = "word/numbering.xml"

    public static func read(contentsOf url: URL) throws(DocxError) -> DocxDocument {
        try read(contentsOf: url, limits: .standard)
    }

    public static func read(data: Data) throws(DocxError) -> DocxDocument {
        try read(data: data, limits: .standard)
    }

    public static func read(contentsOf url: URL, limits: DocxLimits) throws(DocxError) -> DocxDocument {
        let data: Data
        do {
            // Look before reading: a FIFO or device would block the read forever, and a 2 GB
            // file in a reviewer's folder is not worth loading into memory.
            let attributes = try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else {
                throw DocxError.unreadableFile(reason: "not a regular file")
            }
            if let size = attributes[.size] as? NSNumber, size.int64Value > Int64(limits.maxTotalBytes) {
                throw DocxError.archiveTooLarge(limit: limits.maxTotalBytes)
            }
            data = try Data(contentsOf: url)
        } catch let error as DocxError {
            throw error
        } catch {
            throw .unreadableFile(reason: (error as NSError).localizedDescription)
        }
        return try read(data: data, limits: limits)
    }

    public static func read(data: Data, limits: DocxLimits) throws(DocxError) -> DocxDocument {
        var container = try ZipContainer(bytes: [UInt8](data), limits: limits)
        guard let documentXML = try container.contents(of: documentPath) else {
            throw .missingDocumentPart
        }
        let styles = try container.contents(of: stylesPath).map { bytes throws(DocxError) in
            try ParagraphStyles(xml: bytes, path: stylesPath)
        } ?? .empty
        let lists = try container.contents(of: numberingPath).map { bytes throws(DocxError) in
            try ListDefinitions(xml: bytes, path: numberingPath)
        } ?? .empty
        let handler = DocumentBodyHandler(styles: styles, lists: lists)
        try XMLPartParser.parse(documentXML, path: documentPath, with: handler)
        return handler.document
    }
}
