/// Numbers for messages, written the Vietnamese way: `.` between thousands, `,` before decimals
/// (`10.475`, `16,41`, `-63`).
import Foundation

/// Formats `value`; with `fractionDigits` it is rounded half away from zero and padded
/// (`formatVietnamese(16.4, fractionDigits: 2)` is `16,40`), otherwise written as exact as it is.
public func formatVietnamese(_ value: Decimal, fractionDigits: Int? = nil) -> String {
    var v = value
    if let digits = fractionDigits { v = v.rounded(max(0, digits), .plain) }
    // Foundation writes Decimal without exponent: "-1234.5"; the text is all ASCII.
    let plain = plainDescription(v) ?? Array(v.description.utf8)
    return formatPlainDecimal(plain, fractionDigits: fractionDigits)
}

/// The steps of `formatVietnamese` after `description`, on its ASCII bytes: `-` off, integer and
/// fraction split at the first `.`, the fraction padded to `fractionDigits`, the integer's
/// characters grouped by `.` in threes.
func formatPlainDecimal(_ plain: [UInt8], fractionDigits: Int?) -> String {
    var start = 0
    let negative = plain.first == 0x2D
    if negative { start = 1 }
    var dot = start
    while dot < plain.count, plain[dot] != 0x2E { dot += 1 }
    let integer = plain[start..<dot]
    var fraction = dot < plain.count ? Array(plain[(dot + 1)...]) : []
    if let digits = fractionDigits, fraction.count < digits {
        fraction.append(contentsOf: repeatElement(0x30, count: digits - fraction.count))
    }
    var result: [UInt8] = []
    result.reserveCapacity(integer.count + integer.count / 3 + fraction.count + 3)
    if negative { result.append(0x2D) }
    let count = integer.count
    var isZero = true
    if count == 0 {
        result.append(0x30)
    } else {
        for (offset, digit) in integer.enumerated() {
            if offset > 0 && (count - offset) % 3 == 0 { result.append(0x2E) }
            result.append(digit)
            if digit != 0x30 { isZero = false }
        }
    }
    if isZero { isZero = fraction.allSatisfy { $0 == 0x30 } }
    if negative && isZero { result.removeFirst() }
    if !fraction.isEmpty && (fractionDigits ?? 1) > 0 {
        result.append(0x2C)
        result.append(contentsOf: fraction)
    }
    return String(decoding: result, as: UTF8.self)
}

/// `Array(value.description.utf8)` of a Decimal whose mantissa fits in 64 bits and whose
/// exponent is within ±40, written from the mantissa's digits: all the digits as stored, the
/// exponent's zeros after them, or a `.` before the last `-exponent` digits (with `0` before
/// the `.` when no digit is left there). Nil for other values (NaN, zero, wider mantissas),
/// which take Foundation's way, and for every value when `decimalMantissaReadable` is false.
func plainDescription(_ value: Decimal) -> [UInt8]? {
    guard decimalMantissaReadable, !value.isNaN, let mantissa = mantissa64(value) else { return nil }
    let exponent = value.exponent
    guard mantissa != 0, exponent >= -40, exponent <= 40 else { return nil }
    var digits: [UInt8] = []
    digits.reserveCapacity(64)
    var rest = mantissa
    while rest > 0 {
        digits.append(UInt8(truncatingIfNeeded: rest % 10) + 0x30)
        rest /= 10
    }
    digits.reverse()
    var out: [UInt8] = []
    out.reserveCapacity(digits.count + abs(exponent) + 3)
    if value.sign == .minus { out.append(0x2D) }
    if exponent >= 0 {
        out.append(contentsOf: digits)
        out.append(contentsOf: repeatElement(0x30, count: exponent))
    } else {
        let fractionCount = -exponent
        if digits.count > fractionCount {
            out.append(contentsOf: digits[..<(digits.count - fractionCount)])
            out.append(0x2E)
            out.append(contentsOf: digits[(digits.count - fractionCount)...])
        } else {
            out.append(0x30)
            out.append(0x2E)
            out.append(contentsOf: repeatElement(0x30, count: fractionCount - digits.count))
            out.append(contentsOf: digits)
        }
    }
    return out
}

/// `formatVietnamese(number.value)`. A positive whole number the reader knew as an Int is
/// grouped from its digits: Decimal's `description` was most of the cost of a breakdown's notes.
public func formatVietnamese(_ number: VNumber) -> String {
    guard let whole = number.wholeValue, whole > 0 else { return formatVietnamese(number.value) }
    return groupedDigits(whole)
}

/// The decimal digits of `whole` (positive) with `.` between thousands, written from the right
/// straight into the string (no digit string or byte array in between).
func groupedDigits(_ whole: Int) -> String {
    var rest = UInt(whole)
    var count = 0
    var probe = rest
    repeat { count += 1; probe /= 10 } while probe > 0
    let total = count + (count - 1) / 3
    return String(unsafeUninitializedCapacity: total) { out in
        var k = total - 1
        var written = 0
        repeat {
            if written > 0 && written % 3 == 0 { out[k] = 0x2E; k -= 1 }
            out[k] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
            k -= 1
            rest /= 10
            written += 1
        } while rest > 0
        return total
    }
}

/// The mantissa of `value` when it fits in 64 bits, read from the value's bytes: Foundation's
/// `_mantissa` (eight UInt16 words, least significant first, after four bytes of exponent,
/// length and flags) is not public on every platform. Nil when a higher word is set.
@inline(__always)
private func mantissa64(_ value: Decimal) -> UInt64? {
    withUnsafeBytes(of: value) { raw -> UInt64? in
        guard raw.count == 20 else { return nil }
        let low = raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self)
        let high = raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self)
        guard high == 0 else { return nil }
        return UInt64(littleEndian: low)
    }
}

/// Whether `mantissa64` reads the layout of this Foundation: checked once on known values built
/// without text or arithmetic (the first `description` is costly, so none is asked for here;
/// the tests compare `plainDescription` with `description`). Any other layout leaves every value
/// to Foundation.
let decimalMantissaReadable: Bool = {
    guard MemoryLayout<Decimal>.size == 20 else { return false }
    // `-1234567.89`, `0.5`, and mantissas that fill the first, second, third and fourth words.
    let samples: [(Decimal, UInt64, Int, FloatingPointSign)] = [
        (Decimal(sign: .minus, exponent: -2, significand: Decimal(123_456_789 as UInt64)), 123_456_789, -2, .minus),
        (Decimal(42 as UInt64), 42, 0, .plus),
        (Decimal(sign: .plus, exponent: -1, significand: Decimal(5 as UInt64)), 5, -1, .plus),
        (Decimal(UInt64.max), UInt64.max, 0, .plus),
        (Decimal(65_536 as UInt64), 65_536, 0, .plus),
        (Decimal(4_294_967_297 as UInt64), 4_294_967_297, 0, .plus),
    ]
    for (d, mantissa, exponent, sign) in samples {
        guard mantissa64(d) == mantissa, d.exponent == exponent, d.sign == sign else { return false }
    }
    return true
}()
