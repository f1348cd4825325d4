import Diagnostics
import Foundation
import SourceText

/// Applies the safe fix-its of the diagnostics of files on disk (`--fix`), or shows them as a
/// unified diff (`--fix-dry-run`). A file is fixed only when its bytes still decode to the text
/// that was linted, and it is written back atomically: a temporary file in the same directory
/// with the original permissions, checked once more against the bytes and modification time
/// read, then `rename(2)`. A file that changed is left alone with an error diagnostic; a .docx
/// (fixing it would mean rewriting Word's XML) gets a note, and standard input is skipped. Overlapping fix-its are never both applied: the first one (by position)
/// wins and the other waits for the next run.
public enum Fixer {
    /// What a fixing run did: the diff (dry run) and findings about files it could not fix.
    public struct Outcome: Sendable {
        /// Unified diff of every file that would change (dry run).
        public var diff = ""
        /// Files written (none in a dry run).
        public var changed: [String] = []
        /// `path: note/error: …` findings for files left alone.
        public var diagnostics: [Diagnostic] = []
        /// The number of fix-its applied (or that would be).
        public var applied = 0

        public init() {}
    }

    /// Lints `paths` as a normal run would (same configs and rules), then fixes each file.
    public static func run(paths: [String], resolver: ProfileResolver, jobs: Int, dryRun: Bool) throws(LintRun.Failure) -> Outcome {
        let result = try LintRun(source: .paths(paths), resolver: resolver, jobs: jobs).run()
        var outcome = Outcome()
        for file in result.files.sorted(by: { $0.path < $1.path }) {
            let linter = file.absolutePath.flatMap { path in resolver.profile(for: path)?.linter(for: path) }
            fix(file, linter: linter, dryRun: dryRun, into: &outcome)
        }
        return outcome
    }

    /// Passes over one file: a fix-it that overlapped another is applied once the text is linted again.
    static let maximumPasses = 10

    /// Applies the safe fix-its of one linted file to the file on disk (or to the diff). With a
    /// linter, the fixed text is linted again in memory and fixed again until nothing changes.
    public static func fix(_ file: FileResult, linter: Linter? = nil, dryRun: Bool, into outcome: inout Outcome) {
        guard let source = file.source, file.path != "<stdin>" else { return }
        let fixIts = file.diagnostics.flatMap(\.fixIts).filter(\.safe)
        guard !fixIts.isEmpty else { return }
        if file.path.lowercased().hasSuffix(".docx") {
            outcome.diagnostics.append(Diagnostic(
                path: file.path, range: nil, severity: .info,
                message: "không tự sửa tệp .docx (\(fixIts.count) chỗ có thể sửa): hãy sửa trong Word", ruleID: "fix"))
            return
        }
        let target = URL(fileURLWithPath: file.absolutePath ?? file.path).resolvingSymlinksInPath().path
        // The bytes on disk now must be the text that was linted.
        guard let before = Snapshot(path: target), let (text, encoding) = try? TextDecoder.decode(before.bytes),
              sameText(SourceFile(path: file.path, text: text, encoding: encoding), source) else {
            outcome.diagnostics.append(Diagnostic(path: file.path, range: nil, severity: .error,
                                                  message: "tệp đã thay đổi từ lúc đọc; không sửa, hãy chạy lại", ruleID: "fix"))
            return
        }
        // A read-only file is one its owner chose not to have edited; rename(2) would replace it anyway.
        if let permissions = before.permissions, permissions & 0o222 == 0 {
            outcome.diagnostics.append(Diagnostic(path: file.path, range: nil, severity: .error,
                                                  message: "tệp chỉ đọc; không sửa", ruleID: "fix"))
            return
        }
        var (fixed, applied) = apply(fixIts, to: text)
        var pass = 1
        while let linter, pass < maximumPasses, !fixed.utf8.elementsEqual(text.utf8) {
            let again = linter.lint(SourceFile(path: file.path, text: fixed, encoding: encoding)).flatMap(\.fixIts).filter(\.safe)
            let (next, count) = apply(again, to: fixed)
            if count == 0 || next.utf8.elementsEqual(fixed.utf8) { break }
            fixed = next
            applied += count
            pass += 1
        }
        guard applied > 0, !fixed.utf8.elementsEqual(text.utf8) else { return }
        outcome.applied += applied
        if dryRun {
            outcome.diff += unifiedDiff(old: text, new: fixed, path: file.path)
            return
        }
        do {
            try replace(target, with: encode(fixed, like: before.bytes, encoding: encoding), expecting: before)
            outcome.changed.append(file.path)
        } catch let error as FixError {
            outcome.diagnostics.append(Diagnostic(path: file.path, range: nil, severity: .error, message: error.message, ruleID: "fix"))
        } catch {
            outcome.diagnostics.append(Diagnostic(path: file.path, range: nil, severity: .error,
                                                  message: "không ghi được tệp: \(error.localizedDescription)", ruleID: "fix"))
        }
    }

