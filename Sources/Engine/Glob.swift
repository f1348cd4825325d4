/// The globs of `.reportlint.yml` (`ignore`, `overrides[].files`), matched against a path
/// relative to the config file's directory, `/`-separated:
/// `*` and `?` stay within one path segment, `**` spans any number of segments, a pattern
/// without `/` matches a file name at any depth (as in `.gitignore`), and a pattern that
/// matches a directory matches everything inside it.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    let segments: [[Character]]

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = pattern
        while text.hasPrefix("./") { text.removeFirst(2) }
        var anchored = text.hasPrefix("/")
        if anchored { text.removeFirst() }
        if text.hasSuffix("/") { text.removeLast() }
        anchored = anchored || text.contains("/")
        var parts = text.split(separator: "/", omittingEmptySubsequences: true).map { Array($0) }
        if !anchored { parts.insert(Array("**"), at: 0) }
        segments = parts
    }

    public var description: String { pattern }

    /// True when `relativePath` (or a directory above it) matches.
    public func matches(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true)
            .filter { $0 != "." }.map { Array($0) }
        guard !parts.isEmpty else { return false }
        for count in stride(from: parts.count, through: 1, by: -1) where Glob.match(segments[...], parts[..<count]) {
            return true
        }
        return false
    }

    static func match(_ pattern: ArraySlice<[Character]>, _ path: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == ["*", "*"] {
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                if remaining.isEmpty { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(first[...], segment[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    static func matchSegment(_ pattern: ArraySlice<Character>, _ name: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case "*":
            var remaining = name
            while true {
                if matchSegment(pattern.dropFirst(), remaining) { return true }
                if remaining.isEmpty { return false }
                remaining = remaining.dropFirst()
            }
        case "?":
            return !name.isEmpty && matchSegment(pattern.dropFirst(), name.dropFirst())
        default:
            return name.first == first && matchSegment(pattern.dropFirst(), name.dropFirst())
        }
    }
}
