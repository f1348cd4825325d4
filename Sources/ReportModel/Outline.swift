/// A plain-text outline of what the parser understood, for `reportlint cat --structure`:
/// rule authors and reviewers see which lines became the header, sections, tables, the
/// distribution list and the signature.
extension Report {
    public var outline: String {
        var out = ""
        func line(_ label: String, _ span: TextSpan?) {
            guard let span else { out += "\(label): (none)\n"; return }
            out += "\(label) \(span.range.start): \(span.text)\n"
        }
        for agency in header.agency { line("agency", agency) }
        line("national-name", header.nationalName)
        line("motto", header.motto)
        line("number", header.number?.span)
        line("place-date", header.placeDate?.span)
        line("title", title?.documentType)
        for summary in title?.summary ?? [] { line("  summary", summary) }
        for block in blocks {
            switch block {
            case let .heading(index):
                let section = sections[index]
                out += String(repeating: "  ", count: section.level - 1)
                    + "section L\(section.level) \(section.heading.range.start) [\(section.marker)] \(section.title.text)"
                    + " (lines \(section.lines.lowerBound)-\(section.lines.upperBound))\n"
            case let .table(table):
                out += "table \(table.rows.count)x\(table.columnCount) lines \(table.rows.first!.line)-\(table.rows.last!.line)"
                    + (table.hasHeaderRow ? " with header row" : "") + "\n"
                for row in table.rows { out += "  | " + row.cells.map(\.text).joined(separator: " | ") + "\n" }
            case .paragraph, .listItem:
                continue
            }
        }
        if let recipients {
            line("recipients", recipients.heading)
            for entry in recipients.entries {
                line("  entry" + (entry.group.map { " [\($0)]" } ?? ""), entry.span)
            }
            for annotation in recipients.annotations { line("  annotation", annotation) }
        } else {
            out += "recipients: (none)\n"
        }
        if let signature {
            line("signature authority", signature.authority)
            for title in signature.titles { line("  title", title) }
            line("  signer", signature.signer)
        } else {
            out += "signature: (none)\n"
        }
        return out
    }
}
