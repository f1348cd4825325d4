/// Positions in a decoded report or rule file. Lines and columns are 1-based; a column counts
/// Unicode scalars of the decoded line, which is what editors and SARIF's
/// `columnKind: unicodeCodePoints` expect.
public struct Location: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Location, b: Location) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range `[start, end)` of locations in one file.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var start: Location
    public var end: Location

    public init(_ start: Location, _ end: Location) {
        self.start = start
        self.end = end
    }

    public init(line: Int, column: Int, length: Int = 0) {
        start = Location(line: line, column: column)
        end = Location(line: line, column: column + length)
    }

    public var description: String { "\(start)-\(end)" }
}
