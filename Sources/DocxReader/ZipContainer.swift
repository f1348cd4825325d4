/// The ZIP layer of a .docx: finds parts through the central directory and inflates them
/// under fixed size limits, checking every CRC.
///
/// The central directory is parsed here rather than through `ZIPFoundation.Archive` because
/// `Archive.extract` (0.9.20) feeds the inflater from the file position onwards without
/// bounding it by the entry's compressed size: a deflate stream that is cut short loops forever
/// once the input runs out, and a short last chunk is handed to zlib with `avail_in` set to
/// the full buffer size. Here ZIPFoundation only inflates (`Data.decompress`) and checksums,
/// fed by a provider that stops at the entry's last byte.

import Foundation
import ZIPFoundation

/// Limits that keep a hostile archive from exhausting memory. The defaults are far above any
/// real report (a 300-page .docx has a document.xml of a few MiB).
public struct DocxLimits: Sendable, Equatable {
    /// Largest uncompressed size of one part that is read.
    public var maxEntryBytes: Int
    /// Largest uncompressed size of all entries together (declared), and of the parts read.
    public var maxTotalBytes: Int
    public var maxEntries: Int

    public init(maxEntryBytes: Int = 64 << 20, maxTotalBytes: Int = 256 << 20, maxEntries: Int = 10_000) {
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxEntries = maxEntries
    }

    public static let standard = DocxLimits()
}

/// One central-directory record: where an entry's data is and what it should inflate to.
struct ZipEntryRecord {
    var path: String
    var flags: UInt16
    var compressionMethod: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
}

/// A read-only view of a ZIP archive held in memory.
struct ZipContainer {
    private let bytes: [UInt8]
    private let limits: DocxLimits
    private var entriesByPath: [String: ZipEntryRecord] = [:]
    /// Bytes inflated so far, for the total limit.
    private var inflatedBytes = 0

    private static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let centralHeaderSignature: UInt32 = 0x0201_4B50
    private static let endOfCentralDirectorySignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50

    init(bytes: [UInt8], limits: DocxLimits) throws(DocxError) {
        self.bytes = bytes
        self.limits = limits
        guard !bytes.isEmpty else { throw .emptyFile }
        if bytes.starts(with: Self.oleSignature) { throw .legacyOrEncryptedDocument }
        guard let endRecord = findEndOfCentralDirectory() else {
            // A real archive starts with a local header; without its end it was cut short.
            if bytes.count >= 4, u32(at: 0) == Self.localHeaderSignature { throw .truncatedArchive }
            throw .notZipArchive
        }
        try readCentralDirectory(endRecord: endRecord)
    }

    func contains(_ path: String) -> Bool {
        entriesByPath[path] != nil
    }

    /// Every entry's path, in no particular order.
    var paths: [String] { Array(entriesByPath.keys) }

    /// The uncompressed bytes of `path`, or nil when the archive has no such entry.
    mutating func contents(of path: String) throws(DocxError) -> [UInt8]? {
        guard let entry = entriesByPath[path] else { return nil }
        // Bit 0: traditional PKWARE or AES encryption of the entry itself.
        if entry.flags & 1 != 0 {
            throw .unsupportedEntry(path: path, reason: "the part is encrypted inside the ZIP archive; save the document without a password")
        }
        if entry.uncompressedSize > UInt64(limits.maxEntryBytes) {
            throw .entryTooLarge(path: path, limit: limits.maxEntryBytes)
        }
        let dataRange = try dataRange(of: entry)
        let output: [UInt8]
        switch entry.compressionMethod {
        case 0:
            if dataRange.count > limits.maxEntryBytes { throw .entryTooLarge(path: path, limit: limits.maxEntryBytes) }
            output = Array(bytes[dataRange])
        case 8:
            output = try inflate(entry, from: dataRange)
        default:
            throw .unsupportedEntry(path: path, reason: "unsupported ZIP compression method \(entry.compressionMethod); save the document again from Word")
        }
        inflatedBytes += output.count
        if inflatedBytes > limits.maxTotalBytes { throw .archiveTooLarge(limit: limits.maxTotalBytes) }
        if UInt64(output.count) != entry.uncompressedSize {
            throw .corruptEntry(path: path, reason: "size \(output.count) differs from the recorded \(entry.uncompressedSize)")
        }
        if Data(output).crc32(checksum: 0) != entry.crc32 {
            throw .corruptEntry(path: path, reason: "CRC checksum mismatch")
        }
        return output
    }

