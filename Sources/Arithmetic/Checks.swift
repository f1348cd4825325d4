/// The arithmetic a reviewer does by hand: do the parts add up to the total, does each stated
/// share match part ÷ total, do the shares add up to 100 %. Every comparison uses the interval a
/// written number stands for, so `44,9` is never held to more digits than the author wrote.
import Foundation

public enum SumCheck: Sendable, Hashable {
    case consistent
    /// `partsSum` adds the written values; `difference` is total − parts (10.538 − 10.475 = 63).
    case mismatch(partsSum: Decimal, difference: Decimal)
}

public enum ShareCheck: Sendable, Hashable {
    /// The exact share rounds to the stated digits (half-up or half-even at a tie).
    case consistent
    /// The stated value is the exact share cut off, not rounded (87,2 for 87,26): worth at
    /// most an info.
    case truncated(exact: Decimal)
    /// `exact` is part ÷ total · 100 rounded to two more digits than stated (at least two),
    /// ready for the message (16,41 for 1.729 / 10.538).
    case mismatch(exact: Decimal)
    /// The total is zero (or may be): there is no share to check.
    case undefined
}

public enum ShareTotalCheck: Sendable, Hashable {
    case consistent
    /// `sum` adds the written shares.
    case mismatch(sum: Decimal)
    /// Not every part states a share, or there are fewer than two.
    case notApplicable
}

public func checkSum(_ breakdown: Breakdown) -> SumCheck {
    // Whole numbers the reader knew as Ints: a sum that matches needs no Decimal at all.
    if let total = breakdown.total.number.wholeValue, let sum = wholeSum(breakdown.parts.lazy.map(\.quantity)),
       sum == total {
        return .consistent
    }
    // Whole numbers only (the usual case): every interval is its value, so the interval sum
    // and the written sum are one and the same Decimal sum.
    if breakdown.total.number.fractionDigits <= 0, breakdown.parts.allSatisfy({ $0.quantity.number.fractionDigits <= 0 }) {
        var written: Decimal = 0
        for part in breakdown.parts { written += part.quantity.value }
        let total = breakdown.total.value
        if written <= total && total <= written { return .consistent }
        return .mismatch(partsSum: written, difference: total - written)
    }
    var sum = DecimalInterval.zero
    var written: Decimal = 0
    for part in breakdown.parts {
        sum = sum + part.quantity.interval
        written += part.quantity.value
    }
    if sum.overlaps(breakdown.total.interval) { return .consistent }
    return .mismatch(partsSum: written, difference: breakdown.total.value - written)
}

/// Checks the share stated after a part (`4.731 hs (đạt 44,9 %)`) against part ÷ total; nil when
/// the part states no share.
public func checkShare(part: Part, of total: Quantity) -> ShareCheck? {
    part.share.map { checkShare($0, part: part.quantity, of: total) }
}

/// Checks a stated percentage against `part` ÷ `total` · 100.
public func checkShare(_ stated: Quantity, part: Quantity, of total: Quantity) -> ShareCheck {
    checkShare(stated: stated.number, part: part.interval, total: total.interval)
}

/// Every stated share of a breakdown with its check.
public func checkShares(_ breakdown: Breakdown) -> [(part: Part, check: ShareCheck)] {
    breakdown.parts.compactMap { part in checkShare(part: part, of: breakdown.total).map { (part, $0) } }
}

/// The core of the share check, on raw intervals: `stated` is the percentage as written.
public func checkShare(stated: VNumber, part: DecimalInterval, total: DecimalInterval) -> ShareCheck {
    let hundred = DecimalInterval(exactly: 100)
    guard let ratio = part / total else { return .undefined }
    let exact = (ratio * hundred)
    let digits = stated.fractionDigits
    let unit = Decimal.power10(-digits)
    let half = unit / 2
    let y = stated.value
    // Closed on both sides: at an exact tie either rounding convention is accepted.
    if exact.overlaps(DecimalInterval(low: y - half, high: y + half)) { return .consistent }
    let point = exact.midpoint
    let shown = point.rounded(max(2, digits + 1), .plain)
    // Truncation: y ≤ exact < y + unit (towards zero for negative values).
    let truncated = y >= 0
        ? exact.high >= y && exact.low < y + unit
        : exact.low <= y && exact.high > y - unit
    return truncated ? .truncated(exact: shown) : .mismatch(exact: shown)
}

/// Whether the stated shares of an exhaustive breakdown add up to 100 within their rounding.
public func checkShareTotal(_ breakdown: Breakdown) -> ShareTotalCheck {
    let shares = breakdown.parts.compactMap(\.share)
    guard shares.count >= 2, shares.count == breakdown.parts.count else { return .notApplicable }
    var sum = DecimalInterval.zero
    var written: Decimal = 0
    for share in shares {
        sum = sum + share.interval
        written += share.value
    }
    return sum.contains(100) ? .consistent : .mismatch(sum: written)
}

/// The sum of the quantities' values when every one is a whole number known as an Int (at
/// most 15 digits, so a sum of fewer than a thousand cannot overflow); nil otherwise. For such
/// numbers each interval is the value itself, so interval sums and overlaps are exact Int sums
/// and equalities.
func wholeSum<S: Sequence<Quantity>>(_ quantities: S) -> Int? {
    var sum = 0
    var count = 0
    for quantity in quantities {
        guard let value = quantity.number.wholeValue else { return nil }
        sum += value
        count += 1
        if count > 1000 { return nil }
    }
    return sum
}
