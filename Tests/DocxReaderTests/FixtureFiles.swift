/// Locates the committed .docx fixtures next to this file, so the tests need no resource bundle
/// and no LibreOffice.

import Foundation

enum FixtureFiles {
    /// `#filePath` is this file's path as the compiler saw it: inside the main package, or
    /// through a symlinked test directory in a scratch package; `Fixtures/` sits beside it in
    /// both, and resolving symlinks covers a link to the file itself.
    static func url(_ name: String, filePath: String = #filePath) -> URL {
        let direct = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: direct.path) { return direct }
        return URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }
}
