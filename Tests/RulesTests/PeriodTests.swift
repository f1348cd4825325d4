import ReportModel
import SourceText
import Testing

/// Reading the reporting period from titles and headings (Nghị định 09/2019).
struct PeriodTests {
    @Test func debugGroups() throws {
        let p = try Pattern(#"(?i)\btháng\s+(0?[1-9]|1[0-2])(?![0-9])(?:\s*(?:/|-|năm)\s*([0-9]{4})\b)?()"#)
        let words = "tháng 4"
        print("GROUPS", try p.captures(in: words) as Any)
    }
}
