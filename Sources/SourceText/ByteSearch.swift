/// Literal searching on UTF-8 bytes. Foundation's `contains`, `components(separatedBy:)` and
/// `replacingOccurrences` go through NSString (UTF-16 copies, and a few hundred thousand
/// instructions on first use); the start-up path and the renderers only need exact byte
/// matches of short ASCII or UTF-8 needles, which these give.

extension String {
    /// The UTF-8 offsets of the non-overlapping occurrences of `needle`, left to right.
    public func utf8Occurrences(of needle: String) -> [Int] {
        let n = Array(needle.utf8)
        guard let first = n.first else { return [] }
        var offsets: [Int] = []
        var text = self
        text.withUTF8 { h in
            var i = 0
            let last = h.count - n.count
            while i <= last {
                if h[i] == first {
                    var k = 1
                    while k < n.count, h[i + k] == n[k] { k += 1 }
                    if k == n.count {
                        offsets.append(i)
                        i += n.count
                        continue
                    }
                }
                i += 1
            }
        }
        return offsets
    }

    /// Whether the text holds `needle`, byte for byte.
    public func containsUTF8(_ needle: String) -> Bool {
        needle.isEmpty || !utf8Occurrences(of: needle).isEmpty
    }

    /// The text with every occurrence of `target` replaced by `replacement`, byte for byte.
    public func replacingUTF8(_ target: String, with replacement: String) -> String {
        let offsets = utf8Occurrences(of: target)
        if offsets.isEmpty { return self }
        let bytes = Array(utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + offsets.count * max(0, replacement.utf8.count - target.utf8.count))
        var start = 0
        for offset in offsets {
            out += bytes[start..<offset]
            out += replacement.utf8
            start = offset + target.utf8.count
        }
        out += bytes[start...]
        return String(decoding: out, as: UTF8.self)
    }
}
