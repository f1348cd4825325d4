import Foundation

/// `reportlint install-hook`: a git pre-commit hook that runs `reportlint --staged`. It goes
/// where git looks for hooks (`core.hooksPath` when set). A hook reportlint did not write is
/// never replaced: without `--chain` the install stops and says so; with `--chain` the old hook
/// is kept beside it and runs first. `--uninstall` removes only a hook carrying reportlint's
/// marker line, and puts a chained hook back.
public enum HookInstaller {
    public static let marker = "# installed by: reportlint install-hook"
    public static let chainedName = "pre-commit.reportlint-chained"

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The hook script. `binary` is the reportlint that installed it; when that one is gone the
    /// hook uses `reportlint` from PATH. `REPORTLINT` in the environment overrides both.
    public static func script(binary: String) -> String {
        let quoted = "'" + binary.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return """
            #!/bin/sh
            \(marker)
            # Lints the staged version of the staged reports; a commit with errors is refused.
            # Remove with `reportlint install-hook --uninstall` (a chained hook is put back).
            chained="$(dirname "$0")/\(chainedName)"
            if [ -f "$chained" ]; then
              "$chained" "$@" || exit $?
            fi
            reportlint=\(quoted)
            if [ ! -x "$reportlint" ]; then reportlint=reportlint; fi
            if [ -n "${REPORTLINT:-}" ]; then reportlint=$REPORTLINT; fi
            exec "$reportlint" --staged

            """
    }

    public static func isOurs(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return String(decoding: data, as: UTF8.self).contains(marker)
    }

    /// Installs into `hooksDirectory`; returns what was done, for the user.
    public static func install(hooksDirectory: String, binary: String, chain: Bool) throws(Failure) -> String {
        let manager = FileManager.default
        let hook = (hooksDirectory as NSString).appendingPathComponent("pre-commit")
        let chained = (hooksDirectory as NSString).appendingPathComponent(chainedName)
        var action = "installed"
        if manager.fileExists(atPath: hook) {
            if isOurs(hook) {
                action = "updated"
            } else if chain {
                guard !manager.fileExists(atPath: chained) else {
                    throw Failure(message: "\(chained) already exists; not moving \(hook) over it")
                }
                do {
                    try manager.moveItem(atPath: hook, toPath: chained)
                } catch {
                    throw Failure(message: "cannot move \(hook) to \(chained): \(error.localizedDescription)")
                }
                action = "installed (the existing hook, now \(chainedName), runs first)"
            } else {
                throw Failure(message: """
                    \(hook) already exists and was not installed by reportlint; leaving it alone.
                    Run `reportlint install-hook --chain` to keep it and run it before reportlint, \
                    or add `reportlint --staged` to it yourself.
                    """)
            }
        }
        do {
            try manager.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
            try AtomicFile.write(script(binary: binary), to: hook, permissions: 0o755)
        } catch {
            throw Failure(message: "cannot write \(hook): \(error)")
        }
        return "\(action) pre-commit hook at \(hook)"
    }

    public static func uninstall(hooksDirectory: String) throws(Failure) -> String {
        let manager = FileManager.default
        let hook = (hooksDirectory as NSString).appendingPathComponent("pre-commit")
        let chained = (hooksDirectory as NSString).appendingPathComponent(chainedName)
        guard manager.fileExists(atPath: hook) else {
            return "no pre-commit hook at \(hook); nothing to remove"
        }
        guard isOurs(hook) else {
            throw Failure(message: "\(hook) was not installed by reportlint; leaving it alone")
        }
        do {
            try manager.removeItem(atPath: hook)
            if manager.fileExists(atPath: chained) {
                try manager.moveItem(atPath: chained, toPath: hook)
                return "removed reportlint's pre-commit hook; restored the hook it chained to"
            }
        } catch {
            throw Failure(message: "cannot remove \(hook): \(error.localizedDescription)")
        }
        return "removed reportlint's pre-commit hook from \(hook)"
    }

    /// The running reportlint, absolute.
    public static func currentBinary() -> String {
        let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if link != "/proc/self/exe", FileManager.default.isExecutableFile(atPath: link) { return link }
        return Paths.absolute(CommandLine.arguments[0])
    }
}
