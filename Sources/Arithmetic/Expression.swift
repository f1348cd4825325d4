/// The assertion language of the `expression` rule kind (named `ArithmeticExpression` because
/// Foundation already has an `Expression`): `stated == xdsl + ftth`,
/// `sum(a, b, c) <= total`. Facts are intervals (what their written digits can stand for), and an
/// assertion holds when some choice of values within them satisfies it, so rounding in the report
/// never fails an assertion.
import Foundation

public indirect enum ArithmeticExpression: Sendable, Hashable {
    case number(Decimal, offset: Int)
    case fact(String, offset: Int)
    case negate(ArithmeticExpression)
    case binary(ArithmeticOperator, ArithmeticExpression, ArithmeticExpression)
    case sum([ArithmeticExpression], offset: Int)
    case comparison(ComparisonOperator, ArithmeticExpression, ArithmeticExpression)

    public enum ArithmeticOperator: String, Sendable, Hashable { case add = "+", subtract = "-", multiply = "*", divide = "/" }
    public enum ComparisonOperator: String, Sendable, Hashable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    /// Parses an assertion: two arithmetic expressions joined by one comparison. Numbers are
    /// read like report numbers (`1.322.235`, `44,9`, `3.5`); separate `sum` arguments with
    /// `, ` (a comma followed by a digit is a decimal comma).
    public static func parse(_ source: String) throws(ExpressionError) -> ArithmeticExpression {
        var parser = ExpressionParser(text: ScalarText(source))
        return try parser.parseAssertion()
    }

    /// The names of the facts the expression uses, in order of first use.
    public var factNames: [String] {
        var names: [String] = []
        func walk(_ e: ArithmeticExpression) {
            switch e {
            case .number: break
            case .fact(let name, _): if !names.contains(name) { names.append(name) }
            case .negate(let inner): walk(inner)
            case .binary(_, let l, let r), .comparison(_, let l, let r): walk(l); walk(r)
            case .sum(let args, _): args.forEach(walk)
            }
        }
        walk(self)
        return names
    }

    public func evaluate(facts: [String: DecimalInterval]) -> ExpressionOutcome {
        do {
            switch self {
            case .comparison(let op, let l, let r):
                let left = try l.value(facts)
                let right = try r.value(facts)
                return Self.canHold(op, left, right) ? .holds : .fails(left: left, right: right)
            default:
                _ = try value(facts)
                return .holds
            }
        } catch {
            return error.outcome
        }
    }

    public func evaluate(facts: [String: VNumber]) -> ExpressionOutcome {
        evaluate(facts: facts.mapValues(\.interval))
    }

    /// "Can agree" semantics: true when values within both intervals satisfy `op`.
    static func canHold(_ op: ComparisonOperator, _ a: DecimalInterval, _ b: DecimalInterval) -> Bool {
        switch op {
        case .equal: a.overlaps(b)
        case .notEqual: !(a.isExact && b.isExact && a.low == b.low)
        case .less: a.low < b.high
        case .lessOrEqual: a.low <= b.high
        case .greater: a.high > b.low
        case .greaterOrEqual: a.high >= b.low
        }
    }

    func value(_ facts: [String: DecimalInterval]) throws(EvaluationStop) -> DecimalInterval {
        switch self {
        case .number(let v, _): return DecimalInterval(exactly: v)
        case .fact(let name, _):
            guard let v = facts[name] else { throw .missing(name) }
            return v
        case .negate(let inner):
            let v = try inner.value(facts)
            return DecimalInterval(low: -v.high, high: -v.low)
        case .binary(let op, let l, let r):
            let a = try l.value(facts)
            let b = try r.value(facts)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide:
                guard let q = a / b else { throw .divisionByZero }
                return q
            }
        case .sum(let args, _):
            var total = DecimalInterval.zero
            for arg in args { total = total + (try arg.value(facts)) }
            return total
        case .comparison:
            throw .divisionByZero   // unreachable: the parser allows one comparison, at the top
        }
    }
}

public enum ExpressionOutcome: Sendable, Hashable {
    case holds
    case fails(left: DecimalInterval, right: DecimalInterval)
    /// A fact the assertion needs was not found in the report.
    case missing(String)
    /// A divisor may be zero.
    case undefined
}

public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    /// Unicode-scalar offset into the expression source.
    public let offset: Int
    public var description: String { "\(message) at offset \(offset)" }
}

enum EvaluationStop: Error {
    case missing(String)
    case divisionByZero

    var outcome: ExpressionOutcome {
        switch self {
        case .missing(let name): .missing(name)
        case .divisionByZero: .undefined
        }
    }
}

