import SourceText

/// A mistake in a rule file or project configuration, at the YAML node that holds it.
public struct RuleSetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var location: Location
    /// Filled in by the loader, which knows the file.
    public var path: String

    public init(_ message: String, at location: Location, path: String = "") {
        self.message = message
        self.location = location
        self.path = path
    }

    public var description: String { "\(path):\(location.line):\(location.column): error: \(message) [config]" }

    static func unknownField(_ name: String, in owner: String, known: [String], at location: Location) -> RuleSetError {
        var message = "unknown field '\(name)' in \(owner)"
        if let suggestion = closest(to: name, in: known) { message += " (did you mean '\(suggestion)'?)" }
        return RuleSetError(message, at: location)
    }
}

/// The candidate within a small edit distance, for "did you mean" hints.
func closest(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= max(2, word.count / 3) }
    return scored.min { $0.1 < $1.1 }?.0
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