    static func sameText(_ a: SourceFile, _ b: SourceFile) -> Bool {
        guard a.lineCount == b.lineCount else { return false }
        for number in stride(from: 1, through: a.lineCount, by: 1)
        where !a.originalLine(number).unicodeScalars.elementsEqual(b.originalLine(number).unicodeScalars) {
            return false
        }
        return true
    }

    /// The bytes and modification time of a file when it was read.
    struct Snapshot {
        let bytes: [UInt8]
        let modified: Date?
        let permissions: Int?

        init?(path: String) {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            bytes = Array(data)
            modified = attributes?[.modificationDate] as? Date
            permissions = (attributes?[.posixPermissions] as? NSNumber)?.intValue
        }
    }

    struct FixError: Error {
        let message: String
    }

    /// Writes `bytes` to a temporary file beside `path` and renames it over `path`, unless the
    /// file no longer has the bytes and modification time it had when it was read.
    static func replace(_ path: String, with bytes: [UInt8], expecting before: Snapshot) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).reportlint-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes),
                                             attributes: before.permissions.map { [.posixPermissions: $0] }) else {
            throw FixError(message: "không tạo được tệp tạm trong \(directory.path); tệp không được sửa")
        }
        var renamed = false
        defer { if !renamed { try? FileManager.default.removeItem(at: temporary) } }
        if let permissions = before.permissions {
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
        }
        guard let now = Snapshot(path: path), now.bytes == before.bytes, now.modified == before.modified else {
            throw FixError(message: "tệp đã thay đổi từ lúc đọc; không sửa, hãy chạy lại")
        }
        guard rename(temporary.path, path) == 0 else {
            throw FixError(message: "không thay được tệp: \(String(cString: strerror(errno)))")
        }
        renamed = true
    }

    /// The fixed text in the file's own encoding, with its BOM if it had one.
    static func encode(_ text: String, like original: [UInt8], encoding: TextEncoding) -> [UInt8] {
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf16LE, .utf16BE:
            let bigEndian = encoding == .utf16BE
            let hadBOM = original.starts(with: bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE])
            var bytes: [UInt8] = hadBOM ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
            for unit in text.utf16 {
                let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
                bytes += bigEndian ? [high, low] : [low, high]
            }
            return bytes
        }
    }

    /// Applies fix-its (ranges in lines and Unicode-scalar columns of `text` as saved) from the
    /// first to the last; one that overlaps an earlier one, or repeats it, is skipped.
    public static func apply(_ fixIts: [FixIt], to text: String) -> (String, applied: Int) {
        let scalars = Array(text.unicodeScalars)
        // Offset of the first scalar of each line, with the same line breaks as SourceFile.
        var lineStarts = [0]
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\r" {
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                lineStarts.append(i + 1)
            } else if scalars[i] == "\n" {
                lineStarts.append(i + 1)
            }
            i += 1
        }
        func offset(_ location: Location) -> Int? {
            guard location.line >= 1, location.line <= lineStarts.count else { return nil }
            let start = lineStarts[location.line - 1]
            let end = location.line < lineStarts.count ? lineStarts[location.line] : scalars.count
            let value = start + location.column - 1
            return value >= start && value <= end ? value : nil
        }
        var edits: [(range: Range<Int>, replacement: String)] = []
        for fixIt in fixIts {
            guard let lower = offset(fixIt.range.start), let upper = offset(fixIt.range.end), lower <= upper else { continue }
            edits.append((lower..<upper, fixIt.replacement))
        }
        edits.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var accepted: [(range: Range<Int>, replacement: String)] = []
        for edit in edits {
            if let last = accepted.last {
                // Half-open ranges: touching is fine, but two insertions at one point are not.
                let overlaps = edit.range.lowerBound < last.range.upperBound
                    || (edit.range.lowerBound == last.range.upperBound && (edit.range.isEmpty && last.range.isEmpty
                        || edit.range.lowerBound == last.range.lowerBound))
                if overlaps { continue }
            }
            accepted.append(edit)
        }
        var result = String.UnicodeScalarView()
        var position = 0
        for edit in accepted {
            result.append(contentsOf: scalars[position..<edit.range.lowerBound])
            result.append(contentsOf: edit.replacement.unicodeScalars)
            position = edit.range.upperBound
        }
        result.append(contentsOf: scalars[position...])
        return (String(result), accepted.count)
    }

    /// A unified diff (`--- a/path`, `+++ b/path`, hunks with three lines of context) that
    /// `git apply` and `patch -p1` accept.
    public static func unifiedDiff(old: String, new: String, path: String) -> String {
        // Compared by scalars: Swift's == would call an NFD line equal to its NFC fix.
        let a = lines(old).map { Array($0.unicodeScalars) }, b = lines(new).map { Array($0.unicodeScalars) }
        // Common prefix and suffix first: fixes change few lines of long files.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)]), midB = Array(b[prefix..<(b.count - suffix)])
        // Longest common subsequence of the middle.
        var table = Array(repeating: Array(repeating: 0, count: midB.count + 1), count: midA.count + 1)
        for i in stride(from: midA.count - 1, through: 0, by: -1) {
            for j in stride(from: midB.count - 1, through: 0, by: -1) {
                table[i][j] = midA[i] == midB[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        enum Op { case same([Unicode.Scalar]), remove([Unicode.Scalar]), add([Unicode.Scalar]) }
        var ops: [Op] = a[..<prefix].map { .same($0) }
        var i = 0, j = 0
        while i < midA.count || j < midB.count {
            if i < midA.count, j < midB.count, midA[i] == midB[j] { ops.append(.same(midA[i])); i += 1; j += 1 }
            else if i < midA.count, j == midB.count || table[i + 1][j] >= table[i][j + 1] { ops.append(.remove(midA[i])); i += 1 }
            else { ops.append(.add(midB[j])); j += 1 }
        }
        ops += a[(a.count - suffix)...].map { .same($0) }

        let context = 3
        let (from, to) = path.hasPrefix("/") ? (path, path) : ("a/" + path, "b/" + path)
        var out = "--- \(from)\n+++ \(to)\n"
        var index = 0
        var oldLine = 1, newLine = 1
        while index < ops.count {
            guard let change = ops[index...].firstIndex(where: { if case .same = $0 { return false } else { return true } }) else { break }
            // Advance to the hunk start, counting lines.
            let start = max(index, change - context)
            for op in ops[index..<start] { if case .same = op { oldLine += 1; newLine += 1 } }
            var end = change
            var lastChange = change
            while end < ops.count {
                if case .same = ops[end] {
                    if end - lastChange > 2 * context { break }
                } else {
                    lastChange = end
                }
                end += 1
            }
            end = min(ops.count, lastChange + context + 1)
            var body = ""
            var oldCount = 0, newCount = 0
            for op in ops[start..<end] {
                switch op {
                case let .same(text): body += " " + String(String.UnicodeScalarView(text)) + "\n"; oldCount += 1; newCount += 1
                case let .remove(text): body += "-" + String(String.UnicodeScalarView(text)) + "\n"; oldCount += 1
                case let .add(text): body += "+" + String(String.UnicodeScalarView(text)) + "\n"; newCount += 1
                }
            }
            out += "@@ -\(oldLine),\(oldCount) +\(newLine),\(newCount) @@\n" + body
            oldLine += oldCount
            newLine += newCount
            index = end
        }
        return out
    }

    /// Lines without their terminators (CRLF shows as a change only where the text changed).
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                result.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }
}
