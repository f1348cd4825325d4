import Foundation
import Testing

/// `--staged`, `install-hook` and the pre-commit framework against real git repositories in
/// temporary folders. Each repository holds its own rule file (`draft` forbids "dự thảo"), so
/// these tests do not move when the built-in rule sets do.
@Suite(.serialized) struct GitTests {
    static let clean = "BÁO CÁO\nI. Kết quả\nĐã hoàn thành.\n"
    static let bad = "BÁO CÁO\nI. Kết quả\nBản dự thảo.\n"

    /// A repository with a config that runs only the local rule, and a committed clean report.
    final class Repository {
        let root: URL
        let home: URL
        var environment: [String: String]

        init() throws {
            let base = try CLI.temporaryDirectory()
            root = base.appendingPathComponent("repo")
            home = base.appendingPathComponent("home")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            environment = ["GIT_CONFIG_NOSYSTEM": "1", "HOME": home.path, "XDG_CONFIG_HOME": home.path,
                           "GIT_AUTHOR_DATE": "2026-01-01T00:00:00", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00",
                           "NO_COLOR": "1"]
            try git("init", "-q", "-b", "main")
            try git("config", "user.name", "Chuyên viên")
            try git("config", "user.email", "cv@example.vn")
            try write("local.yaml", """
                ruleset: local
                rules:
                  - id: draft
                    kind: pattern
                    forbid: "dự thảo"
                    message: "còn chữ dự thảo"
                """)
            try write(".reportlint.yml", "extends: [local.yaml]\n")
            try write("bao-cao/thang-1.txt", GitTests.clean)
            try git("add", ".")
            try git("commit", "-q", "-m", "đầu tiên")
        }

        deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }

        func read(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }

        @discardableResult
        func git(_ arguments: String...) throws -> CLI.Output {
            try run("/usr/bin/env", ["git"] + arguments)
        }

