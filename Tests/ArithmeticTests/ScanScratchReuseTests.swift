import Testing
@testable import Arithmetic

/// `scanQuantitiesAndBreakdowns` with one scratch buffer shared by a run of paragraphs (as
/// `Facts` scans a report) finds exactly what a fresh scan of each paragraph finds.
struct ScanScratchReuseTests {
    @Test func sharedScratchScansAsFreshScans() {
        var scratch = QuantityScanScratch()
        let texts = ScanShortcutTests.paragraphs + ScanShortcutTests.randomParagraphs(count: 400)
            + ScanShortcutTests.paragraphs.reversed()
        for text in texts {
            let shared = scanQuantitiesAndBreakdowns(in: text, vocabulary: .standard, scratch: &scratch)
            let fresh = scanQuantitiesAndBreakdowns(in: text)
            #expect(shared.quantities == fresh.quantities, "\(text.debugDescription)")
            #expect(shared.breakdowns == fresh.breakdowns, "\(text.debugDescription)")
        }
    }

    @Test func datesAndFractionsKeepTheirRoles() {
        // The parts of a slash run are read into locals: every shape of one to four parts.
        let cases: [(String, NumberRole)] = [
            ("ngày 19/8", .date), ("tháng 8/2014", .date), ("15/7/2013", .date), ("22/23 xã", .fraction),
            ("32/12", .fraction), ("13/2014", .fraction), ("1/1/1/1", .date), ("0/5", .fraction),
            ("12/123", .fraction), ("31/12/99999999999999999999", .date), ("99999999999999999999/3", .fraction),
        ]
        for (text, role) in cases {
            #expect(scanNumbers(in: text).first?.role == role, "\(text)")
        }
    }
}
