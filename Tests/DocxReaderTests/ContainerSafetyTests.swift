/// Damaged and hostile files: each must give one exact `DocxError`, quickly, never a crash or
/// a hang. The fixtures are made by Fixtures/make-fixtures.sh.

import Foundation
import Testing
@testable import DocxReader

@Suite struct ContainerSafetyTests {
    static let cases: [(file: String, error: DocxError)] = [
        ("empty.docx", .emptyFile),
        ("not-a-zip.docx", .notZipArchive),
        ("ole-compound.docx", .legacyOrEncryptedDocument),
        ("truncated.docx", .truncatedArchive),
        ("no-document-part.docx", .missingDocumentPart),
        ("zip-bomb.docx", .entryTooLarge(path: "word/document.xml", limit: 64 << 20)),
        // Headers claim 4 KiB; the limit is enforced on the bytes actually inflated.
        ("zip-bomb-lying-size.docx", .entryTooLarge(path: "word/document.xml", limit: 64 << 20)),
        ("doctype-entity.docx", .doctypeRefused(path: "word/document.xml")),
        ("corrupt-crc.docx", .corruptEntry(path: "word/document.xml", reason: "CRC checksum mismatch")),
        ("malformed-xml.docx", .malformedXML(path: "word/document.xml", line: 2, column: 23549,
                                             reason: "an end tag does not match its start tag")),
    ]

    @Test(arguments: cases)
    func badContainerGivesOneClearError(file: String, error expected: DocxError) {
        #expect(throws: expected) { try DocxReader.read(contentsOf: FixtureFiles.url(file)) }
    }

    @Test func messagesSayWhatToDo() {
        #expect(DocxError.notZipArchive.description == "not a .docx file (not a ZIP archive)")
        #expect(DocxError.legacyOrEncryptedDocument.description
                == "legacy .doc or password-protected document; save it as .docx without a password")
        #expect(DocxError.entryTooLarge(path: "word/document.xml", limit: 64 << 20).description
                == "word/document.xml expands to more than 64 MiB; refusing to read it (possible ZIP bomb)")
        #expect(DocxError.malformedXML(path: "word/document.xml", line: 2, column: 7, reason: "invalid character").description
                == "word/document.xml:2:7: malformed XML: invalid character")
    }

    @Test func entryCountLimit() {
        #expect(throws: DocxError.tooManyEntries(limit: 5)) {
            try DocxReader.read(contentsOf: FixtureFiles.url("bao-cao-thang.docx"), limits: DocxLimits(maxEntries: 5))
        }
    }

    @Test func perEntryLimitAppliesToTheDeclaredSize() {
        #expect(throws: DocxError.entryTooLarge(path: "word/document.xml", limit: 10_000)) {
            try DocxReader.read(contentsOf: FixtureFiles.url("bao-cao-thang.docx"), limits: DocxLimits(maxEntryBytes: 10_000))
        }
    }

    @Test func totalLimitAppliesToAllEntries() {
        #expect(throws: DocxError.archiveTooLarge(limit: 20_000)) {
            try DocxReader.read(contentsOf: FixtureFiles.url("bao-cao-thang.docx"), limits: DocxLimits(maxTotalBytes: 20_000))
        }
    }

    @Test func missingFileIsUnreadable() {
        #expect {
            try DocxReader.read(contentsOf: FixtureFiles.url("does-not-exist.docx"))
        } throws: { error in
            guard case .unreadableFile = error as? DocxError else { return false }
            return true
        }
    }

    @Test func directoryIsNotARegularFile() {
        #expect(throws: DocxError.unreadableFile(reason: "not a regular file")) {
            try DocxReader.read(contentsOf: FixtureFiles.url("sources"))
        }
    }

    @Test func concurrentReadsAgree() async throws {
        let url = FixtureFiles.url("bao-cao-thang.docx")
        let expected = try DocxReader.read(contentsOf: url)
        let results = await withTaskGroup(of: DocxDocument?.self) { group in
            for _ in 0..<8 { group.addTask { try? DocxReader.read(contentsOf: url) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8 && results.allSatisfy { $0 == expected })
    }

    /// Every prefix of a real .docx is a truncated file; none may crash or hang.
    @Test func everyPrefixOfARealDocumentFailsCleanly() throws {
        let bytes = try Data(contentsOf: FixtureFiles.url("bao-cao-thang.docx"))
        for length in stride(from: 0, to: bytes.count, by: 97) {
            #expect(throws: DocxError.self) { try DocxReader.read(data: bytes.prefix(length)) }
        }
    }

    /// Flipping bytes of the compressed document.xml must give an error or a document, never a
    /// crash or a hang (the inflater is fed only the entry's own bytes).
    @Test func damagedCompressedDataFailsCleanly() throws {
        let original = [UInt8](try Data(contentsOf: FixtureFiles.url("bao-cao-thang.docx")))
        for offset in stride(from: 100, to: original.count - 200, by: 53) {
            var damaged = original
            damaged[offset] ^= 0x5A
            _ = try? DocxReader.read(data: Data(damaged))
        }
    }
}
