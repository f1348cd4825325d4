import Arithmetic
import Foundation
import ReportModel
import SourceText

/// Numbers read from a report once and shared by every rule that needs them (DESIGN.md,
/// "Facts"): the quantities and breakdowns of each body paragraph and list item, and the
/// tables. Built lazily on the thread that lints the report; nothing is computed when no
/// arithmetic rule runs.
public final class Facts: @unchecked Sendable {
    public let report: Report
    public let vocabulary: Vocabulary

    public init(report: Report, vocabulary: Vocabulary) {
        self.report = report
        self.vocabulary = vocabulary
    }

    /// Body paragraphs and list items, each one line.
    public private(set) lazy var prose: [TextSpan] = report.blocks.compactMap { block in
        switch block {
        case let .paragraph(span), let .listItem(_, span): return span
        case .table, .heading: return nil
        }
    }

    /// Quantities and breakdowns of each prose span, from one number scan per span (both
    /// used to scan every span separately, and `coverage` reads both).
    private lazy var scans: [(quantities: [Quantity], breakdowns: [Breakdown])] = {
        // One buffer for the numbers of every span, reused span after span.
        var scratch = QuantityScanScratch()
        return prose.map { span in
            scanQuantitiesAndBreakdowns(in: span.text, vocabulary: vocabulary, scratch: &scratch)
        }
    }()

    public private(set) lazy var breakdowns: [Located<Breakdown>] = located { $0.breakdowns }

    public private(set) lazy var quantities: [Located<Quantity>] = located { $0.quantities }

    /// The values `list` takes from each span's scan, in order, with their span: one array
    /// sized once (`flatMap` built an array per span and grew the result).
    private func located<Value>(_ list: ((quantities: [Quantity], breakdowns: [Breakdown])) -> [Value])
        -> [Located<Value>] {
        let scans = self.scans
        let prose = self.prose
        var result: [Located<Value>] = []
        result.reserveCapacity(scans.reduce(0) { $0 + list($1).count })
        // By index: each value is copied once, straight into its `Located`.
        for s in scans.indices where s < prose.count {
            let values = list(scans[s])
            let span = prose[s]
            for k in values.indices { result.append(Located(span: span, value: values[k])) }
        }
        return result
    }

    /// `checkSum` of each of `breakdowns`, shared by the breakdown and percent rules.
    public private(set) lazy var breakdownSums: [SumCheck] = breakdowns.map { checkSum($0.value) }

    /// `ReportingPeriod.fromTitle` of the report's title, read once for the period rules (each
    /// of them used to read the title again).
    public private(set) lazy var titlePeriod: (period: ReportingPeriod, next: ReportingPeriod?)? =
        report.title.flatMap { ReportingPeriod.fromTitle($0) }

    /// `VietnameseText.lines(of: report)`, built once for all the text rules that read it.
    public private(set) lazy var textLines: [TextSpan] = VietnameseText.lines(of: report)

    /// Per line of `report.source`, whether it holds an ASCII digit (every number does), for
    /// the rules that look for numbers in every line.
    public private(set) lazy var linesWithDigit: [Bool] = report.source.lines.map { line in
        line.utf8.withContiguousStorageIfAvailable { Facts.containsASCIIDigit($0) }
            ?? line.utf8.contains { $0 &- 0x30 < 10 }
    }

    /// Whether `bytes` holds an ASCII digit, eight bytes at a time: with `x` the word XOR
    /// `0x30` in every byte, a digit is a byte of `x` below 10, and `(x - 0x0A..) & ~x & 0x80..`
    /// is non-zero exactly when some byte of `x` is below 10 (a borrow only ever sets bits
    /// above a byte that is itself below 10).
    static func containsASCIIDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x3030_3030_3030_3030
            if (x &- 0x0A0A_0A0A_0A0A_0A0A) & ~x & 0x8080_8080_8080_8080 != 0 { return true }
            i += 8
        }
        while i < count {
            if bytes[i] &- 0x30 < 10 { return true }
            i += 1
        }
        return false
    }

    /// One layout per table of `report.tables`, built on first use and shared by the
    /// expression rules, which look up several cells per table.
    public private(set) lazy var tableLookups: [TableLookup] = report.tables.map {
        TableLookup(header: $0.headerTexts, rows: $0.rowTexts)
    }

    /// What was found, so that silence is never mistaken for correctness (`--stats`).
    public var coverage: Coverage {
        Coverage(quantities: quantities.count, breakdowns: breakdowns.count,
                 percentages: breakdowns.reduce(0) { $0 + $1.value.parts.filter { $0.share != nil }.count },
                 tables: report.tables.count)
    }
}

public struct Coverage: Sendable, Equatable {
    public var quantities = 0
    public var breakdowns = 0
    public var percentages = 0
    public var tables = 0
    /// Expression rules (cross-checks between prose and tables) that ran.
    public var crossChecks = 0

    public init(quantities: Int = 0, breakdowns: Int = 0, percentages: Int = 0, tables: Int = 0, crossChecks: Int = 0) {
        self.quantities = quantities
        self.breakdowns = breakdowns
        self.percentages = percentages
        self.tables = tables
        self.crossChecks = crossChecks
    }

    public static func + (a: Coverage, b: Coverage) -> Coverage {
        Coverage(quantities: a.quantities + b.quantities, breakdowns: a.breakdowns + b.breakdowns,
                 percentages: a.percentages + b.percentages, tables: a.tables + b.tables,
                 crossChecks: a.crossChecks + b.crossChecks)
    }

    /// The line `--stats` prints and `pretty` output ends with.
    public func line(files: Int) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        return "arithmetic checked in " + count(files, "file", "files") + ": "
            + [count(quantities, "quantity", "quantities"), count(breakdowns, "breakdown", "breakdowns"),
               count(percentages, "percentage", "percentages"), count(tables, "table", "tables"),
               count(crossChecks, "cross-check", "cross-checks")].joined(separator: ", ")
    }
}

/// A value found in one line, with the way from its scalar offsets to source ranges.
public struct Located<Value: Sendable>: Sendable {
    public let span: TextSpan
    public let value: Value

    public func range(_ offsets: Range<Int>) -> SourceRange {
        SourceRange(Location(line: span.line, column: span.range.start.column + offsets.lowerBound),
                    Location(line: span.line, column: span.range.start.column + offsets.upperBound))
    }
}

extension Table {
    /// Cell texts as the arithmetic layer takes them: the header row, then the data rows.
    var headerTexts: [String] { header?.cells.map(\.text) ?? [] }
    var rowTexts: [[String]] { dataRows.map { $0.cells.map(\.text) } }

    func cellRange(row: Int, column: Int) -> SourceRange? {
        let rows = Array(dataRows)
        guard row >= 0, row < rows.count, column >= 0, column < rows[row].cells.count else { return nil }
        return rows[row].cells[column].range
    }
}

/// Vietnamese notation for numbers in messages: `10.475`, `16,41`.
func vn(_ value: Decimal, _ digits: Int? = nil) -> String { formatVietnamese(value, fractionDigits: digits) }
