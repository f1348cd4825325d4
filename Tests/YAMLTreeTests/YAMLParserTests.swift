import SourceText
import Testing
@testable import YAMLTree

struct YAMLParserTests {
    @Test func nodesKeepTheirPositions() throws {
        let root = try #require(try YAMLParser.parse("ruleset: x\nrules:\n  - id: a\n    kind: \"pattern\"\n"))
        #expect(root["ruleset"]?.scalar == "x")
        let rule = try #require(root["rules"]?.sequence?.first)
        #expect(rule.location == Location(line: 3, column: 5))
        #expect(rule["kind"]?.location == Location(line: 4, column: 11))
        #expect(rule["kind"]?.value.isPlain == false)
    }

    @Test func emptyDocumentIsNil() throws {
        #expect(try YAMLParser.parse("") == nil)
        #expect(try YAMLParser.parse("# only a comment\n") == nil)
    }

    @Test func duplicateKeys() {
        #expect(throws: YAMLError("duplicate key 'id' (first defined at line 1)", at: Location(line: 2, column: 1))) {
            try YAMLParser.parse("id: a\nid: b\n")
        }
    }

    @Test func nonScalarKeys() {
        #expect(throws: YAMLError("mapping keys must be plain text, not a list", at: Location(line: 1, column: 3))) {
            try YAMLParser.parse("? [a, b]\n: c\n")
        }
    }

    @Test func aliasBombIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        #expect(throws: YAMLError.self) { try YAMLParser.parse(yaml) }
        do {
            _ = try YAMLParser.parse(yaml)
        } catch {
            #expect(error.message.hasPrefix("aliases expand past 100000 nodes"))
        }
    }

    @Test func smallAliasesExpand() throws {
        let root = try #require(try YAMLParser.parse("base: &b [x, y]\nother: *b\n"))
        #expect(root["other"]?.sequence?.map(\.scalar) == ["x", "y"])
    }

    @Test func deepNestingIsRefused() {
        let yaml = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: YAMLError("nesting deeper than 200 levels", at: Location(line: 1, column: 201))) {
            try YAMLParser.parse(yaml)
        }
    }

    @Test func syntaxErrorsAndTabs() {
        #expect(throws: YAMLError("YAML syntax error: found a tab character that violates indentation (while scanning a plain scalar that starts at line 1)",
                                  at: Location(line: 2, column: 1))) {
            try YAMLParser.parse("a: 1\n\tb: 2\n")
        }
        #expect(throws: YAMLError("a rule file holds one YAML document; found a second one", at: Location(line: 2, column: 1))) {
            try YAMLParser.parse("a: 1\n---\nb: 2\n")
        }
    }

    @Test func largeScalar() throws {
        let big = String(repeating: "x", count: 5_000_000)
        #expect(try YAMLParser.parse("a: \(big)\n")?["a"]?.scalar?.count == 5_000_000)
    }
}

extension YAMLNode.Value {
    var isPlain: Bool {
        if case let .scalar(_, plain) = self { return plain }
        return false
    }
}
