/// What counts as a quantity, and what is a date, a year, a document number, an ordinal, a ratio,
/// a phone number or a name instead.
import Foundation
import Testing
@testable import Arithmetic

private func roles(_ text: String) -> [String] {
    scanNumbers(in: text).map { "\($0.number.text):\($0.role.rawValue)" }
}

private func quantities(_ text: String) -> [String] {
    scanQuantities(in: text).map { q in
        [q.hedge.map { $0.rawValue } ?? "", q.number.text, q.unit ?? "∅"].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

struct QuantityTests {
    @Test("not quantities", arguments: [
        ("Lễ kỷ niệm diễn ra ngày 19/8 tại tỉnh", ["19:date"]),
        ("tuyên truyền về ngày giỗ Tổ (10/3 AL) và ngày 30/4", ["10:date", "30:date"]),
        ("tổ chức hội thảo (từ 28-30/8) tại thành phố", ["28:range", "30:range", "8:ratio"]),
        ("tham gia lớp bồi dưỡng (từ ngày 19-22/8)", ["19:range", "22:range", "8:ratio"]),
        ("kết quả hoạt động tháng 8/2014", ["8:date"]),
        ("theo Quyết định ngày 15/7/2013 của Thủ tướng", ["15:date"]),
        ("dự toán ngân sách năm 2015", ["2015:year"]),
        ("đề án giai đoạn 2014 – 2018", ["2014:range", "2018:range"]),
        ("Số: 285/BC-STTTT", ["285:documentNumber"]),
        ("thực hiện Nghị quyết số 36-NQ/TW của Bộ Chính trị", ["36:documentNumber"]),
        ("các Đề án của Quyết định số 1133/QĐ-TTg", ["1133:documentNumber"]),
        ("Kết luận số 04-KL/TW của Ban Bí thư", ["04:documentNumber"]),
        ("Hội thảo lần thứ 18 tại tỉnh", ["18:designator"]),
        ("tại kỳ họp thứ 15 Hội đồng nhân dân tỉnh (Khóa XII)", ["15:designator"]),
        ("mật độ đạt 157 thuê bao/100 dân", ["157:ratio", "100:ratio"]),
        ("đạt tỉ lệ 09 thuê bao/100 dân.", ["09:ratio", "100:ratio"]),
        ("phát sóng phát thanh 11,5h/ngày", ["11,5:ratio"]),
        ("lắp đặt camera tại các xã (22/23 xã);", ["22:fraction"]),
        ("liên hệ ĐT: 0204.3854.123 hoặc 0912345678", ["0204.3854:phone", "0912345678:phone"]),
        ("nâng cấp phần mềm Microsoft Office 2010.", ["2010:year"]),
        ("hệ điều hành Windows 7 và chuẩn IPv6", ["7:name", "6:name"]),
        ("phủ sóng 4G toàn tỉnh", ["4:name"]),
        ("họp lúc 14:30 tại phòng họp", ["14:time", "30:time"]),
        ("theo quy định tại Điều 5, khoản 2", ["5:designator", "2:designator"]),
        ("phiên bản 1.2.3 của phần mềm", ["1.2:code"]),
    ])
    func notQuantities(text: String, expected: [String]) {
        #expect(roles(text) == expected)
        #expect(scanQuantities(in: text).isEmpty)
    }

    @Test func quantitiesWithUnitsAndAliases() {
        #expect(quantities("trả lại 697 hs (6,6%)") == ["697 hồ sơ", "6,6 %"])
        #expect(quantities("phát triển 1.960 TB xDSL") == ["1.960 thuê bao"])
        #expect(quantities("đăng tải 257 tin, bài phục vụ") == ["257 tin bài"])
        #expect(quantities("xây dựng 220 chương trình với 500 tin bài") == ["220 chương trình", "500 tin bài"])
        #expect(quantities("tiến hành kiểm tra 35 đại lý internet, 03 cửa hàng") == ["35 đại lý", "03 cửa hàng"])
        #expect(quantities("cấp 09 giấy phép") == ["09 giấy phép"])
        #expect(quantities("Ban chỉ đạo 1133 họp") == ["1133 ∅"])
    }

    @Test func hedges() {
        #expect(quantities("đăng tải khoảng 1.300 tác phẩm") == ["approximate 1.300 tác phẩm"])
        #expect(quantities("với hơn 3300 tin bài phát thanh") == ["approximate 3300 tin bài"])
        #expect(quantities("đến nay là trên 1.500 chữ ký số") == ["approximate 1.500 chữ ký số"])
        #expect(quantities("chiếm gần 40%") == ["approximate 40 %"])
        #expect(quantities("xấp xỉ 2 tỷ đồng") == ["approximate 2 đồng"])
        #expect(quantities("doanh thu ước đạt 120 tỷ đồng") == ["estimate 120 đồng"])
        #expect(quantities("ước tính 500 lượt") == ["estimate 500 lượt"])
        #expect(quantities("thu hút 1.000 người trở lên") == ["approximate 1.000 người"])
        // `trên` is only a hedge right before a number.
        #expect(quantities("trên địa bàn có 12 đơn vị") == ["12 đơn vị"])
    }

    @Test func hedgeRangeAndQuantityRange() throws {
        let q = try #require(scanQuantities(in: "đạt khoảng 20 hồ sơ").first)
        #expect(q.hedgeRange == 4..<10)
        #expect(q.range == 4..<19)
        #expect(q.isApproximate)
    }

    @Test func labelsStopAtTheClause() throws {
        let text = "Hệ thống hoạt động tốt: Tổng số hồ sơ nhận được là 10.538 hồ sơ, văn bản đi đạt: 85,7%"
        let qs = scanQuantities(in: text)
        #expect(qs.map(\.label) == ["Tổng số hồ sơ nhận được", "văn bản đi"])
        let first = try #require(qs.first)
        #expect(text.unicodeScalars.count > first.labelRange.upperBound)
        let scalars = Array(text.unicodeScalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first.labelRange])
        #expect(String(view) == first.label)
    }

    @Test func labelsStepOverParentheses() throws {
        let q = try #require(scanQuantities(in: "thuê bao truy nhập cáp quang (FTTH) 651 thuê bao").first)
        #expect(q.label == "thuê bao truy nhập cáp quang (FTTH)")
        let after = scanQuantities(in: "Tổng số là 5 đơn vị (A 2 đơn vị, B 3 đơn vị) bằng 68% so với cùng kỳ")
        #expect(after.last?.label == "")
    }

    @Test func tabsSeparateCells() {
        #expect(quantities("05\tTB internet\t\t1.960\t1.835\t-5%\t96.439") == ["05 ∅", "1.960 ∅", "1.835 ∅", "5 %", "96.439 ∅"])
    }

    @Test func vocabularyCanBeExtended() {
        let province = Vocabulary(units: ["bản tin": ["bản tin", "BT"]], approximateHedges: ["ngót nghét"])
        let vocabulary = Vocabulary.standard.extended(with: province)
        let qs = scanQuantities(in: "phát hành 12 BT, ngót nghét 30 hồ sơ", vocabulary: vocabulary)
        #expect(qs.map(\.unit) == ["bản tin", "hồ sơ"])
        #expect(qs[1].hedge == .approximate)
        #expect(vocabulary.canonicalUnit("HS") == "hồ sơ")
        #expect(Vocabulary.standard.canonicalUnit("BT") == nil)
    }

    @Test func upperCaseVietnameseIsFolded() {
        #expect(quantities("TỔNG SỐ HỒ SƠ LÀ 12 HỒ SƠ") == ["12 hồ sơ"])
        #expect(quantities("KHOẢNG 12 ĐƠN VỊ") == ["approximate 12 đơn vị"])
    }
}
