/// Numbers for messages, written the Vietnamese way: `.` between thousands, `,` before decimals
/// (`10.475`, `16,41`, `-63`).
import Foundation

/// Formats `value`; with `fractionDigits` it is rounded half away from zero and padded
/// (`formatVietnamese(16.4, fractionDigits: 2)` is `16,40`), otherwise written as exact as it is.
public func formatVietnamese(_ value: Decimal, fractionDigits: Int? = nil) -> String {
    var v = value
    if let digits = fractionDigits { v = v.rounded(max(0, digits), .plain) }
    var plain = v.description   // Foundation writes Decimal without exponent: "-1234.5"
    var negative = false
    if plain.hasPrefix("-") { negative = true; plain.removeFirst() }
    var integer = Substring(plain)
    var fraction = Substring("")
    if let dot = plain.firstIndex(of: ".") {
        integer = plain[..<dot]
        fraction = plain[plain.index(after: dot)...]
    }
    if let digits = fractionDigits {
        if fraction.count < digits { fraction += String(repeating: "0", count: digits - fraction.count) }
    }
    var grouped = ""
    let count = integer.count
    for (offset, digit) in integer.enumerated() {
        if offset > 0 && (count - offset) % 3 == 0 { grouped.append(".") }
        grouped.append(digit)
    }
    if grouped.isEmpty { grouped = "0" }
    let isZero = grouped.allSatisfy { $0 == "0" || $0 == "." } && fraction.allSatisfy { $0 == "0" }
    var result = negative && !isZero ? "-" + grouped : grouped
    if !fraction.isEmpty && (fractionDigits ?? 1) > 0 { result += "," + fraction }
    return result
}

/// `formatVietnamese(number.value)`. A positive whole number the reader knew as an Int is
/// grouped from its digits: Decimal's `description` was most of the cost of a breakdown's notes.
public func formatVietnamese(_ number: VNumber) -> String {
    guard let whole = number.wholeValue, whole > 0 else { return formatVietnamese(number.value) }
    let digits = Array(String(whole).utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count + digits.count / 3)
    for (offset, digit) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { bytes.append(0x2E) }
        bytes.append(digit)
    }
    return String(decoding: bytes, as: UTF8.self)
}
