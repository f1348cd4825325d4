import Diagnostics
import Engine
import Foundation
@testable import Rules
import SourceText
import Testing

/// Every kind's examples are tests: the report must give exactly the marked `line:col`s and
/// messages, also with CRLF line endings, a UTF-8 BOM, and NFD-decomposed text.
struct ExampleTests {
    enum Variant: String, CaseIterable, Sendable {
        case plain, crlf, bom, nfd
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let kind: String
        let example: Example
        let variant: Variant
        var testDescription: String { "\(kind) \(example) \(variant.rawValue)" }
    }

    static let cases: [Case] = allKinds.flatMap { kind in
        kind.examples.flatMap { example in Variant.allCases.map { Case(kind: kind.name, example: example, variant: $0) } }
    }

    /// Removes the `↓` markers; returns the text and the location of each marker.
    static func markers(in text: String) -> (String, [Location]) {
        var clean = ""
        var locations: [Location] = []
        var line = 1, column = 1
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "↓" {
                locations.append(Location(line: line, column: column))
                continue
            }
            clean.unicodeScalars.append(scalar)
            if scalar == "\n" {
                if !previousCR { line += 1 }
                column = 1
            } else if scalar == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            previousCR = scalar == "\r"
        }
        return (clean, locations)
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) throws {
        let (rule, errors) = RuleSetLoader.exampleRule(kind: testCase.kind, fields: testCase.example.rule)
        #expect(errors.isEmpty, "\(testCase.example): rule does not load: \(errors)")
        let loaded = try #require(rule)
        var text = testCase.example.report
        switch testCase.variant {
        case .plain, .bom: break
        case .crlf: text = text.replacingOccurrences(of: "\n", with: "\r\n")
        case .nfd: text = text.decomposedStringWithCanonicalMapping
        }
        let (clean, locations) = ExampleTests.markers(in: text)
        var bytes = Array(clean.utf8)
        if testCase.variant == .bom { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        let source = try ReportLoader.decode(bytes, path: "example.txt").get()
        let diagnostics = Linter(rules: [loaded]).lint(source)
        let got = diagnostics.map { "\($0.range?.start.description ?? "-") \($0.message)" }
        let expected = zip(locations, testCase.example.expect).map { "\($0.0) \($0.1)" }
        #expect(locations.count == testCase.example.expect.count, "\(testCase.example): markers and expectations differ in number")
        #expect(got == expected, "\(testCase.example) [\(testCase.variant)]")
    }

    @Test func everyKindHasTriggeringAndSilentExamples() {
        for kind in allKinds {
            #expect(kind.examples.contains { !$0.expect.isEmpty }, "\(kind.name) has no triggering example")
            #expect(kind.examples.contains { $0.expect.isEmpty }, "\(kind.name) has no silent example")
        }
    }
}

extension ReportLoader.Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unreadable(message): return "unreadable: \(message)"
        case let .invalid(message, _): return "invalid: \(message)"
        case .empty: return "empty"
        }
    }
}
