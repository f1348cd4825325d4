import Diagnostics
import ReportModel
import SourceText
import YAMLTree

/// Checks the signature block against Nghị định 30/2020/NĐ-CP, Phụ lục I (thẩm quyền ký):
/// `KT.` is followed by the head's title and then a deputy's (`KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC`),
/// `TM.` by a collective body (`TM. ỦY BAN NHÂN DÂN`), `TL.`, `TUQ.` and `Q.` by a title; a
/// signer's name follows the titles. `P. GIÁM ĐỐC` without `KT.` is a warning. It leaves alone
/// what text cannot show (the signature itself, the seal) and does not judge whether the
/// signer may sign.
struct SignatureKind: RuleKind {
    static let name = "signature"
    static let summary = "The signature block (KT./TM./TL./TUQ./Q., titles, signer's name) follows NĐ 30/2020."
    static let fields = [
        FieldDoc("deputy", "pattern, default \"^(PHÓ|THỨ TRƯỞNG)\\b\": a deputy's title after KT."),
        FieldDoc("personal-title", "pattern: titles of a person, which TM. must not be followed by"),
        FieldDoc("require-signer", "bool, default true"),
    ]

    let deputy: Pattern
    let personalTitle: Pattern
    let requireSigner: Bool

    init(_ fields: RuleFields) throws(RuleSetError) {
        deputy = try fields.optionalPattern("deputy") ?? (try! Pattern(#"^(?:PHÓ\b|THỨ\s+TRƯỞNG\b)"#))
        personalTitle = try fields.optionalPattern("personal-title")
            ?? (try! Pattern(#"^(?:PHÓ\s+)?(?:GIÁM\s+ĐỐC|CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+(?:PHÒNG|BAN))\b"#))
        requireSigner = try fields.bool("require-signer", default: true)
    }

    /// Words that make an upper-case line a title rather than a name written in capitals.
    static let titleWords = try! Pattern(#"\b(?:GIÁM|ĐỐC|CHỦ|TỊCH|TRƯỞNG|PHÓ|THỨ|BỘ|CHÁNH|VĂN\s+PHÒNG|ỦY|UỶ|UBND|BAN|HỘI|ĐỒNG|CỤC|VỤ|SỞ|VIỆN|TỔNG|THỦ|TƯỚNG|BÍ\s+THƯ|KT|TM|TL|TUQ)\b"#)

    func check(_ report: Report, _ rule: RuleContext) throws(Pattern.MatchError) -> [Diagnostic] {
        guard let signature = report.signature, let first = signature.lines.first else {
            return [rule.diagnose(.signatureMissing, at: report.end)]
        }
        var titles = signature.titles
        var signer = signature.signer
        // A name typed in capitals (`NGUYỄN VĂN AN`) reads as a title line to the parser.
        if signer == nil, let last = titles.last, titles.count > (signature.authority == nil ? 1 : 0),
           try !SignatureKind.titleWords.matches(last.text) {
            signer = last
            titles.removeLast()
        }
        var diagnostics: [Diagnostic] = []
        if let authority = signature.authority {
            let word = authority.text
            let anchor = authority.range
            let afterAuthority = titles.first
            switch word {
            case "KT.":
                if let head = afterAuthority, titles.count >= 2 {
                    let own = titles[1]
                    if try !deputy.matches(own.text) {
                        diagnostics.append(rule.diagnose(.deputyTitleExpected, ["title": own.text, "head": head.text], at: own.range))
                    }
                } else {
                    diagnostics.append(rule.diagnose(.deputyTitleMissing, ["head": afterAuthority?.text ?? "…"],
                                                     at: afterAuthority?.range ?? anchor))
                }
            case "TM.":
                if let body = afterAuthority {
                    if try personalTitle.matches(body.text) {
                        diagnostics.append(rule.diagnose(.collectiveExpected, ["title": body.text], at: body.range))
                    }
                } else {
                    diagnostics.append(rule.diagnose(.authorityTitleMissing, ["authority": word], at: anchor))
                }
            default:
                if afterAuthority == nil {
                    diagnostics.append(rule.diagnose(.authorityTitleMissing, ["authority": word], at: anchor))
                }
            }
        } else if let head = titles.first, head.text.hasPrefix("P.") || head.text.hasPrefix("P ") {
            // `P. GIÁM ĐỐC` is not a form NĐ 30 knows: a deputy signs `KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC`.
            diagnostics.append(rule.diagnose(.abbreviatedDeputy, ["title": head.text], at: head.range, severity: min(rule.severity, .warning)))
        }
        if requireSigner && signer == nil {
            diagnostics.append(rule.diagnose(.signerMissing, at: titles.last?.range ?? first.range))
        }
        return diagnostics
    }

    static let examples = [
        Example(rule: "{}", report: "Nơi nhận:\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n\nNguyễn Gia Phong"),
        Example(rule: "{}", report: "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTRẦN VĂN AN"),
        Example(rule: "{}", report: "Nơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nLê Thị Hoa"),
        Example(rule: "{}", report: "Nơi nhận:\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\n↓GIÁM ĐỐC SỞ\n\nNguyễn Văn Bình",
                expect: ["sau KT. GIÁM ĐỐC phải là chức vụ cấp phó (PHÓ ...), không phải \"GIÁM ĐỐC SỞ\""]),
        Example(rule: "{}", report: "Nơi nhận:\n- Lưu: VT.\n\nKT. ↓GIÁM ĐỐC\n\nNguyễn Văn Bình",
                expect: ["sau KT. GIÁM ĐỐC thiếu chức vụ của người ký thay (PHÓ GIÁM ĐỐC)"]),
        Example(rule: "{}", report: "Nơi nhận:\n- Lưu: VT.\n\nTM. ↓GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn Bình",
                expect: ["TM. phải đi với tên tập thể (TM. ỦY BAN NHÂN DÂN), không phải chức vụ \"GIÁM ĐỐC\""]),
        Example(rule: "{}", report: "Nơi nhận:\n- Lưu: VT.\n\n↓P. GIÁM ĐỐC\n\nNguyễn Văn Bình",
                expect: ["\"P. GIÁM ĐỐC\" không đúng thể thức: người ký thay viết KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"]),
        Example(rule: "{}", report: "Nơi nhận:\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\n↓PHÓ GIÁM ĐỐC\n\n(Đã ký)",
                expect: ["thiếu họ tên người ký"]),
    ]
}

extension Message {
    static let signatureMissing = Message(vi: "thiếu phần chức vụ và họ tên người ký", en: "no signature block")
    static let deputyTitleExpected = Message(vi: "sau KT. {head} phải là chức vụ cấp phó (PHÓ ...), không phải \"{title}\"",
                                             en: "after KT. {head} comes a deputy's title (PHÓ ...), not \"{title}\"")
    static let deputyTitleMissing = Message(vi: "sau KT. {head} thiếu chức vụ của người ký thay (PHÓ {head})",
                                            en: "KT. {head} is not followed by the deputy's title (PHÓ {head})")
    static let collectiveExpected = Message(vi: "TM. phải đi với tên tập thể (TM. ỦY BAN NHÂN DÂN), không phải chức vụ \"{title}\"",
                                            en: "TM. takes a collective body (TM. ỦY BAN NHÂN DÂN), not the title \"{title}\"")
    static let authorityTitleMissing = Message(vi: "sau {authority} thiếu chức vụ", en: "{authority} is not followed by a title")
    static let abbreviatedDeputy = Message(vi: "\"{title}\" không đúng thể thức: người ký thay viết KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
                                           en: "\"{title}\" is not a valid form: a deputy signs KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
    static let signerMissing = Message(vi: "thiếu họ tên người ký", en: "no signer's name")
}