    // MARK: - Central directory

    private struct EndRecord {
        var entryCount: UInt64
        var directorySize: UInt64
        var directoryOffset: UInt64
    }

    /// The end record sits in the last 22 bytes plus at most a 64 KiB comment, so the
    /// backwards search is bounded whatever the file size.
    private func findEndOfCentralDirectory() -> EndRecord? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var position = bytes.count - 22
        while position >= lowest {
            if u32(at: position) == Self.endOfCentralDirectorySignature,
               position + 22 + Int(u16(at: position + 20)) <= bytes.count {
                return endRecord(at: position)
            }
            position -= 1
        }
        return nil
    }

    private func endRecord(at position: Int) -> EndRecord {
        var record = EndRecord(entryCount: UInt64(u16(at: position + 10)),
                               directorySize: UInt64(u32(at: position + 12)),
                               directoryOffset: UInt64(u32(at: position + 16)))
        let saturated = record.entryCount == 0xFFFF || record.directorySize == 0xFFFF_FFFF
            || record.directoryOffset == 0xFFFF_FFFF
        let locator = position - 20
        if saturated, locator >= 0, u32(at: locator) == Self.zip64LocatorSignature {
            let zip64End = u64(at: locator + 8)
            if bytes.count >= 56, zip64End <= UInt64(bytes.count - 56), u32(at: Int(zip64End)) == Self.zip64EndSignature {
                let base = Int(zip64End)
                record = EndRecord(entryCount: u64(at: base + 32), directorySize: u64(at: base + 40),
                                   directoryOffset: u64(at: base + 48))
            }
        }
        return record
    }

    private mutating func readCentralDirectory(endRecord: EndRecord) throws(DocxError) {
        if endRecord.entryCount > UInt64(limits.maxEntries) { throw .tooManyEntries(limit: limits.maxEntries) }
        guard endRecord.directoryOffset <= UInt64(bytes.count),
              endRecord.directorySize <= UInt64(bytes.count) - endRecord.directoryOffset else {
            throw .corruptArchive(reason: "the central directory lies outside the file")
        }
        var position = Int(endRecord.directoryOffset)
        let end = position + Int(endRecord.directorySize)
        var declaredTotal: UInt64 = 0
        for _ in 0..<endRecord.entryCount {
            guard position + 46 <= end, u32(at: position) == Self.centralHeaderSignature else {
                throw .corruptArchive(reason: "central directory record \(entriesByPath.count + 1) is damaged")
            }
            let nameLength = Int(u16(at: position + 28))
            let extraLength = Int(u16(at: position + 30))
            let commentLength = Int(u16(at: position + 32))
            let nameStart = position + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= end else {
                throw .corruptArchive(reason: "central directory record \(entriesByPath.count + 1) is damaged")
            }
            var entry = ZipEntryRecord(
                path: String(decoding: bytes[nameStart..<extraStart], as: UTF8.self),
                flags: u16(at: position + 8),
                compressionMethod: u16(at: position + 10),
                crc32: u32(at: position + 16),
                compressedSize: UInt64(u32(at: position + 20)),
                uncompressedSize: UInt64(u32(at: position + 24)),
                localHeaderOffset: UInt64(u32(at: position + 42)))
            applyZip64Extra(to: &entry, extra: extraStart..<(extraStart + extraLength))
            declaredTotal &+= entry.uncompressedSize
            if entry.uncompressedSize > UInt64(limits.maxTotalBytes) || declaredTotal > UInt64(limits.maxTotalBytes) {
                throw .archiveTooLarge(limit: limits.maxTotalBytes)
            }
            // The format allows duplicate names; the first one is what Word reads.
            if entriesByPath[entry.path] == nil { entriesByPath[entry.path] = entry }
            position = next
        }
    }

    /// ZIP64 extended information (header 0x0001) carries, in this order, the 64-bit values of
    /// exactly those 32-bit fields that are saturated.
    private func applyZip64Extra(to entry: inout ZipEntryRecord, extra: Range<Int>) {
        var position = extra.lowerBound
        while position + 4 <= extra.upperBound {
            let id = u16(at: position)
            let size = Int(u16(at: position + 2))
            let fieldEnd = position + 4 + size
            guard fieldEnd <= extra.upperBound else { return }
            if id == 0x0001 {
                var cursor = position + 4
                func next() -> UInt64? {
                    guard cursor + 8 <= fieldEnd else { return nil }
                    defer { cursor += 8 }
                    return u64(at: cursor)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF, let value = next() { entry.uncompressedSize = value }
                if entry.compressedSize == 0xFFFF_FFFF, let value = next() { entry.compressedSize = value }
                if entry.localHeaderOffset == 0xFFFF_FFFF, let value = next() { entry.localHeaderOffset = value }
                return
            }
            position = fieldEnd
        }
    }

    private func dataRange(of entry: ZipEntryRecord) throws(DocxError) -> Range<Int> {
        let fileSize = UInt64(bytes.count)
        guard fileSize >= 30, entry.localHeaderOffset <= fileSize - 30,
              u32(at: Int(entry.localHeaderOffset)) == Self.localHeaderSignature else {
            throw .corruptEntry(path: entry.path, reason: "its local ZIP header is missing")
        }
        let header = Int(entry.localHeaderOffset)
        let start = header + 30 + Int(u16(at: header + 26)) + Int(u16(at: header + 28))
        guard UInt64(start) <= fileSize, entry.compressedSize <= fileSize - UInt64(start) else {
            throw .corruptEntry(path: entry.path, reason: "its data runs past the end of the file")
        }
        return start..<(start + Int(entry.compressedSize))
    }

    // MARK: - Inflating

    /// Carries a limit violation out of ZIPFoundation's consumer closure.
    private struct StopInflating: Error { let error: DocxError }

    private func inflate(_ entry: ZipEntryRecord, from range: Range<Int>) throws(DocxError) -> [UInt8] {
        let chunkSize = 64 * 1024
        let entryLimit = limits.maxEntryBytes
        let totalLimit = limits.maxTotalBytes - inflatedBytes
        var output: [UInt8] = []
        // The declared size is only a hint: an attacker chooses it.
        output.reserveCapacity(Int(min(entry.uncompressedSize, 8 << 20)))
        var nextInput = range.lowerBound
        var inputExhausted = false
        let source = bytes
        let path = entry.path
        do {
            _ = try Data.decompress(
                size: Int64(range.count), bufferSize: chunkSize, skipCRC32: true,
                provider: { _, _ in
                    // ZIPFoundation's inflate loop asks for input until zlib reports the end of
                    // the stream; once this entry's bytes are spent, a further request means the
                    // stream is cut short, so fail rather than hand out bytes of the next entry.
                    if inputExhausted { throw StopInflating(error: .corruptEntry(path: path, reason: "the compressed data ends early")) }
                    let end = min(nextInput + chunkSize, range.upperBound)
                    // zlib is told the chunk is `chunkSize` long whatever its real length, so pad
                    // the last one; padding zeros never end a deflate stream, so a short stream
                    // still fails (here or at the CRC check).
                    var chunk = Data(count: chunkSize)
                    chunk.replaceSubrange(0..<(end - nextInput), with: source[nextInput..<end])
                    nextInput = end
                    if nextInput == range.upperBound { inputExhausted = true }
                    return chunk
                },
                consumer: { piece in
                    output.append(contentsOf: piece)
                    if output.count > entryLimit { throw StopInflating(error: .entryTooLarge(path: path, limit: entryLimit)) }
                    if output.count > totalLimit { throw StopInflating(error: .archiveTooLarge(limit: self.limits.maxTotalBytes)) }
                })
        } catch let stop as StopInflating {
            throw stop.error
        } catch {
            throw .corruptEntry(path: path, reason: "invalid compressed data")
        }
        return output
    }

    // MARK: - Little-endian fields (callers keep offsets in bounds)

    private func u16(at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func u32(at offset: Int) -> UInt32 {
        UInt32(u16(at: offset)) | UInt32(u16(at: offset + 2)) << 16
    }

    private func u64(at offset: Int) -> UInt64 {
        UInt64(u32(at: offset)) | UInt64(u32(at: offset + 4)) << 32
    }
}