        func run(_ executable: String, _ arguments: [String]) throws -> CLI.Output {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.currentDirectoryURL = root
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return CLI.Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                              stderr: String(decoding: stderr, as: UTF8.self))
        }

        func reportlint(_ arguments: String...) throws -> CLI.Output {
            try CLI.run(arguments, in: root, environment: environment)
        }

        var commitCount: Int {
            get throws { Int(try git("rev-list", "--count", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        }
    }

    @Test func stagedLintsTheIndexWithRepositoryPaths() throws {
        let repo = try Repository()
        // Staged: a bad version; in the work tree: the clean one. Paths with spaces and Vietnamese.
        try repo.write("bao-cao/tháng 2 (bản cuối).txt", GitTests.bad)
        try repo.git("add", ".")
        try repo.write("bao-cao/tháng 2 (bản cuối).txt", GitTests.clean)
        try repo.write("bao-cao/chua-stage.txt", GitTests.bad)
        let result = try repo.reportlint("--staged")
        #expect(result.stdout == "bao-cao/tháng 2 (bản cuối).txt:3:5: error: còn chữ dự thảo [local/draft]\n")
        #expect(result.status == 1)
        // Run from a subfolder: still repository paths.
        let sub = try CLI.run(["--staged", "--format", "gcc"], in: repo.root.appendingPathComponent("bao-cao"),
                              environment: repo.environment)
        #expect(sub.stdout == result.stdout)
        // The work tree and the index are as they were.
        #expect(try repo.read("bao-cao/tháng 2 (bản cuối).txt") == GitTests.clean)
        #expect(try repo.git("status", "--porcelain", "-z").stdout.split(separator: "\0").sorted() == [
            "?? bao-cao/chua-stage.txt", "AM bao-cao/tháng 2 (bản cuối).txt",
        ])
        #expect(try repo.git("stash", "list").stdout == "")
    }

    @Test func stagedWithNothingStagedPasses() throws {
        let repo = try Repository()
        let result = try repo.reportlint("--staged")
        #expect(result.stdout == "")
        #expect(result.status == 0)
    }

    @Test func stagedOutsideARepositoryExitsTwo() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["--staged"], in: directory, environment: ["GIT_CEILING_DIRECTORIES": directory.deletingLastPathComponent().path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not inside a git work tree"))
    }

    @Test func hookRefusesABadCommitAndAcceptsAGoodOne() throws {
        let repo = try Repository()
        let install = try repo.reportlint("install-hook")
        #expect(install.status == 0)
        #expect(install.stdout == "installed pre-commit hook at \(repo.root.path)/.git/hooks/pre-commit\n")

        try repo.write("bao-cao/thang-2.txt", GitTests.bad)
        try repo.git("add", ".")
        let refused = try repo.git("commit", "-q", "-m", "xấu")
        #expect(refused.status != 0)
        // git sends a hook's standard output to its standard error.
        #expect(refused.stderr.contains("bao-cao/thang-2.txt:3:5: error: còn chữ dự thảo [local/draft]"))
        #expect(try repo.commitCount == 1)

        try repo.write("bao-cao/thang-2.txt", GitTests.clean)
        try repo.git("add", ".")
        #expect(try repo.git("commit", "-q", "-m", "tốt").status == 0)
        #expect(try repo.commitCount == 2)
    }

    @Test func unstagedEditsDoNotDecide() throws {
        let repo = try Repository()
        _ = try repo.reportlint("install-hook")
        // Good staged version, bad unstaged edit: the commit goes through.
        try repo.write("bao-cao/thang-2.txt", GitTests.clean)
        try repo.git("add", ".")
        try repo.write("bao-cao/thang-2.txt", GitTests.bad)
        #expect(try repo.git("commit", "-q", "-m", "tốt").status == 0)
        #expect(try repo.read("bao-cao/thang-2.txt") == GitTests.bad)

        // Bad staged version, good unstaged edit: refused.
        try repo.git("add", ".")
        try repo.write("bao-cao/thang-2.txt", GitTests.clean)
        #expect(try repo.git("commit", "-q", "-m", "xấu").status != 0)
        #expect(try repo.commitCount == 2)
        #expect(try repo.read("bao-cao/thang-2.txt") == GitTests.clean)
    }

    @Test func existingHookIsNeverOverwrittenSilently() throws {
        let repo = try Repository()
        let hook = repo.root.appendingPathComponent(".git/hooks/pre-commit")
        let own = "#!/bin/sh\necho own-hook-ran >&2\n"
        try own.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

        let refused = try repo.reportlint("install-hook")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already exists and was not installed by reportlint; leaving it alone"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == own)
        #expect(try repo.reportlint("install-hook", "--uninstall").status == 2)
        #expect(try String(contentsOf: hook, encoding: .utf8) == own)

        // --chain keeps it and runs it first.
        #expect(try repo.reportlint("install-hook", "--chain").status == 0)
        try repo.write("bao-cao/thang-2.txt", GitTests.bad)
        try repo.git("add", ".")
        let refusedCommit = try repo.git("commit", "-q", "-m", "xấu")
        #expect(refusedCommit.status != 0)
        #expect(refusedCommit.stderr.contains("own-hook-ran"))

        // --uninstall puts the original back.
        let removed = try repo.reportlint("install-hook", "--uninstall")
        #expect(removed.status == 0)
        #expect(try String(contentsOf: hook, encoding: .utf8) == own)
        #expect(!FileManager.default.fileExists(atPath: hook.path + ".reportlint-chained"))
    }

    @Test func hookGoesWhereCoreHooksPathSays() throws {
        let repo = try Repository()
        try repo.git("config", "core.hooksPath", ".githooks")
        #expect(try repo.reportlint("install-hook").status == 0)
        let hook = repo.root.appendingPathComponent(".githooks/pre-commit")
        #expect(FileManager.default.isExecutableFile(atPath: hook.path))
        #expect(!FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".git/hooks/pre-commit").path))

        try repo.write("bao-cao/thang-2.txt", GitTests.bad)
        try repo.git("add", "bao-cao")
        #expect(try repo.git("commit", "-q", "-m", "xấu").status != 0)

        #expect(try repo.reportlint("install-hook", "--uninstall").status == 0)
        #expect(!FileManager.default.fileExists(atPath: hook.path))
        #expect(try repo.git("commit", "-q", "-m", "không còn hook").status == 0)
    }

    /// The pre-commit framework builds reportlint from a copy of this package (`language: swift`,
    /// a release build of a few minutes) and runs it on a sample repository. Runs when
    /// `pre-commit` is installed and `REPORTLINT_TEST_PRE_COMMIT=1` (CI sets it), so an everyday
    /// `swift test` stays fast. try-repo gets a throwaway git copy of the package, never this
    /// repository itself.
    @Test(.enabled(if: GitTests.preCommit != nil, "pre-commit is not installed"),
          .enabled(if: ProcessInfo.processInfo.environment["REPORTLINT_TEST_PRE_COMMIT"] == "1",
                   "set REPORTLINT_TEST_PRE_COMMIT=1 to build reportlint through pre-commit"))
    func preCommitTryRepo() throws {
        let repo = try Repository()
        let package = repo.home.appendingPathComponent("reportlint-package")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        for item in ["Package.swift", "Package.resolved", "Sources", "Tests", "rules", ".pre-commit-hooks.yaml"] {
            let source = CLI.packageRoot.appendingPathComponent(item)
            if FileManager.default.fileExists(atPath: source.path) {
                try FileManager.default.copyItem(at: source, to: package.appendingPathComponent(item))
            }
        }
        func packageGit(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=ci", "-c", "user.email=ci@example.vn"] + arguments
            process.currentDirectoryURL = package
            process.environment = ProcessInfo.processInfo.environment.merging(repo.environment) { $1 }
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        try packageGit("init", "-q")
        try packageGit("add", ".")
        try packageGit("commit", "-q", "-m", "package")

        try repo.write("bao-cao/thang-2.txt", GitTests.bad)
        try repo.write("ghi-chu.rst", "dự thảo\n")
        try repo.git("add", ".")
        repo.environment["PRE_COMMIT_HOME"] = repo.home.appendingPathComponent("pre-commit").path
        // SwiftPM keeps its dependency cache under the real HOME (a machine without network
        // builds from it); git still reads no global config.
        if let home = ProcessInfo.processInfo.environment["HOME"] {
            let empty = repo.home.appendingPathComponent("gitconfig")
            try "".write(to: empty, atomically: true, encoding: .utf8)
            repo.environment["HOME"] = home
            repo.environment["GIT_CONFIG_GLOBAL"] = empty.path
        }
        let result = try repo.run(GitTests.preCommit!, ["try-repo", package.path, "reportlint", "--all-files",
                                                        "--color", "never"])
        #expect(result.status == 1, "\(result.stdout.suffix(3000))")
        #expect(result.stdout.contains("bao-cao/thang-2.txt:3:5: error: còn chữ dự thảo [local/draft]"))
        #expect(!result.stdout.contains("ghi-chu.rst"))
    }

    static let preCommit: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/pre-commit"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()
}
