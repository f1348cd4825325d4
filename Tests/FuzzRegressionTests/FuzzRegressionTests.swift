import Foundation
import FuzzTargets
import Testing

/// Every input the fuzzers ever crashed on (and the hostile seeds kept beside them) is replayed
/// through the same entry point: reaching the end without a crash is the assertion.
struct FuzzRegressionTests {
    static let inputs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Inputs")

    static func files(_ target: String) -> [String] {
        let directory = inputs.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(target)/\($0)" }
    }

    static let all = ["report", "numbers", "rules", "docx"].flatMap(files)

    @Test(arguments: all)
    func replay(_ name: String) throws {
        let data = try Data(contentsOf: FuzzRegressionTests.inputs.appendingPathComponent(name))
        let bytes = Array(data)
        switch name.split(separator: "/").first {
        case "report": FuzzTargets.report(bytes)
        case "numbers": FuzzTargets.numbers(bytes)
        case "rules": FuzzTargets.ruleSet(bytes)
        case "docx": FuzzTargets.docx(bytes)
        default: Issue.record("unknown target of \(name)")
        }
    }

    @Test func everyTargetHasRegressionInputs() {
        for target in ["report", "numbers", "rules", "docx"] {
            #expect(!FuzzRegressionTests.files(target).isEmpty, "no inputs for \(target)")
        }
    }
}
