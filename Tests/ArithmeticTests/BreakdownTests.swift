/// Finding totals and their parts, and staying silent when a list is not clearly a partition.
import Foundation
import Testing
@testable import Arithmetic

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

private func only(_ text: String) throws -> Breakdown {
    let found = findBreakdowns(in: text)
    try #require(found.count == 1, "expected one breakdown, found \(found.count)")
    return found[0]
}

struct BreakdownTests {
    @Test func totalMarkerThenTrongDoWithLabelsContainingCommas() throws {
        let text = "Bộ phận một cửa hoạt động nề nếp: Tổng số hồ sơ tiếp nhận là 2.400 hồ sơ, trong đó, "
            + "hồ sơ giải quyết đúng hạn 1.500 hs (đạt 62,5%), hồ sơ giải quyết chậm, quá hạn 300 hồ sơ (12,5%), "
            + "hồ sơ đang xử lý là 600 hs (chiếm 25%)"
        let b = try only(text)
        #expect(b.total.value == 2400)
        #expect(b.total.label == "Tổng số hồ sơ tiếp nhận")
        #expect(b.connective == "trong đó")
        #expect(!b.isParenthesised)
        #expect(b.parts.map(\.label) == ["hồ sơ giải quyết đúng hạn", "hồ sơ giải quyết chậm, quá hạn", "hồ sơ đang xử lý"])
        #expect(b.parts.map(\.quantity.value) == [1500, 300, 600])
        #expect(b.parts.map { $0.share?.value } == [dec("62.5"), dec("12.5"), 25])
        #expect(checkSum(b) == .consistent)
        #expect(checkShares(b).map(\.check) == [.consistent, .consistent, .consistent])
        #expect(checkShareTotal(b) == .consistent)
        let scalars = Array(text.unicodeScalars)
        for part in b.parts {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[part.labelRange])
            #expect(String(view) == part.label)
        }
    }

    @Test func mismatchReportsSumAndDifference() throws {
        let b = try only("Tổng số đơn thư nhận được là 120 đơn, trong đó, đơn khiếu nại 70 đơn, đơn tố cáo 40 đơn.")
        #expect(checkSum(b) == .mismatch(partsSum: 110, difference: 10))
        #expect(b.parts.count == 2)
    }

    @Test func parenthesisedPartsWithoutConnective() throws {
        let b = try only("Tổng số thuê bao là 2.000.000 thuê bao (cố định là 80.000 thuê bao, di động là 1.920.000 thuê bao) bằng 95% so với cùng kỳ")
        #expect(b.isParenthesised)
        #expect(b.connective == nil)
        #expect(b.parts.map(\.label) == ["cố định", "di động"])
        #expect(b.parts.allSatisfy { $0.share == nil })
        #expect(checkSum(b) == .consistent)
    }

    @Test func parenthesisedConnectiveWithEstimateAndNestedParentheses() throws {
        let text = "Số thuê bao phát triển trong tháng 9 ước đạt 3.000 thuê bao (Trong đó, thuê bao băng rộng xDSL 1.200 thuê bao, "
            + "thuê bao truy nhập qua cáp quang (FTTH) 1.800 thuê bao)."
        let b = try only(text)
        #expect(b.total.hedge == .estimate)
        #expect(b.connective == "Trong đó")
        #expect(b.parts.map(\.label) == ["thuê bao băng rộng xDSL", "thuê bao truy nhập qua cáp quang (FTTH)"])
        #expect(checkSum(b) == .consistent)
    }

    @Test func gomIntroducesParts() throws {
        let b = try only("Đã kiểm tra 12 đơn vị (gồm: 5 đơn vị cấp tỉnh, 7 đơn vị cấp huyện)")
        #expect(b.parts.map(\.label) == ["cấp tỉnh", "cấp huyện"])
        #expect(b.parts.map(\.quantity.value) == [5, 7])
        let open = try only("Toàn tỉnh có 9 đơn vị bao gồm 4 đơn vị sự nghiệp và 6 đơn vị hành chính")
        #expect(checkSum(open) == .mismatch(partsSum: 10, difference: -1))
    }

    @Test func unitAliasesMatchTheTotal() throws {
        let b = try only("Tổng số 50 hồ sơ, trong đó: trực tuyến 20 hs, trực tiếp 30 hồ sơ")
        #expect(b.parts.map(\.quantity.unitText) == ["hs", "hồ sơ"])
        #expect(checkSum(b) == .consistent)
    }

    @Test func scaledAmountsAddAcrossScaleWords() throws {
        let b = try only("Tổng vốn đầu tư là 1,2 tỷ đồng, trong đó ngân sách tỉnh 800 triệu đồng, vốn xã hội hóa 400 triệu đồng")
        #expect(b.total.unit == "đồng")
        #expect(checkSum(b) == .consistent)
    }

    @Test func decimalPartsUseIntervals() throws {
        // 12,3 + 7,8 = 20,1 and 20 stands for itself; 20,1 ± 0,1 reaches 20,0 only through the
        // parts' rounding: [12,25 + 7,75, 12,35 + 7,85] = [20,0; 20,2].
        let b = try only("Tổng kinh phí 20 tỷ đồng, trong đó, dự án A 12,3 tỷ đồng, dự án B 7,8 tỷ đồng")
        #expect(checkSum(b) == .consistent)
        let off = try only("Tổng kinh phí 20 tỷ đồng, trong đó, dự án A 12,4 tỷ đồng, dự án B 7,8 tỷ đồng")
        #expect(checkSum(off) == .mismatch(partsSum: dec("20200000000"), difference: dec("-200000000")))
    }

    @Test func postfixLabels() throws {
        let b = try only("Phát triển 300 thuê bao, trong đó 100 thuê bao cố định, 200 thuê bao di động.")
        #expect(b.parts.map(\.label) == ["cố định", "di động"])
        #expect(checkSum(b) == .consistent)
    }

    @Test func anOpenListEndsWhereTheNextStatementStarts() throws {
        let b = try only("Tổng số 100 thuê bao, trong đó A 60 thuê bao, B 40 thuê bao, thuê bao Internet là 59 thuê bao")
        #expect(b.parts.count == 2)
        #expect(checkSum(b) == .consistent)
        let cut = try only("Tổng số 90 thuê bao, trong đó A 60 thuê bao, B 40 thuê bao, tăng 5 thuê bao so với tháng trước")
        #expect(cut.parts.count == 2)
        #expect(checkSum(cut) == .mismatch(partsSum: 100, difference: -10))
    }

    @Test("silent: not a checkable breakdown", arguments: [
        // Non-exhaustive wording.
        "Tổng số 100 hồ sơ, trong đó có 30 hồ sơ trực tuyến, 20 hồ sơ quá hạn",
        "Tổng số 100 hồ sơ, trong đó một số hồ sơ như 30 hồ sơ đất đai, 20 hồ sơ xây dựng",
        "Có 80 đơn vị tham gia, chủ yếu là 30 đơn vị cấp xã, 20 đơn vị cấp huyện",
        "Tổng số 100 hồ sơ (trong đó chủ yếu 30 hồ sơ đất đai, 20 hồ sơ xây dựng)",
        // A single part.
        "Tổng số hồ sơ là 100 hồ sơ, trong đó 30 hồ sơ trực tuyến",
        // Units differ.
        "Tổng số 100 hồ sơ, trong đó 60 hồ sơ đất đai, 40 đơn vị",
        "Tổng số 100 hồ sơ, trong đó 60 hồ sơ đất đai, 40 trường hợp khác",
        // Approximate numbers.
        "Tổng số khoảng 100 hồ sơ, trong đó 60 hồ sơ đất đai, 40 hồ sơ xây dựng",
        "Tổng số 100 hồ sơ, trong đó gần 60 hồ sơ đất đai, 40 hồ sơ xây dựng",
        "Tổng số 100 hồ sơ, trong đó 60 hồ sơ đất đai, hơn 40 hồ sơ xây dựng",
        // Growth rates and indices after `trong đó`.
        "Chỉ số sản xuất công nghiệp tăng 1,34%, trong đó khai khoáng tăng 1,75%, chế biến tăng 1,2%",
        "Giá trị tăng 120 tỷ đồng, trong đó công nghiệp tăng 70 tỷ đồng, dịch vụ tăng 40 tỷ đồng",
        // A list that is not total + parts.
        "phát sóng truyền hình với tổng số 1.000 tác phẩm truyền hình, 1.200 tác phẩm phát thanh",
        // Comparisons with another period in parentheses.
        "Có 1.000 thuê bao (tháng trước 900 thuê bao, cùng kỳ 800 thuê bao)",
        "Có 1.000 thuê bao (năm 2013: 900 thuê bao, năm 2012: 800 thuê bao)",
        // Highlights of a much larger total.
        "Tổng số 10.000 tin bài, trong đó 100 tin bài về biển đảo, 50 tin bài về an toàn giao thông",
        // A stray percentage that is not a share.
        "Tổng số 100 hồ sơ, trong đó 60 hồ sơ đất đai, 40 hồ sơ xây dựng, 15% nộp trực tuyến",
        // Labels missing: the parts cannot be told apart.
        "Tổng số 100 hồ sơ, trong đó 60 hồ sơ, 40 hồ sơ",
        // A parenthesis without numbers.
        "Đến nay đã có 02 đơn vị (Sở Thông tin và Truyền thông, Ngân hàng Nhà nước) ký hợp đồng",
        // Dates in the labels: a time series, not a partition.
        "Tổng số 100 hồ sơ, trong đó trước ngày 15/4 là 60 hồ sơ, sau ngày 15/4 là 40 hồ sơ",
        // Ratios.
        "Tổng số thuê bao là 1.727.388 thuê bao đạt tỷ lệ 157 thuê bao/100 dân",
    ])
    func silent(text: String) {
        #expect(findBreakdowns(in: text).isEmpty)
    }

    @Test func comparisonPercentagesAreNeverShares() throws {
        let b = try only("Tổng số 100 hồ sơ, trong đó, hồ sơ đất đai 60 hồ sơ (tăng 5,6% so với cùng kỳ), hồ sơ xây dựng 40 hồ sơ (bằng 104,3% so với cùng kỳ)")
        #expect(b.parts.allSatisfy { $0.share == nil })
        #expect(checkShares(b).isEmpty)
        #expect(checkSum(b) == .consistent)
    }

    @Test func shareVerbWithoutParentheses() throws {
        #expect(findBreakdowns(in: "Tổng số 200 hồ sơ, trong đó: hồ sơ đất đai 150 hồ sơ, chiếm 75%; ").isEmpty)
        let c = try only("Tổng số 200 hồ sơ, trong đó hồ sơ đất đai 150 hồ sơ chiếm 75%, hồ sơ xây dựng 50 hồ sơ chiếm 25%")
        #expect(c.parts.map { $0.share?.value } == [75, 25])
        #expect(checkShares(c).map(\.check) == [.consistent, .consistent])
    }

    @Test func footnoteInsideShareParentheses() throws {
        let b = try only("Tổng số 1.000 hồ sơ, trong đó, trực tuyến 480 hồ sơ (48%3), trực tiếp 520 hồ sơ (52%)")
        #expect(b.parts.map { $0.share?.value } == [48, 52])
    }

    @Test func aNewPredicateEndsTheList() throws {
        // `đã giải quyết 140 hồ sơ` is the next statement, not a third part.
        let b = try only("Trong tháng, tiếp nhận 150 hồ sơ, trong đó hồ sơ trực tuyến 90 hồ sơ, hồ sơ trực tiếp 60 hồ sơ, đã giải quyết 140 hồ sơ")
        #expect(b.parts.map(\.quantity.value) == [90, 60])
        #expect(checkSum(b) == .consistent)
        #expect(findBreakdowns(in: "Tiếp nhận 150 hồ sơ, trong đó hồ sơ trực tuyến 90 hồ sơ, đã giải quyết 140 hồ sơ").isEmpty)
    }

    @Test func aShortComplementMayFollowTheTotal() throws {
        let b = try only("Đã tiến hành 30 cuộc thanh tra, kiểm tra, trong đó 20 cuộc thanh tra, 10 cuộc kiểm tra.")
        #expect(b.total.value == 30)
        #expect(b.parts.map(\.label) == ["thanh tra", "kiểm tra"])
        let paren = try only("Có 12 đơn vị cấp tỉnh (gồm 5 đơn vị thuộc Sở, 7 đơn vị thuộc UBND)")
        #expect(paren.parts.map(\.quantity.value) == [5, 7])
        #expect(findBreakdowns(in: "Tổng số 1.727.388 thuê bao đạt tỷ lệ cao, trong đó 5 thuê bao A, 6 thuê bao B").isEmpty)
    }

    @Test func nestedBreakdowns() {
        let text = "Tổng số 100 thuê bao, trong đó di động 60 thuê bao (trả trước 50 thuê bao, trả sau 10 thuê bao), cố định 40 thuê bao"
        let found = findBreakdowns(in: text)
        #expect(found.map(\.total.value) == [100, 60])
        #expect(found.map { $0.parts.map(\.quantity.value) } == [[60, 40], [50, 10]])
        #expect(found.map { checkSum($0) } == [.consistent, .consistent])
        #expect(found.first?.parts.first?.share == nil)
    }

    @Test func approximateTotalsInParenthesesAreSilent() {
        #expect(findBreakdowns(in: "Có khoảng 1.000 thuê bao (cố định 400 thuê bao, di động 600 thuê bao)").isEmpty)
        #expect(findBreakdowns(in: "Có trên 1.000 thuê bao (trong đó cố định 400 thuê bao, di động 600 thuê bao)").isEmpty)
    }

    @Test func manyBreakdownsInOneParagraph() {
        let text = "Phát triển 30 thuê bao (trong đó 10 thuê bao cố định, 20 thuê bao di động); "
            + "tiếp nhận 7 hồ sơ (trong đó, trực tuyến 3 hồ sơ, trực tiếp 4 hồ sơ)."
        let found = findBreakdowns(in: text)
        #expect(found.map(\.total.value) == [30, 7])
        #expect(found.map { checkSum($0) } == [.consistent, .consistent])
    }
}
