/// Why a file could not be read as a Word document, in words a reviewer can act on.

/// Every way reading a .docx can fail. Each case is a property of the file, never of the
/// program: the reader throws these instead of crashing or hanging on hostile input.
public enum DocxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read at all.
    case unreadableFile(reason: String)
    case emptyFile
    /// Neither a ZIP archive nor an OLE compound file.
    case notZipArchive
    /// An OLE compound file: a Word 97–2003 `.doc`, or a .docx encrypted with a password
    /// (Office wraps encrypted packages in the same container).
    case legacyOrEncryptedDocument
    /// Starts like a ZIP archive but its end (the central directory) is missing.
    case truncatedArchive
    /// The ZIP structure itself is damaged.
    case corruptArchive(reason: String)
    /// A ZIP archive, but not a Word document.
    case missingDocumentPart
    case tooManyEntries(limit: Int)
    /// One part expands beyond the per-entry limit (declared or actually inflated).
    case entryTooLarge(path: String, limit: Int)
    /// The parts together expand beyond the total limit.
    case archiveTooLarge(limit: Int)
    /// A part is stored in a way the reader does not handle (ZIP encryption, an unusual compression).
    case unsupportedEntry(path: String, reason: String)
    /// A part's data is damaged: checksum mismatch, invalid compressed data, wrong size.
    case corruptEntry(path: String, reason: String)
    /// A part declares a DTD. DTDs and external entities are never resolved, so such a part is refused.
    case doctypeRefused(path: String)
    case malformedXML(path: String, line: Int, column: Int, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let reason):
            return "cannot read the file: \(reason)"
        case .emptyFile:
            return "empty file; a .docx file is a ZIP archive and cannot be empty"
        case .notZipArchive:
            return "not a .docx file (not a ZIP archive)"
        case .legacyOrEncryptedDocument:
            return "legacy .doc or password-protected document; save it as .docx without a password"
        case .truncatedArchive:
            return "truncated .docx file (the ZIP archive ends early); copy or download the file again"
        case .corruptArchive(let reason):
            return "damaged .docx file (\(reason)); open it in Word and save it again"
        case .missingDocumentPart:
            return "not a Word document: the ZIP archive has no word/document.xml (an .xlsx, .pptx or .odt file?)"
        case .tooManyEntries(let limit):
            return "the ZIP archive has more than \(limit) entries; refusing to read it (possible ZIP bomb)"
        case .entryTooLarge(let path, let limit):
            return "\(path) expands to more than \(Self.mebibytes(limit)); refusing to read it (possible ZIP bomb)"
        case .archiveTooLarge(let limit):
            return "the ZIP archive expands to more than \(Self.mebibytes(limit)) in total; refusing to read it (possible ZIP bomb)"
        case .unsupportedEntry(let path, let reason):
            return "\(path): \(reason)"
        case .corruptEntry(let path, let reason):
            return "\(path) is damaged (\(reason)); open the document in Word and save it again"
        case .doctypeRefused(let path):
            return "\(path) declares a DOCTYPE; documents with DTDs or external entities are refused"
        case .malformedXML(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): malformed XML: \(reason)"
        }
    }

    private static func mebibytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
