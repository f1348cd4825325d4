import Foundation

/// The few git commands reportlint needs, run as the `git` program the user has. Only reads:
/// the index (`git diff --cached`, `git show :path`) and the hooks folder's location; never
/// the work tree, never the stash. The environment is inherited, so inside a hook git's own
/// `GIT_INDEX_FILE` (e.g. for `git commit -a`) is the index that is read.
public enum Git {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: String
    }

    static func run(_ arguments: [String], in directory: String? = nil) throws(Failure) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(message: "cannot run git: \(error.localizedDescription)")
        }
        // Read stderr on another thread so neither pipe can fill up and block git.
        let stderrData = DataBox()
        let group = DispatchGroup()
        let errorHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { stderrData.data = errorHandle.readDataToEndOfFile() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: stdout,
                      stderr: String(decoding: stderrData.data, as: UTF8.self)
                          .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    final class DataBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value = Data()
        var data: Data {
            get { lock.lock(); defer { lock.unlock() }; return value }
            set { lock.lock(); value = newValue; lock.unlock() }
        }
    }

    static func checked(_ arguments: [String], in directory: String? = nil) throws(Failure) -> Data {
        let output = try run(arguments, in: directory)
        guard output.status == 0 else {
            throw Failure(message: output.stderr.isEmpty ? "git \(arguments.first ?? "") failed" : output.stderr)
        }
        return output.stdout
    }

    /// The work tree's top folder, absolute.
    public static func topLevel(from directory: String? = nil) throws(Failure) -> String {
        let output = try run(["rev-parse", "--show-toplevel"], in: directory)
        guard output.status == 0 else {
            throw Failure(message: "not inside a git work tree (--staged and install-hook need one)")
        }
        return String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// Paths (relative to the top folder) of files added, copied, modified or renamed in the
    /// index, limited to `pathspecs` (relative to the working directory) when given.
    public static func stagedPaths(pathspecs: [String] = []) throws(Failure) -> [String] {
        let data = try checked(["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", "--"] + pathspecs)
        // -z: NUL-separated and unquoted, so spaces, quotes and Vietnamese names come through as is.
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The staged bytes of `path` (relative to `topLevel`).
    public static func stagedContent(_ path: String, topLevel: String) throws(Failure) -> [UInt8] {
        // `:path` is relative to the top folder unless it starts with ./ or ../, so run there.
        Array(try checked(["show", ":" + path], in: topLevel))
    }

    /// Where git looks for hooks (`core.hooksPath` when set), absolute.
    public static func hooksDirectory() throws(Failure) -> String {
        _ = try topLevel()
        let data = try checked(["rev-parse", "--git-path", "hooks"])
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        return Paths.absolute(path)
    }
}
