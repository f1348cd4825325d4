/// The `expression` rule's assertion language.
import Foundation
import Testing
@testable import Arithmetic

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

struct ExpressionTests {
    @Test func holdsWithExactFacts() throws {
        let e = try ArithmeticExpression.parse("stated == xdsl + ftth")
        #expect(e.factNames == ["stated", "xdsl", "ftth"])
        let facts = ["stated": DecimalInterval(exactly: 2611), "xdsl": DecimalInterval(exactly: 1960), "ftth": DecimalInterval(exactly: 651)]
        #expect(e.evaluate(facts: facts) == .holds)
        var wrong = facts
        wrong["ftth"] = DecimalInterval(exactly: 650)
        #expect(e.evaluate(facts: wrong) == .fails(left: DecimalInterval(exactly: 2611), right: DecimalInterval(exactly: 2610)))
    }

    @Test func factsFromWrittenNumbersCarryTheirPrecision() throws {
        let e = try ArithmeticExpression.parse("share == part / total * 100")
        let facts: [String: VNumber] = [
            "share": VNumber.parse("44,9")!, "part": VNumber.parse("4.731")!, "total": VNumber.parse("10.538")!,
        ]
        #expect(e.evaluate(facts: facts) == .holds)
        var wrong = facts
        wrong["share"] = VNumber.parse("16,5")!
        wrong["part"] = VNumber.parse("1.729")!
        guard case .fails = e.evaluate(facts: wrong) else { Issue.record("expected a failure"); return }
    }

    @Test func missingFactsAndDivisionByZero() throws {
        #expect(try ArithmeticExpression.parse("a == b + c").evaluate(facts: ["a": .zero, "b": .zero]) == .missing("c"))
        #expect(try ArithmeticExpression.parse("a / b > 1").evaluate(facts: ["a": .zero, "b": .zero]) == .undefined)
    }

    @Test func numbersPrecedenceParenthesesAndSum() throws {
        let facts = ["a": DecimalInterval(exactly: 2), "b": DecimalInterval(exactly: 3)]
        #expect(try ArithmeticExpression.parse("a + b * 2 == 8").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("(a + b) * 2 == 10").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("-a + b == 1").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("sum(a, b, 1.322.235) == 1.322.240").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("sum(a, b) == 5,0").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("a * 1,5 == 3").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("a < b").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("a >= b").evaluate(facts: facts) == .fails(left: facts["a"]!, right: facts["b"]!))
        #expect(try ArithmeticExpression.parse("a != b").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("a != 2").evaluate(facts: facts) == .fails(left: facts["a"]!, right: facts["a"]!))
        #expect(try ArithmeticExpression.parse("a ≤ b").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("tổng_số == a").evaluate(facts: ["tổng_số": DecimalInterval(exactly: 2), "a": DecimalInterval(exactly: 2)]) == .holds)
    }

    @Test func intervalComparisonsCanAgree() throws {
        let facts = ["x": DecimalInterval(low: dec("44.85"), high: dec("44.95"))]
        #expect(try ArithmeticExpression.parse("x == 44.9").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("x == 44,95").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("x == 45").evaluate(facts: facts) == .fails(left: facts["x"]!, right: DecimalInterval(exactly: 45)))
        #expect(try ArithmeticExpression.parse("x > 44,9").evaluate(facts: facts) == .holds)
        #expect(try ArithmeticExpression.parse("x != 44,9").evaluate(facts: facts) == .holds)
    }

    @Test("parse errors carry offsets", arguments: [
        ("a + b", 5, "expected a comparison"),
        ("a = b", 2, "'=' is not a comparison"),
        ("a == (b + c", 11, "expected ')'"),
        ("a == b c", 7, "unexpected text"),
        ("a == sum()", 5, "sum() needs"),
        ("a == b $ c", 7, "unexpected character"),
        ("== b", 0, "expected a number"),
        ("hồ_sơ == 1.1.1", 9, "malformed number"),
    ])
    func parseErrors(source: String, offset: Int, message: String) {
        do {
            _ = try ArithmeticExpression.parse(source)
            Issue.record("expected a parse error for \(source)")
        } catch {
            #expect(error.offset == offset)
            #expect(error.message.hasPrefix(message))
        }
    }
}
