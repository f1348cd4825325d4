/// Writes ZIP archives byte by byte, so tests can build containers a ZIP library would refuse to
/// write (lying headers, encrypted flags, streams that end early) without a ZIP dependency.

import Foundation

struct ZipBytes {
    struct Entry {
        var name: String
        var data: [UInt8]
        var method: UInt16 = 0
        var flags: UInt16 = 0
        var uncompressedSize: UInt32?
        var crc: UInt32?
    }

    static func archive(_ entries: [Entry]) -> Data {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = UInt32(out.count)
            let name = Array(entry.name.utf8)
            let crc = entry.crc ?? crc32(entry.data)
            let size = entry.uncompressedSize ?? UInt32(entry.data.count)
            func fields(_ bytes: inout [UInt8]) {
                bytes += le16(20) + le16(entry.flags) + le16(entry.method) + le16(0) + le16(0x21)
                bytes += le32(crc) + le32(UInt32(entry.data.count)) + le32(size) + le16(UInt16(name.count)) + le16(0)
            }
            out += le32(0x0403_4B50)
            fields(&out)
            out += name + entry.data
            central += le32(0x0201_4B50) + le16(20)
            fields(&central)
            central += le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let directoryOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(directoryOffset) + le16(0)
        return Data(out)
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }

    private static let table: [UInt32] = (0..<256).map { byte in
        (0..<8).reduce(UInt32(byte)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return ~crc
    }
}
