/// The values a written number can stand for. `44,9` stands for [44.85, 44.95]; an integer written
/// without decimals stands for itself. Bounds are treated as closed: a relation holds when the
/// intervals can agree, and at a rounding tie the author gets the benefit of the doubt.
import Foundation

public struct DecimalInterval: Sendable, Hashable, CustomStringConvertible {
    public let low: Decimal
    public let high: Decimal
    /// True when the interval was made from one value, so `low` and `high` are the same Decimal;
    /// false says nothing. Lets `+` and `-` add once instead of twice (Decimal arithmetic is slow).
    let knownExact: Bool

    public init(low: Decimal, high: Decimal) {
        self.low = min(low, high)
        self.high = max(low, high)
        knownExact = false
    }

    public init(exactly value: Decimal) {
        low = value
        high = value
        knownExact = true
    }

    public static func == (a: DecimalInterval, b: DecimalInterval) -> Bool {
        a.low == b.low && a.high == b.high
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(low)
        hasher.combine(high)
    }

    /// The interval of a number written with `fractionDigits` decimals, optionally scaled
    /// (`1,5 triệu` is [1.45·10⁶, 1.55·10⁶]).
    public init(written value: Decimal, fractionDigits: Int, scale: Decimal = 1) {
        if fractionDigits <= 0 {
            self.init(exactly: value)
        } else {
            let half = Decimal(sign: .plus, exponent: -fractionDigits - 1, significand: 5)
            self.init(low: value - half * scale, high: value + half * scale)
        }
    }

    public var isExact: Bool { low == high }
    public var midpoint: Decimal { isExact ? low : (low + high) / 2 }
    public var width: Decimal { high - low }

    /// Whether some value lies in both intervals.
    public func overlaps(_ other: DecimalInterval) -> Bool {
        low <= other.high && other.low <= high
    }

    public func contains(_ value: Decimal) -> Bool { low <= value && value <= high }

    public static func + (a: DecimalInterval, b: DecimalInterval) -> DecimalInterval {
        // Both exact: low and high are the same sum, computed once.
        if a.knownExact && b.knownExact { return DecimalInterval(exactly: a.low + b.low) }
        return DecimalInterval(low: a.low + b.low, high: a.high + b.high)
    }

    public static func - (a: DecimalInterval, b: DecimalInterval) -> DecimalInterval {
        if a.knownExact && b.knownExact { return DecimalInterval(exactly: a.low - b.high) }
        return DecimalInterval(low: a.low - b.high, high: a.high - b.low)
    }

    public static func * (a: DecimalInterval, b: DecimalInterval) -> DecimalInterval {
        let products = [a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high]
        return DecimalInterval(low: products.min()!, high: products.max()!)
    }

    /// Nil when the divisor may be zero: the quotient is then unbounded.
    public static func / (a: DecimalInterval, b: DecimalInterval) -> DecimalInterval? {
        if b.low <= 0 && b.high >= 0 { return nil }
        let quotients = [a.low / b.low, a.low / b.high, a.high / b.low, a.high / b.high]
        return DecimalInterval(low: quotients.min()!, high: quotients.max()!)
    }

    public static let zero = DecimalInterval(exactly: 0)

    public var description: String {
        isExact ? "\(low)" : "[\(low), \(high)]"
    }
}

extension Decimal {
    /// Rounds to `digits` decimals; `.plain` is half away from zero, `.bankers` half-even.
    func rounded(_ digits: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = self
        var output = Decimal()
        NSDecimalRound(&output, &input, digits, mode)
        return output
    }

    static func power10(_ exponent: Int) -> Decimal {
        Decimal(sign: .plus, exponent: exponent, significand: 1)
    }
}
