import Engine
import Foundation
import Testing

/// Word input end to end: each .docx sample gives the findings of its text twin, at the lines
/// `reportlint cat` shows; a broken or hostile .docx is one `[input]` error and the run goes on;
/// nothing is ever written to a .docx.
@Suite(.serialized) struct DocxCLITests {
    static let fixtures = "Tests/DocxReaderTests/Fixtures"

    /// Every `samples/NAME.docx` with a `samples/NAME.txt` or `NAME.md` beside it.
    static let twins: [(text: String, docx: String)] = {
        let samples = CLI.packageRoot.appendingPathComponent("samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return names.filter { $0.hasSuffix(".docx") }.sorted().compactMap { docx in
            let stem = String(docx.dropLast(".docx".count))
            guard let text = ["txt", "md"].map({ "\(stem).\($0)" }).first(where: names.contains) else { return nil }
            return ("samples/\(text)", "samples/\(docx)")
        }
    }()

    /// The bad containers of DocxReaderTests and the one line each must give.
    static let badContainers: [(file: String, message: String)] = [
        ("not-a-zip.docx", "not a .docx file (not a ZIP archive)"),
        ("empty.docx", "empty file; a .docx file is a ZIP archive and cannot be empty"),
        ("no-document-part.docx",
         "not a Word document: the ZIP archive has no word/document.xml (an .xlsx, .pptx or .odt file?)"),
        ("ole-compound.docx", "legacy .doc or password-protected document; save it as .docx without a password"),
        ("zip-bomb.docx", "word/document.xml expands to more than 64 MiB; refusing to read it (possible ZIP bomb)"),
        ("zip-bomb-lying-size.docx",
         "word/document.xml expands to more than 64 MiB; refusing to read it (possible ZIP bomb)"),
        ("doctype-entity.docx",
         "word/document.xml declares a DOCTYPE; documents with DTDs or external entities are refused"),
        ("truncated.docx", "truncated .docx file (the ZIP archive ends early); copy or download the file again"),
        ("malformed-xml.docx", "word/document.xml:2:23549: malformed XML: an end tag does not match its start tag"),
        ("corrupt-crc.docx",
         "word/document.xml is damaged (CRC checksum mismatch); open the document in Word and save it again"),
    ]

    /// The paragraph index of each line of samples/no-archive-copy.docx: the header table holds
    /// paragraphs 0-7 (its empty ones make no line), the closing table 16-25.
    static let noArchiveCopyParagraphs: [Int?] = [0, 1, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]

    /// The findings of the sample the bad containers are linted beside, linted alone.
    static let missingTasksAlone = try? CLI.run(["--format", "gcc", "samples/missing-tasks-section.docx"])

    // MARK: Twins

