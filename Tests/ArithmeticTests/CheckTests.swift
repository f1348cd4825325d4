/// Share and sum checks at the edges of rounding: ties, truncation, precision.
import Foundation
import Testing
@testable import Arithmetic

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

private func share(_ stated: String, _ part: Decimal, _ total: Decimal) -> ShareCheck {
    checkShare(stated: VNumber.parse(stated)!, part: DecimalInterval(exactly: part), total: DecimalInterval(exactly: total))
}

struct ShareCheckTests {
    @Test func roundsToTheStatedDigits() {
        #expect(share("44,9", 4731, 10538) == .consistent)       // 44,894…
        #expect(share("6,6", 697, 10538) == .consistent)         // 6,614…
        #expect(share("16,5", 1729, 10538) == .mismatch(exact: dec("16.41")))
        #expect(share("31,6", 3318, 10538) == .mismatch(exact: dec("31.49")))
        #expect(share("33", 1, 3) == .consistent)
        #expect(share("33,33", 1, 3) == .consistent)
        #expect(share("33,3", 1, 3) == .consistent)
        #expect(share("100", 5, 5) == .consistent)
    }

    @Test func tiesAcceptEitherRoundingConvention() {
        // 1/8 = 12,5 exactly: half-up gives 13, half-even gives 12.
        #expect(share("13", 1, 8) == .consistent)
        #expect(share("12", 1, 8) == .consistent)
        // 3/8 = 37,5: half-up 38, half-even 38 (37 is truncation).
        #expect(share("38", 3, 8) == .consistent)
        #expect(share("37", 3, 8) == .consistent)
        // 0,125 → 0,12 (half-even) or 0,13 (half-up): 1/800 · 100.
        #expect(share("0,12", 1, 800) == .consistent)
        #expect(share("0,13", 1, 800) == .consistent)
        #expect(share("0,11", 1, 800) == .mismatch(exact: dec("0.125")))
    }

    @Test func truncationIsReportedApart() {
        // 8726/10000 = 87,26 %: 87,3 is right, 87,2 is cut off.
        #expect(share("87,3", 8726, 10000) == .consistent)
        #expect(share("87,2", 8726, 10000) == .truncated(exact: dec("87.26")))
        #expect(share("87,1", 8726, 10000) == .mismatch(exact: dec("87.26")))
        // 2/3 = 66,66…: 66 is truncation, 67 rounding.
        #expect(share("67", 2, 3) == .consistent)
        #expect(share("66", 2, 3) == .truncated(exact: dec("66.67")))
    }

    @Test func messageDigitsAreAtLeastTwoAndOneMoreThanStated() {
        #expect(share("68", 1, 3) == .mismatch(exact: dec("33.33")))
        #expect(share("12,34", 1, 3) == .mismatch(exact: dec("33.333")))
    }

    @Test func zeroTotalIsUndefined() {
        #expect(share("0", 0, 0) == .undefined)
    }

    @Test func partPrecisionWidensTheShare() {
        // 1,5 of 10 stands for [1,45; 1,55] → [14,5 %; 15,5 %]: 14 and 16 both reachable by rounding.
        let stated = VNumber.parse("16")!
        let part = VNumber.parse("1,5")!.interval
        #expect(checkShare(stated: stated, part: part, total: DecimalInterval(exactly: 10)) == .consistent)
        #expect(checkShare(stated: VNumber.parse("17")!, part: part, total: DecimalInterval(exactly: 10))
                == .mismatch(exact: dec("15")))
    }

    @Test func shareTotals() throws {
        let b = try #require(findBreakdowns(in: "Tổng số 3 hồ sơ, trong đó, loại A 1 hồ sơ (33,3%), loại B 1 hồ sơ (33,3%), loại C 1 hồ sơ (33,3%)").first)
        // 3 × [33,25; 33,35] = [99,75; 100,05] holds 100.
        #expect(checkShareTotal(b) == .consistent)
        #expect(checkShares(b).map(\.check) == [.consistent, .consistent, .consistent])
        let rounded = try #require(findBreakdowns(in: "Tổng số 3 hồ sơ, trong đó, loại A 1 hồ sơ (33%), loại B 1 hồ sơ (33%), loại C 1 hồ sơ (34%)").first)
        #expect(checkShareTotal(rounded) == .consistent)
        let partial = try #require(findBreakdowns(in: "Tổng số 3 hồ sơ, trong đó, loại A 1 hồ sơ (33%), loại B 2 hồ sơ").first)
        #expect(checkShareTotal(partial) == .notApplicable)
        // 7 × 14,3 = 100,1 is within 7 × ±0,05 of 100.
        let many = try #require(findBreakdowns(in: "Tổng số 7 hồ sơ, trong đó, A 1 hồ sơ (14,3%), B 1 hồ sơ (14,3%), C 1 hồ sơ (14,3%), D 1 hồ sơ (14,3%), E 1 hồ sơ (14,3%), F 1 hồ sơ (14,3%), G 1 hồ sơ (14,3%)").first)
        #expect(checkShareTotal(many) == .consistent)
        let off = try #require(findBreakdowns(in: "Tổng số 10 hồ sơ, trong đó, loại A 5 hồ sơ (50%), loại B 5 hồ sơ (40%)").first)
        #expect(checkShareTotal(off) == .mismatch(sum: 90))
        #expect(checkShares(off).map(\.check) == [.consistent, .mismatch(exact: 50)])
    }
}

struct IntervalTests {
    @Test func arithmetic() {
        let a = DecimalInterval(low: 1, high: 2)
        let b = DecimalInterval(low: -3, high: 4)
        #expect(a + b == DecimalInterval(low: -2, high: 6))
        #expect(a - b == DecimalInterval(low: -3, high: 5))
        #expect(a * b == DecimalInterval(low: -6, high: 8))
        #expect(a / b == nil)
        #expect(a / DecimalInterval(low: 2, high: 4) == DecimalInterval(low: dec("0.25"), high: 1))
        #expect(a.overlaps(DecimalInterval(exactly: 2)))
        #expect(!a.overlaps(DecimalInterval(exactly: dec("2.0001"))))
        #expect(DecimalInterval(exactly: 5).midpoint == 5)
    }
}