private struct ExpressionParser {
    enum Token: Equatable {
        case number(Decimal)
        case identifier(String)
        case symbol(String)
        case end
    }

    let text: ScalarText
    var position = 0
    var token: Token = .end
    var tokenStart = 0

    init(text: ScalarText) {
        self.text = text
    }

    mutating func advance() throws(ExpressionError) {
        position = text.skipSpaces(from: position)
        while position < text.count, text[position] == 0x09 { position = text.skipSpaces(from: position + 1) }
        tokenStart = position
        guard position < text.count else { token = .end; return }
        let c = text[position]
        if text.isDigit(position) {
            guard let read = readDigits(text, at: position), !read.isDottedCode else {
                throw ExpressionError(message: "malformed number", offset: position)
            }
            token = .number(read.number.value)
            position = read.end
            return
        }
        if isLetterValue(c) || c == 0x5F {
            var j = position
            while j < text.count, isWordValue(text[j]) || text[j] == 0x5F { j += 1 }
            token = .identifier(text.string(position..<j))
            position = j
            return
        }
        let two = position + 1 < text.count ? text.string(position..<(position + 2)) : ""
        if ["==", "!=", "<=", ">="].contains(two) {
            token = .symbol(two)
            position += 2
            return
        }
        let aliases: [UInt32: String] = [0x2264: "<=", 0x2265: ">=", 0x2260: "!=", 0x2212: "-", 0xD7: "*", 0xF7: "/"]
        if let alias = aliases[c] { token = .symbol(alias); position += 1; return }
        let single = String(Character(Unicode.Scalar(c)!))
        if "+-*/(),<>".contains(single) { token = .symbol(single); position += 1; return }
        if single == "=" { throw ExpressionError(message: "'=' is not a comparison; write '=='", offset: position) }
        throw ExpressionError(message: "unexpected character '\(single)'", offset: position)
    }

    mutating func parseAssertion() throws(ExpressionError) -> ArithmeticExpression {
        try advance()
        let left = try parseAdditive()
        guard case .symbol(let s) = token, let op = ArithmeticExpression.ComparisonOperator(rawValue: s) else {
            throw ExpressionError(message: token == .end ? "expected a comparison (==, !=, <, <=, >, >=)"
                                                         : "expected a comparison operator", offset: tokenStart)
        }
        try advance()
        let right = try parseAdditive()
        guard token == .end else {
            throw ExpressionError(message: "unexpected text after the assertion", offset: tokenStart)
        }
        return .comparison(op, left, right)
    }

    mutating func parseAdditive() throws(ExpressionError) -> ArithmeticExpression {
        var left = try parseTerm()
        while case .symbol(let s) = token, s == "+" || s == "-" {
            try advance()
            left = .binary(s == "+" ? .add : .subtract, left, try parseTerm())
        }
        return left
    }

    mutating func parseTerm() throws(ExpressionError) -> ArithmeticExpression {
        var left = try parseUnary()
        while case .symbol(let s) = token, s == "*" || s == "/" {
            try advance()
            left = .binary(s == "*" ? .multiply : .divide, left, try parseUnary())
        }
        return left
    }

    mutating func parseUnary() throws(ExpressionError) -> ArithmeticExpression {
        if token == .symbol("-") {
            try advance()
            return .negate(try parseUnary())
        }
        if token == .symbol("+") {
            try advance()
            return try parseUnary()
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(ExpressionError) -> ArithmeticExpression {
        let start = tokenStart
        switch token {
        case .number(let v):
            try advance()
            return .number(v, offset: start)
        case .identifier(let name):
            try advance()
            guard name == "sum", token == .symbol("(") else { return .fact(name, offset: start) }
            try advance()
            var args: [ArithmeticExpression] = []
            if token != .symbol(")") {
                args.append(try parseAdditive())
                while token == .symbol(",") {
                    try advance()
                    args.append(try parseAdditive())
                }
            }
            guard token == .symbol(")") else { throw ExpressionError(message: "expected ')' to close sum(", offset: tokenStart) }
            guard !args.isEmpty else { throw ExpressionError(message: "sum() needs at least one argument", offset: start) }
            try advance()
            return .sum(args, offset: start)
        case .symbol("("):
            try advance()
            let inner = try parseAdditive()
            guard token == .symbol(")") else { throw ExpressionError(message: "expected ')'", offset: tokenStart) }
            try advance()
            return inner
        case .end:
            throw ExpressionError(message: "expected a number, a fact name or '('", offset: start)
        default:
            throw ExpressionError(message: "expected a number, a fact name or '('", offset: start)
        }
    }
}