    /// The Word twins made by scripts/make-docx-samples.sh; a new one is tested by adding it.
    @Test func twinsAreFound() {
        #expect(Self.twins.map(\.docx) == ["samples/clean-monthly.docx", "samples/missing-tasks-section.docx",
                                           "samples/no-archive-copy.docx", "samples/no-ministry.docx"])
    }

    @Test(arguments: DocxCLITests.twins.map(\.docx))
    func docxGivesTheFindingsOfItsTextTwinAtTheLinesCatShows(_ docx: String) throws {
        let text = try #require(Self.twins.first { $0.docx == docx }).text
        let textRun = try CLI.run(["--format", "gcc", text])
        let docxRun = try CLI.run(["--format", "gcc", docx])
        #expect(docxRun.stderr == "")
        #expect(docxRun.status == textRun.status)
        let textFindings = try findings(textRun.stdout, path: text)
        let docxFindings = try findings(docxRun.stdout, path: docx)
        // Same rule ids and messages, in the same order (notes included).
        #expect(docxFindings.map(\.rest) == textFindings.map(\.rest))

        // Each finding points at the same words: the .docx line as `cat` prints it reads, from the
        // reported column, like the text twin's line up to its first tab (the .docx header and
        // closing rows carry a second column that the text has on its own lines) and without
        // Markdown emphasis (`**Nơi nhận:**` is bold in Word).
        let textLines = try catLines(text)
        let docxLines = try catLines(docx)
        for (t, d) in zip(textFindings, docxFindings) {
            guard let tl = t.line, let tc = t.column, let dl = d.line, let dc = d.column else {
                #expect(t.line == nil && d.line == nil, "\(d.rest)")
                continue
            }
            let expected = String(String.UnicodeScalarView(textLines[tl - 1].unicodeScalars.dropFirst(tc - 1)))
                .prefix { $0 != "\t" }.filter { $0 != "*" }
            let actual = String(String.UnicodeScalarView(docxLines[dl - 1].unicodeScalars.dropFirst(dc - 1)))
            #expect(!expected.isEmpty && actual.hasPrefix(expected), "\(docx):\(dl):\(dc) \(d.rest)")
        }
    }

    /// The header and closing tables are read into the same outline as the text: agency, Quốc hiệu,
    /// Tiêu ngữ, `Số:`, place-date, sections, tables, Nơi nhận and signature; only positions differ.
    @Test(arguments: DocxCLITests.twins.map(\.docx))
    func docxHasTheOutlineOfItsTextTwin(_ docx: String) throws {
        let text = try #require(Self.twins.first { $0.docx == docx }).text
        let textOutline = try outline(text)
        let docxOutline = try outline(docx)
        #expect(docxOutline == textOutline)
        for field in ["agency", "national-name", "motto", "number", "place-date", "title", "recipients"] {
            #expect(docxOutline.contains { $0.hasPrefix(field + " ") || $0.hasPrefix(field + ":") }, "\(field)")
        }
    }

    @Test func headingStylesWithoutNumbersAreSections() throws {
        let path = "\(Self.fixtures)/unnumbered-headings.docx"
        let structure = try CLI.run(["cat", "--structure", path])
        let lines = structure.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("section L1 6:1 [] KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 4 (lines 6-11)"))
        #expect(lines.contains("  section L2 7:1 [] Chuyển đổi số (lines 7-8)"))
        #expect(lines.contains("  section L2 9:1 [2.] Bưu chính (lines 9-11)"))
        #expect(lines.contains("section L1 12:1 [] NHIỆM VỤ THÁNG 5 (lines 12-13)"))
        // Both required sections are found although neither heading has a number.
        let lint = try CLI.run(["--format", "gcc", path])
        #expect(!lint.stdout.contains("required-sections"))
    }

    /// The loader hands the parser the paragraph index (for JSON and SARIF) and the heading level
    /// of every line.
    @Test func loadedDocxKeepsParagraphIndexesAndHeadingLevels() throws {
        let sample = CLI.packageRoot.appendingPathComponent("samples/no-archive-copy.docx").path
        guard case let .success(source) = ReportLoader.load(path: sample) else {
            Issue.record("samples/no-archive-copy.docx did not load")
            return
        }
        #expect((1...15).map { source.paragraphIndex(ofLine: $0) } == Self.noArchiveCopyParagraphs)
        #expect((1...15).map { source.headingLevel(ofLine: $0) } == Array(repeating: nil, count: 15))

        let fixture = CLI.packageRoot.appendingPathComponent("\(Self.fixtures)/unnumbered-headings.docx").path
        guard case let .success(styled) = ReportLoader.load(path: fixture) else {
            Issue.record("unnumbered-headings.docx did not load")
            return
        }
        #expect((1...styled.lineCount).compactMap { line in styled.headingLevel(ofLine: line).map { (line, $0) } }
                    .map { "\($0.0):\($0.1)" } == ["6:1", "7:2", "9:2", "12:1"])
    }

    // MARK: Bad containers

    @Test(arguments: DocxCLITests.badContainers.map(\.file))
    func badContainerIsOneErrorAndTheOtherFileIsStillLinted(_ file: String) throws {
        let message = try #require(Self.badContainers.first { $0.file == file }).message
        let bad = "\(Self.fixtures)/\(file)"
        let good = "samples/missing-tasks-section.docx"
        let goodAlone = try #require(Self.missingTasksAlone)
        #expect(!goodAlone.stdout.isEmpty)
        let result = try CLI.run(["--format", "gcc", bad, good])
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let badLine = "\(bad): error: \(message) [input]"
        #expect(lines.filter { $0.hasPrefix(bad) } == [badLine])
        #expect(lines.filter { !$0.hasPrefix(bad) }.joined(separator: "\n") == goodAlone.stdout)
        #expect(result.status == 1)
        #expect(result.stderr == "")
    }

    /// All of them in one run beside a clean report: one line each, the clean one silent, and
    /// exit status 1 as for any file that cannot be read as a report (2 is for a missing path).
    @Test func allBadContainersInOneRunExitOne() throws {
        let clean = "samples/clean-monthly.docx"
        let cleanAlone = try CLI.run(["--format", "gcc", clean])
        #expect(cleanAlone.stdout == "" && cleanAlone.status == 0)
        let bad = Self.badContainers.map { "\(Self.fixtures)/\($0.file)" }
        let result = try CLI.run(["--format", "gcc"] + bad + [clean])
        let expected = Self.badContainers.map { "\(Self.fixtures)/\($0.file): error: \($0.message) [input]\n" }
        #expect(result.stdout.split(separator: "\n").sorted() == expected.joined().split(separator: "\n").sorted())
        #expect(result.status == 1)
    }

    @Test func catOnABadContainerFailsWithTheSameMessage() throws {
        let bad = "\(Self.fixtures)/doctype-entity.docx"
        let result = try CLI.run(["cat", bad])
        #expect(result.stdout == "")
        #expect(result.stderr == "\(bad): error: word/document.xml declares a DOCTYPE; documents with DTDs or external entities are refused [input]\n")
        #expect(result.status == 2)
    }

    // MARK: Read only

    @Test func docxFilesAreNeverWritten() throws {
        let files = Self.badContainers.map { "\(Self.fixtures)/\($0.file)" } + Self.twins.map(\.docx)
            + ["\(Self.fixtures)/bao-cao-thang.docx"]
        let before = try files.map(snapshot)
        _ = try CLI.run(["--format", "gcc"] + files)
        _ = try CLI.run(["--format", "pretty"] + files)
        for file in [files[0], files[files.count - 1]] {
            _ = try CLI.run(["cat", file])
            _ = try CLI.run(["cat", "--structure", file])
        }
        #expect(try files.map(snapshot) == before)
    }

    /// Fix-its are never applied to a .docx (Fixer edits text files only): `--fix` and
    /// `--fix-dry-run` leave the file as it was, the findings are all still reported, and one note
    /// on standard error tells the user to fix the document in Word.
    @Test func fixNeverTouchesADocx() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("no-archive-copy.docx")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("samples/no-archive-copy.docx"),
                                         to: copy)
        // A substitution with a safe fix-it on the text of line 10.
        try """
            ruleset: local
            rules:
              - id: wording
                kind: substitution
                entries: [{ wrong: "nền tảng họp trực tuyến", right: "nền tảng hội nghị trực tuyến" }]
            """.write(to: directory.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        let before = try snapshot(copy.path)
        let plain = try CLI.run(["--rules", "local.yaml", "--format", "gcc", "no-archive-copy.docx"], in: directory)
        #expect(plain.stdout.contains("no-archive-copy.docx:10:12: error: "))

        let fixed = try CLI.run(["--rules", "local.yaml", "--fix", "--format", "gcc", "no-archive-copy.docx"],
                                in: directory)
        #expect(try snapshot(copy.path) == before)
        #expect(fixed.stdout == plain.stdout)
        #expect(fixed.status == plain.status)
        let note = fixed.stderr.split(separator: "\n").map(String.init)
        #expect(note.count == 1)
        #expect(note.allSatisfy { $0.hasPrefix("no-archive-copy.docx: note: ") && $0.hasSuffix(" [fix]")
                                  && $0.contains(".docx (1 chỗ") }, "\(note)")

        let dryRun = try CLI.run(["--rules", "local.yaml", "--fix-dry-run", "--format", "gcc", "no-archive-copy.docx"],
                                 in: directory)
        #expect(try snapshot(copy.path) == before)
        #expect(!dryRun.stdout.contains("+++"))
        #expect(dryRun.stderr == fixed.stderr)
    }

    /// JSON carries the paragraph index of each .docx finding (SARIF should too).
    @Test func jsonCarriesTheParagraphIndex() throws {
        let result = try CLI.run(["--format", "json", "samples/no-archive-copy.docx"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(document["files"] as? [[String: Any]])
        let diagnostics = try #require(files.first?["diagnostics"] as? [[String: Any]])
        #expect(!diagnostics.isEmpty)
        for diagnostic in diagnostics {
            let line = try #require(((diagnostic["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int)
            #expect(diagnostic["paragraph"] as? Int == Self.noArchiveCopyParagraphs[line - 1], "line \(line)")
        }
    }

    // MARK: cat

    @Test func catPrintsTheRenderingWithLineNumbers() throws {
        let result = try CLI.run(["cat", "samples/no-archive-copy.docx"])
        #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false) == [
            " 1  UBND TỈNH BẮC KẠN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            " 2  SỞ THÔNG TIN VÀ TRUYỀN THÔNG\tĐộc lập - Tự do - Hạnh phúc",
            " 3  Số: 201/BC-STTTT\tBắc Kạn, ngày 17 tháng 10 năm 2024",
            " 4  ",
            " 5  BÁO CÁO",
            " 6  Kết quả thực hiện nhiệm vụ tháng 10 và kế hoạch tháng 11 năm 2024",
            " 7  I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 10",
            " 8  Sở đã hoàn thành việc cấp chứng thư số cho 240 cán bộ, công chức cấp huyện; tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng cấp tỉnh.",
            " 9  II. NHIỆM VỤ THÁNG 11",
            "10  Triển khai nền tảng họp trực tuyến đến cấp xã; tổng kết phong trào bình dân học vụ số.",
            "11  ",
            "12  Nơi nhận:\tKT. GIÁM ĐỐC",
            "13  - Bộ Thông tin và Truyền thông;\tPHÓ GIÁM ĐỐC",
            "14  - UBND tỉnh;\tNông Văn Sơn",
            "15  - Các phòng, đơn vị thuộc Sở.\t",
            "",
        ])
        #expect(result.status == 0)
    }

    // MARK: Helpers

    struct Finding {
        var line: Int?
        var column: Int?
        /// `severity: message [rule-id]` (or `note: message`).
        var rest: String
    }

    /// Parses gcc output lines of one file: `path:line:col: rest` or `path: rest`.
    func findings(_ output: String, path: String) throws -> [Finding] {
        try output.split(separator: "\n").map { line in
            let line = String(line)
            #expect(line.hasPrefix(path + ":"), "\(line)")
            let tail = line.dropFirst(path.count + 1)
            let parts = tail.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, let number = Int(parts[0]), let column = Int(parts[1]) {
                return Finding(line: number, column: column, rest: String(parts[2].drop { $0 == " " }))
            }
            return Finding(line: nil, column: nil, rest: String(try #require(tail.first == " " ? tail.dropFirst() : tail)))
        }
    }

    /// The lines `reportlint cat` prints, without their numbers.
    func catLines(_ path: String) throws -> [String] {
        let result = try CLI.run(["cat", path])
        #expect(result.status == 0)
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            let numbered = line.drop { $0 == " " }.drop { $0.isNumber }
            return String(numbered.dropFirst(2))
        }
    }

    /// `cat --structure` without line:column positions and line ranges.
    func outline(_ path: String) throws -> [String] {
        let result = try CLI.run(["cat", "--structure", path])
        #expect(result.status == 0)
        let position = try Regex(#" [0-9]+:[0-9]+| \(lines [0-9]+-[0-9]+\)| lines [0-9]+-[0-9]+"#)
        return result.stdout.split(separator: "\n").map { String($0).replacing(position, with: "") }
    }

    struct Snapshot: Equatable {
        var bytes: Data
        var modified: Date?
    }

    func snapshot(_ path: String) throws -> Snapshot {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : CLI.packageRoot.appendingPathComponent(path)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return Snapshot(bytes: try Data(contentsOf: url), modified: attributes[.modificationDate] as? Date)
    }
}
