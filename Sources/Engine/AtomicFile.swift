import Foundation

/// Output files are written whole or not at all: to a temporary file in the same folder,
/// then renamed over the target, so a reader (or a crash) never sees half a report.
public enum AtomicFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public static func write(_ text: String, to path: String, permissions: Int = 0o644) throws(Failure) {
        let temporary = temporaryPath(for: path)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: permissions]) else {
            throw Failure(message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(message: "cannot write \(path): \(reason)")
        }
    }

    static func temporaryPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return ((directory.isEmpty ? "." : directory) as NSString)
            .appendingPathComponent(".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
    }

    /// Writes a file piece by piece into a temporary file beside it and renames it into place
    /// only on `commit()`: readers never see half a report, and a run that fails or is
    /// abandoned (`discard()`) leaves the old file as it was.
    public final class Writer {
        public let path: String
        private let temporary: String
        private let handle: FileHandle
        private var failure: Failure?

        public init(path: String, permissions: Int = 0o644) throws(Failure) {
            self.path = path
            temporary = AtomicFile.temporaryPath(for: path)
            guard FileManager.default.createFile(atPath: temporary, contents: nil,
                                                 attributes: [.posixPermissions: permissions]),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw Failure(message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            self.handle = handle
            InterruptCleanup.register(temporary)
        }

        public func write(_ text: String) {
            guard failure == nil, !text.isEmpty else { return }
            do {
                try handle.write(contentsOf: Data(text.utf8))
            } catch {
                failure = Failure(message: "cannot write \(path): \(error.localizedDescription)")
            }
        }

        public func commit() throws(Failure) {
            try? handle.close()
            defer { InterruptCleanup.clear() }
            if let failure {
                unlink(temporary)
                throw failure
            }
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw Failure(message: "cannot write \(path): \(reason)")
            }
        }

        public func discard() {
            try? handle.close()
            unlink(temporary)
            InterruptCleanup.clear()
        }
    }
}

/// A run interrupted (Ctrl-C, `kill`) while it writes `--output` through a temporary file
/// removes that file before exiting with 128 + the signal, instead of leaving it behind.
/// Only async-signal-safe calls (`unlink`, `_exit`) run in the handler.
enum InterruptCleanup {
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?

    static func register(_ path: String) {
        clear()
        pending = strdup(path)
        signal(SIGINT, interrupted)
        signal(SIGTERM, interrupted)
        signal(SIGHUP, interrupted)
        // A parent may have started the run with these blocked (test runners do); a run that
        // cleans up on them must receive them.
        var set = sigset_t()
        sigemptyset(&set)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func clear() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        signal(SIGHUP, SIG_DFL)
        let path = pending
        pending = nil
        free(path)
    }

    fileprivate static func remove() {
        if let pending { unlink(pending) }
    }
}

private func interrupted(_ signal: Int32) {
    InterruptCleanup.remove()
    _exit(128 + signal)
}
