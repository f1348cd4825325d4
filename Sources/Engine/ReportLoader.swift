import DocxReader
import Foundation
import ReportModel
import SourceText

/// Reads one input into a `SourceFile`, or says why it cannot be linted.
public enum ReportLoader {
    public enum Problem: Error, Sendable {
        /// The run cannot go on as asked (missing or unreadable path): exit status 2.
        case unreadable(String)
        /// The file is there but is not a report reportlint can read (binary, bad encoding).
        case invalid(String, at: Location?)
        /// Nothing to check.
        case empty
    }

    public static let extensions = ["txt", "md", "markdown", "docx"]

    static func isDocx(_ path: String) -> Bool { path.lowercased().hasSuffix(".docx") }

    public static func load(path: String, displayPath: String? = nil) -> Result<SourceFile, Problem> {
        let display = displayPath ?? path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                return .failure(.unreadable(describe(error, path: path)))
            }
        }
        if isDocx(path) { return readDocx(data, path: display) }
        return decode(Array(data), path: display)
    }

    /// A .docx becomes text first: one line per paragraph, table rows as tab-separated lines
    /// (`reportlint cat` prints this rendering); each line keeps its paragraph index and the
    /// level of its Word heading style, which the parser takes as a section-level hint.
    public static func readDocx(_ data: Data, path: String) -> Result<SourceFile, Problem> {
        do {
            let lines = try DocxReader.read(data: data).renderLines()
            let text = lines.map(\.text).joined(separator: "\n")
            let source = SourceFile(path: path, text: text, encoding: .utf8, paragraphIndexes: lines.map(\.paragraphIndex),
                                    headingLevels: lines.map(\.headingLevel))
            if source.isBlank { return .failure(.empty) }
            return .success(source)
        } catch {
            return .failure(.invalid(error.description, at: nil))
        }
    }

    public static func decode(_ bytes: [UInt8], path: String) -> Result<SourceFile, Problem> {
        if bytes.isEmpty { return .failure(.empty) }
        // UTF-8 (nearly every report): lines straight from the bytes. Anything else, or bytes
        // that are not valid UTF-8, go through the decoder, which also says what is wrong.
        if let source = SourceFile(path: path, utf8Bytes: bytes) {
            return source.isBlank ? .failure(.empty) : .success(source)
        }
        do {
            let (text, encoding) = try TextDecoder.decode(bytes)
            let source = SourceFile(path: path, text: text, encoding: encoding)
            if source.isBlank { return .failure(.empty) }
            return .success(source)
        } catch {
            return .failure(.invalid(error.message, at: error.location))
        }
    }

    static func describe(_ error: Error, path: String) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return posixMessage(Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return posixMessage(Int32(nsError.code)) }
        switch nsError.code {
        case NSFileReadNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError: return "permission denied"
        default:
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                return isDirectory.boolValue ? "is a directory" : "cannot be read"
            }
            return "no such file"
        }
    }

    static func posixMessage(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(code))
        }
    }
}

/// Expands the paths given on the command line into the files to lint, in a stable order.
public enum FileDiscovery {
    public struct Found: Sendable {
        public var files: [String]
        /// Paths that do not exist or cannot be listed.
        public var problems: [(path: String, message: String)]
    }

    public static func expand(_ paths: [String], extensions: [String] = ReportLoader.extensions) -> Found {
        var found = Found(files: [], problems: [])
        let manager = FileManager.default
        for path in paths {
            if path == "-" { found.files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                found.problems.append((path, "no such file or directory"))
                continue
            }
            if !isDirectory.boolValue {
                found.files.append(path)
                continue
            }
            var visited: Set<String> = []
            walk(path, extensions: extensions, visited: &visited, into: &found)
        }
        return found
    }

    /// Depth-first, names sorted; symlinked directories are followed once (loops are cut).
    static func walk(_ directory: String, extensions: [String], visited: inout Set<String>, into found: inout Found) {
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard !visited.contains(real) else { return }
        visited.insert(real)
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            found.problems.append((directory, "cannot list directory"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: child, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(child, extensions: extensions, visited: &visited, into: &found)
            } else if let ext = name.split(separator: ".").last.map({ $0.lowercased() }), name.contains("."),
                      extensions.contains(ext) {
                found.files.append(child)
            }
        }
    }
}
