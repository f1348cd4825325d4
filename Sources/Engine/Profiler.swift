import Foundation

/// Time spent per phase (read and decode, parse, facts, render) and per rule, summed over every
/// file of a run, for `reportlint --profile`: the way to find a slow rule. Off unless the CLI
/// turns it on; then each measurement is two clock reads and a locked add.
public final class Profiler: @unchecked Sendable {
    public static let shared = Profiler()

    private let lock = NSLock()
    private var enabled = false
    private var totals: [String: (seconds: Double, calls: Int)] = [:]

    public var isEnabled: Bool {
        get { lock.withLock { enabled } }
        set { lock.withLock { enabled = newValue } }
    }

    public func measure<T, Failure: Error>(_ name: @autoclosure () -> String,
                                           _ body: () throws(Failure) -> T) throws(Failure) -> T {
        guard isEnabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let key = name()
            lock.withLock {
                let old = totals[key] ?? (0, 0)
                totals[key] = (old.seconds + seconds, old.calls + 1)
            }
        }
        return try body()
    }

    /// One line per phase or rule, slowest first: total milliseconds, calls, share of the total.
    public func report() -> String {
        let rows = lock.withLock { totals }.sorted { $0.value.seconds > $1.value.seconds }
        let total = rows.reduce(0) { $0 + $1.value.seconds }
        let width = rows.map(\.key.count).max() ?? 0
        var out = "profile (summed over files and threads):\n"
        for (name, value) in rows {
            let share = total > 0 ? value.seconds / total * 100 : 0
            out += "  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "  %9.2f ms  %7d calls  %5.1f%%\n", value.seconds * 1000, value.calls, share)
        }
        return out
    }
}
