/// Reading numbers the way Vietnamese reports write them, and the interval each one stands for.
import Foundation
import Testing
@testable import Arithmetic

private func number(_ text: String) -> VNumber? {
    scanNumbers(in: text).first?.number
}

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

struct NumberTests {
    @Test("Vietnamese notation: dots group thousands, comma marks decimals", arguments: [
        ("1.322.235", "1322235", 0, NumberNotation.vietnamese),
        ("44,9", "44.9", 1, .vietnamese),
        ("09", "9", 0, .vietnamese),
        ("5362", "5362", 0, .ungrouped),
        ("1.405.611", "1405611", 0, .vietnamese),
        ("1.322,75", "1322.75", 2, .vietnamese),
        ("0,5", "0.5", 1, .vietnamese),
        ("90.91", "90.91", 2, .decimalPoint),
        ("8.00", "8", 2, .decimalPoint),
        ("1.5", "1.5", 1, .decimalPoint),
        ("3.1415", "3.1415", 4, .decimalPoint),
        ("1,322,235", "1322235", 0, .englishGrouping),
        ("1,322.5", "1322.5", 1, .englishGrouping),
        ("1,322", "1.322", 3, .vietnamese),
    ])
    func notation(text: String, value: String, fractionDigits: Int, notation: NumberNotation) throws {
        let n = try #require(VNumber.parse(text))
        #expect(n.value == dec(value))
        #expect(n.fractionDigits == fractionDigits)
        #expect(n.notation == notation)
        #expect(n.text == text)
    }

    @Test func wholeCellParsing() {
        #expect(VNumber.parse("-1")?.value == -1)
        #expect(VNumber.parse(" 135.368 ")?.value == 135368)
        #expect(VNumber.parse("12 thuê bao") == nil)
        #expect(VNumber.parse("") == nil)
        #expect(VNumber.parse("-") == nil)
        #expect(VNumber.parse("1.1.2") == nil)
    }

    @Test func intervalsFollowTheLastWrittenDigit() throws {
        let n = try #require(VNumber.parse("44,9"))
        #expect(n.interval == DecimalInterval(low: dec("44.85"), high: dec("44.95")))
        let exact = try #require(VNumber.parse("10.538"))
        #expect(exact.interval.isExact)
        #expect(exact.interval.low == 10538)
        let two = try #require(VNumber.parse("8.00"))
        #expect(two.interval == DecimalInterval(low: dec("7.995"), high: dec("8.005")))
    }

    @Test func scaleWordsMultiplyTheValueAndTheInterval() throws {
        let billions = try #require(scanQuantities(in: "Doanh thu ước đạt 120 tỷ đồng").first)
        #expect(billions.value == dec("120000000000"))
        #expect(billions.number.writtenValue == 120)
        #expect(billions.number.scale == .billion)
        #expect(billions.unit == "đồng")
        #expect(billions.number.interval.isExact)
        let millions = try #require(scanQuantities(in: "kinh phí 1,5 triệu đồng").first)
        #expect(millions.value == 1_500_000)
        #expect(millions.number.interval == DecimalInterval(low: 1_450_000, high: 1_550_000))
        let thousands = try #require(scanQuantities(in: "có 3 nghìn lượt truy cập, 2 ngàn người").first)
        #expect(thousands.value == 3000)
        #expect(thousands.unit == "lượt")
        #expect(scanQuantities(in: "có 3 nghìn lượt truy cập, 2 ngàn người")[1].value == 2000)
    }

    @Test func numbersGluedToWordsAreStillNumbers() throws {
        let cases = try #require(scanQuantities(in: "ghi nhận 1.188ca mắc mới").first)
        #expect(cases.value == 1188)
        #expect(cases.unit == "ca")
        #expect(cases.unitText == "ca")
        let growth = try #require(scanQuantities(in: "doanh thu tăng1,36% so với tháng trước").first)
        #expect(growth.value == dec("1.36"))
        #expect(growth.isPercent)
        #expect(growth.number.range == 14..<18)
        let money = try #require(scanQuantities(in: "số tiền 300.000đ.").first)
        #expect(money.value == 300000)
        #expect(money.unit == "đồng")
    }

    @Test func positionsAreUnicodeScalarOffsets() throws {
        // "Tổng số hồ sơ là " is 17 scalars in NFC.
        let q = try #require(scanQuantities(in: "Tổng số hồ sơ là 10.538 hồ sơ").first)
        #expect(q.number.range == 17..<23)
        #expect(q.unitRange == 24..<29)
        #expect(q.range == 17..<29)
    }

    @Test func footnoteMarkerAfterAPercentIsNotPartOfTheNumber() {
        let scanned = scanNumbers(in: "tỷ lệ đạt 4,8%3 trong tháng")
        #expect(scanned.count == 2)
        #expect(scanned[0].quantity?.value == dec("4.8"))
        #expect(scanned[0].quantity?.isPercent == true)
        #expect(scanned[1].role == .footnote)
    }

    @Test func percentWithASpaceBeforeTheSign() throws {
        let q = try #require(scanQuantities(in: "(đạt 44,9 %)").first)
        #expect(q.isPercent)
        #expect(q.unitRange == 10..<11)
    }
}

struct FormatTests {
    @Test("Vietnamese formatting for messages", arguments: [
        ("10475", nil as Int?, "10.475"),
        ("16.41", nil, "16,41"),
        ("-63", nil, "-63"),
        ("1322235", nil, "1.322.235"),
        ("0", nil, "0"),
        ("999", nil, "999"),
        ("1000", nil, "1.000"),
        ("16.4", 2, "16,40"),
        ("16.405", 2, "16,41"),
        ("-1234.5", 0, "-1.235"),
        ("0.04", 1, "0,0"),
        ("120000000000", nil, "120.000.000.000"),
        ("-0.001", 1, "0,0"),
    ])
    func format(value: String, digits: Int?, expected: String) {
        #expect(formatVietnamese(Decimal(string: value)!, fractionDigits: digits) == expected)
    }
}
