/// The words the arithmetic layer recognises: units and their spellings, hedges, the connectives
/// that introduce parts, and the markers that make a list non-exhaustive or a percentage a
/// comparison. Built from plain data so a rule set (and a province) can extend it; every phrase
/// is folded once here, never per paragraph.
import Foundation

public struct Vocabulary: Sendable {
    let storage: VocabularyStorage

    /// Canonical unit → spellings (`"hồ sơ": ["hồ sơ", "hs"]`). The canonical `%` marks
    /// percentages. Scale words (`tỷ`, `triệu`, `nghìn`) belong to the number, not the unit:
    /// `120 tỷ đồng` is 120·10⁹ in unit `đồng`.
    public var units: [String: [String]] { storage.units }
    /// `khoảng`, `gần`, `hơn`, `trên`, `xấp xỉ`: the number is not meant exactly.
    public var approximateHedges: [String] { storage.approximateHedges }
    /// `ước đạt`, `ước tính`, `ước`: an estimate, still expected to add up.
    public var estimateHedges: [String] { storage.estimateHedges }
    /// Words after a unit that widen the number (`1.000 người trở lên`).
    public var approximateSuffixes: [String] { storage.approximateSuffixes }
    /// `trong đó`, `gồm`, `bao gồm`: what introduces the parts of a total.
    public var connectives: [String] { storage.connectives }
    /// `trong đó có`, `một số`, `chủ yếu`, `như`: the parts are examples, not a partition.
    public var nonExhaustiveMarkers: [String] { storage.nonExhaustiveMarkers }
    /// `Tổng số`, `tổng cộng`: the label of a total.
    public var totalMarkers: [String] { storage.totalMarkers }
    /// `so với`, `cùng kỳ`: a percentage or a figure compared with another period.
    public var comparisonMarkers: [String] { storage.comparisonMarkers }
    /// `tăng`, `giảm`: a change, never a part of a stock.
    public var changeWords: [String] { storage.changeWords }
    /// `đạt`, `chiếm`: what introduces a share of the total.
    public var shareVerbs: [String] { storage.shareVerbs }
    /// Words after which a number names something rather than counts it (`lần thứ 18`,
    /// `ngày 19`, `Điều 5`, `năm 2014`).
    public var designators: [String] { storage.designators }

    // Folded forms, built once.
    var unitPhrases: [FoldedPhrase] { storage.unitPhrases }
    var unitCanonical: [String] { storage.unitCanonical }
    var unitsByFirstScalar: [UInt32: [Int]] { storage.unitsByFirstScalar }
    var approximatePhrases: [FoldedPhrase] { storage.approximatePhrases }
    var estimatePhrases: [FoldedPhrase] { storage.estimatePhrases }
    var approximateSuffixPhrases: [FoldedPhrase] { storage.approximateSuffixPhrases }
    var connectivePhrases: [FoldedPhrase] { storage.connectivePhrases }
    var nonExhaustivePhrases: [FoldedPhrase] { storage.nonExhaustivePhrases }
    var totalPhrases: [FoldedPhrase] { storage.totalPhrases }
    var comparisonPhrases: [FoldedPhrase] { storage.comparisonPhrases }
    var changePhrases: [FoldedPhrase] { storage.changePhrases }
    var sharePhrases: [FoldedPhrase] { storage.sharePhrases }
    var designatorPhrases: [FoldedPhrase] { storage.designatorPhrases }

    public init(
        units: [String: [String]],
        approximateHedges: [String] = [],
        estimateHedges: [String] = [],
        approximateSuffixes: [String] = [],
        connectives: [String] = [],
        nonExhaustiveMarkers: [String] = [],
        totalMarkers: [String] = [],
        comparisonMarkers: [String] = [],
        changeWords: [String] = [],
        shareVerbs: [String] = [],
        designators: [String] = []
    ) {
        storage = VocabularyStorage(
            units: units, approximateHedges: approximateHedges, estimateHedges: estimateHedges,
            approximateSuffixes: approximateSuffixes, connectives: connectives,
            nonExhaustiveMarkers: nonExhaustiveMarkers, totalMarkers: totalMarkers,
            comparisonMarkers: comparisonMarkers, changeWords: changeWords, shareVerbs: shareVerbs,
            designators: designators)
    }

    /// This vocabulary with `other`'s entries added (a province extending the defaults).
    public func extended(with other: Vocabulary) -> Vocabulary {
        // Extending an empty vocabulary (the start of every merge of rule sets) gives the same
        // entries in the same order: reuse the other's folded forms instead of folding again.
        if storage.isEmpty { return other }
        if other.storage.isEmpty { return self }
        var mergedUnits = units
        for (name, spellings) in other.units {
            mergedUnits[name, default: []].append(contentsOf: spellings)
        }
        return Vocabulary(
            units: mergedUnits,
            approximateHedges: approximateHedges + other.approximateHedges,
            estimateHedges: estimateHedges + other.estimateHedges,
            approximateSuffixes: approximateSuffixes + other.approximateSuffixes,
            connectives: connectives + other.connectives,
            nonExhaustiveMarkers: nonExhaustiveMarkers + other.nonExhaustiveMarkers,
            totalMarkers: totalMarkers + other.totalMarkers,
            comparisonMarkers: comparisonMarkers + other.comparisonMarkers,
            changeWords: changeWords + other.changeWords,
            shareVerbs: shareVerbs + other.shareVerbs,
            designators: designators + other.designators)
    }

    /// The canonical unit of a spelling, if any (`hs` → `hồ sơ`).
    public func canonicalUnit(_ spelling: String) -> String? {
        let phrase = FoldedPhrase(nfc(spelling))
        guard let first = phrase.scalars.first, let candidates = unitsByFirstScalar[first] else { return nil }
        return candidates.first { unitPhrases[$0].scalars == phrase.scalars }.map { unitCanonical[$0] }
    }

    /// Longest unit spelling at `start`: (end, canonical).
    func unit(in text: ScalarText, at start: Int, glued: Bool) -> (end: Int, canonical: String)? {
        guard start < text.count else { return nil }
        let storage = self.storage
        let first = text.folded[start]
        // The candidates of `unitsByFirstScalar[first]`, in its order, from a bucket table
        // instead of a dictionary lookup. The second scalar is tested here, so that most
        // spellings are not matched at all (a space stands for a run of whitespace and is left
        // to `match`).
        let next = start + 1 < text.count ? text.folded[start + 1] : UInt32.max
        let bucket = Int(first & 63)
        for k in storage.unitStart[bucket]..<storage.unitStart[bucket + 1] {
            let entry = storage.unitEntries[k]
            guard entry.scalar == first else { continue }
            if entry.next != PhraseIndex.none && entry.next != 0x20 && entry.next != next { continue }
            // Matched on the spellings' scalars laid end to end: no `FoldedPhrase` copied per try.
            let end = storage.unitFlat.withUnsafeBufferPointer { flat in
                text.folded.withUnsafeBufferPointer { folded in
                    text.scalars.withUnsafeBufferPointer { scalars in
                        matchSpan(storage.unitSpans[entry.index], of: flat, at: start, folded: folded, scalars: scalars,
                                  glued: glued)
                    }
                }
            }
            if let end { return (end, storage.unitCanonical[entry.index]) }
        }
        return nil
    }

    static let percentUnit = "%"

    /// Defaults for the reports of a Sở / UBND; rule sets extend them.
    public static let standard = Vocabulary(
        units: [
            "%": ["%", "phần trăm"],
            "hồ sơ": ["hs", "hồ sơ"],
            "thuê bao": ["thuê bao", "TB"],
            "đơn vị": ["đơn vị", "đv"],
            "tin bài": ["tin bài", "tin, bài", "tin/bài", "tin - bài"],
            "tin": ["tin"],
            "bài": ["bài", "bài viết"],
            "tác phẩm": ["tác phẩm"],
            "chương trình": ["chương trình"],
            "đồng": ["đồng", "đ", "VNĐ", "VND"],
            "USD": ["USD", "đô la Mỹ"],
            "người": ["người"],
            "lượt": ["lượt", "lượt người", "lượt truy cập"],
            "văn bản": ["văn bản"],
            "doanh nghiệp": ["doanh nghiệp", "DN"],
            "cơ quan": ["cơ quan"],
            "cơ sở": ["cơ sở"],
            "đại lý": ["đại lý"],
            "cửa hàng": ["cửa hàng"],
            "trường hợp": ["trường hợp"],
            "giấy phép": ["giấy phép"],
            "cuộc": ["cuộc"],
            "xã": ["xã"],
            "huyện": ["huyện"],
            "điểm": ["điểm"],
            "trạm": ["trạm", "trạm BTS"],
            "máy": ["máy", "máy tính"],
            "chữ ký số": ["chữ ký số", "chứng thư số"],
            "ca": ["ca"],
            "giờ": ["giờ", "h"],
            "km": ["km"],
            "ha": ["ha"],
            "tấn": ["tấn"],
            "học viên": ["học viên"],
            "lớp": ["lớp"],
            "cán bộ": ["cán bộ"],
            "số báo": ["số báo"],
            "kỳ": ["kỳ"],
            "vụ": ["vụ", "vụ việc"],
            "đơn": ["đơn", "đơn thư"],
        ],
        approximateHedges: ["khoảng", "gần", "hơn", "trên", "dưới", "xấp xỉ", "chừng", "ngót", "tầm", "trên dưới"],
        estimateHedges: ["ước đạt", "ước tính", "ước", "ước thực hiện", "dự ước", "dự kiến"],
        approximateSuffixes: ["trở lên", "trở xuống", "có lẻ"],
        connectives: ["trong đó", "gồm", "bao gồm", "gồm có"],
        nonExhaustiveMarkers: ["trong đó có", "một số", "chủ yếu", "như", "chẳng hạn", "v.v", "vv", "...", "…", "điển hình"],
        totalMarkers: ["tổng số", "tổng cộng", "tổng"],
        comparisonMarkers: ["so với", "cùng kỳ", "tháng trước", "năm trước", "kỳ trước", "quý trước",
                            "kế hoạch", "lũy kế", "luỹ kế", "chỉ tiêu"],
        changeWords: ["tăng", "giảm"],
        shareVerbs: ["đạt", "chiếm", "chiếm tỷ lệ", "chiếm tỉ lệ", "đạt tỷ lệ", "đạt tỉ lệ", "tỷ lệ", "tỉ lệ"],
        designators: ["thứ", "lần", "đợt", "khóa", "khoá", "điều", "khoản", "chương", "mục", "phụ lục",
                      "số", "ngày", "tháng", "quý", "tuần", "năm", "giai đoạn", "niên khóa", "niên khoá",
                      "kỳ họp", "phiên", "tầng", "phòng", "lô", "quốc lộ", "tỉnh lộ", "đường"])
}

/// Shared, immutable storage: a `Vocabulary` is passed to every paragraph scan, and copying one
/// reference is cheaper than copying two dozen arrays.
final class VocabularyStorage: Sendable {
    let units: [String: [String]]
    let approximateHedges: [String]
    let estimateHedges: [String]
    let approximateSuffixes: [String]
    let connectives: [String]
    let nonExhaustiveMarkers: [String]
    let totalMarkers: [String]
    let comparisonMarkers: [String]
    let changeWords: [String]
    let shareVerbs: [String]
    let designators: [String]

    /// No units and no words at all.
    var isEmpty: Bool {
        units.isEmpty && approximateHedges.isEmpty && estimateHedges.isEmpty && approximateSuffixes.isEmpty
            && connectives.isEmpty && nonExhaustiveMarkers.isEmpty && totalMarkers.isEmpty && comparisonMarkers.isEmpty
            && changeWords.isEmpty && shareVerbs.isEmpty && designators.isEmpty
    }

    // Folded forms, built once.
    let unitPhrases: [FoldedPhrase]
    let unitCanonical: [String]
    let unitsByFirstScalar: [UInt32: [Int]]
    /// `unitsByFirstScalar` as buckets by first scalar & 63: `unitEntries[unitStart[b]..<unitStart[b + 1]]`,
    /// each key's spellings in the dictionary's order, as (first scalar, second scalar or
    /// `PhraseIndex.none`, phrase index).
    let unitStart: [Int]
    let unitEntries: [(scalar: UInt32, next: UInt32, index: Int)]
    /// The scalars of `unitPhrases` one after another, and where each phrase's are.
    let unitFlat: [UInt32]
    let unitSpans: [PhraseSpan]
    let approximatePhrases: [FoldedPhrase]
    let estimatePhrases: [FoldedPhrase]
    let approximateSuffixPhrases: [FoldedPhrase]
    let connectivePhrases: [FoldedPhrase]
    let nonExhaustivePhrases: [FoldedPhrase]
    let totalPhrases: [FoldedPhrase]
    let comparisonPhrases: [FoldedPhrase]
    let changePhrases: [FoldedPhrase]
    let sharePhrases: [FoldedPhrase]
    let designatorPhrases: [FoldedPhrase]
    /// For each designator phrase: its value limit (`ngày` ≤ 31), whether it names a year, and
    /// whether it is `số` (which `tổng số` turns into a total).
    let designatorKinds: [(limit: Int?, isYear: Bool, isNumber: Bool)]
    /// The phrase lists breakdowns search, joined once rather than per paragraph.
    let breakdownStopPhrases: [FoldedPhrase]
    let breakdownPredicatePhrases: [FoldedPhrase]
    let comparisonOrChangePhrases: [FoldedPhrase]
    /// The lists searched at every number and in every breakdown, indexed once.
    let designatorIndex: PhraseIndex
    let approximateIndex: PhraseIndex
    let estimateIndex: PhraseIndex
    let approximateSuffixIndex: PhraseIndex
    let connectiveIndex: PhraseIndex
    /// For each connective phrase, whether `partitionConnectives` holds it (`gồm` claims a
    /// partition, `trong đó` need not): looked up once here, not hashed per breakdown.
    let connectiveIsPartition: [Bool]
    let nonExhaustiveIndex: PhraseIndex
    let shareIndex: PhraseIndex
    let breakdownStopIndex: PhraseIndex
    let breakdownPredicateIndex: PhraseIndex
    let comparisonOrChangeIndex: PhraseIndex

    init(
        units: [String: [String]],
        approximateHedges: [String] = [],
        estimateHedges: [String] = [],
        approximateSuffixes: [String] = [],
        connectives: [String] = [],
        nonExhaustiveMarkers: [String] = [],
        totalMarkers: [String] = [],
        comparisonMarkers: [String] = [],
        changeWords: [String] = [],
        shareVerbs: [String] = [],
        designators: [String] = []
    ) {
        self.units = units
        self.approximateHedges = approximateHedges
        self.estimateHedges = estimateHedges
        self.approximateSuffixes = approximateSuffixes
        self.connectives = connectives
        self.nonExhaustiveMarkers = nonExhaustiveMarkers
        self.totalMarkers = totalMarkers
        self.comparisonMarkers = comparisonMarkers
        self.changeWords = changeWords
        self.shareVerbs = shareVerbs
        self.designators = designators

        var phrases: [FoldedPhrase] = []
        var canonical: [String] = []
        for name in units.keys.sorted() {
            let nfcName = nfc(name)
            for spelling in Set([name] + (units[name] ?? [])).sorted() {
                let phrase = FoldedPhrase(nfc(spelling))
                guard !phrase.scalars.isEmpty else { continue }
                phrases.append(phrase)
                canonical.append(nfcName)
            }
        }
        var byFirst: [UInt32: [Int]] = [:]
        for (index, phrase) in phrases.enumerated() {
            byFirst[phrase.scalars[0], default: []].append(index)
        }
        // Longest spelling first, so `tin, bài` wins over `tin`.
        for key in byFirst.keys {
            byFirst[key]!.sort { phrases[$0].scalars.count > phrases[$1].scalars.count }
        }
        unitPhrases = phrases
        unitCanonical = canonical
        unitsByFirstScalar = byFirst
        // Counted per bucket, then each key's spellings placed in the dictionary's order.
        var unitStart = [Int](repeating: 0, count: 65)
        for (key, indices) in byFirst { unitStart[Int(key & 63) + 1] += indices.count }
        for bucket in 0..<64 { unitStart[bucket + 1] += unitStart[bucket] }
        var unitEntries = [(scalar: UInt32, next: UInt32, index: Int)](repeating: (0, 0, 0), count: unitStart[64])
        var fill = unitStart
        for (key, indices) in byFirst {
            for index in indices {
                let p = phrases[index].scalars
                unitEntries[fill[Int(key & 63)]] = (key, p.count > 1 ? p[1] : PhraseIndex.none, index)
                fill[Int(key & 63)] += 1
            }
        }
        self.unitStart = unitStart
        self.unitEntries = unitEntries
        (self.unitFlat, self.unitSpans) = PhraseSpan.flatten(phrases)

        func fold(_ list: [String]) -> [FoldedPhrase] {
            list.map { FoldedPhrase(nfc($0)) }.filter { !$0.scalars.isEmpty }
        }
        approximatePhrases = fold(approximateHedges)
        estimatePhrases = fold(estimateHedges)
        approximateSuffixPhrases = fold(approximateSuffixes)
        connectivePhrases = fold(connectives)
        nonExhaustivePhrases = fold(nonExhaustiveMarkers)
        totalPhrases = fold(totalMarkers)
        comparisonPhrases = fold(comparisonMarkers)
        changePhrases = fold(changeWords)
        sharePhrases = fold(shareVerbs)
        designatorPhrases = fold(designators)
        designatorKinds = designatorPhrases.map { phrase in
            (designatorLimits[phrase], yearDesignators.contains(phrase), phrase == numberDesignator)
        }
        breakdownStopPhrases = comparisonPhrases + changePhrases + totalPhrases
        breakdownPredicatePhrases = aspectMarkers + comparisonPhrases + changePhrases + sharePhrases
        comparisonOrChangePhrases = comparisonPhrases + changePhrases
        designatorIndex = PhraseIndex(designatorPhrases)
        approximateIndex = PhraseIndex(approximatePhrases)
        estimateIndex = PhraseIndex(estimatePhrases)
        approximateSuffixIndex = PhraseIndex(approximateSuffixPhrases)
        connectiveIndex = PhraseIndex(connectivePhrases)
        connectiveIsPartition = connectivePhrases.map { partitionConnectives.contains($0) }
        nonExhaustiveIndex = PhraseIndex(nonExhaustivePhrases)
        shareIndex = PhraseIndex(sharePhrases)
        breakdownStopIndex = PhraseIndex(breakdownStopPhrases)
        breakdownPredicateIndex = PhraseIndex(breakdownPredicatePhrases)
        comparisonOrChangeIndex = PhraseIndex(comparisonOrChangePhrases)
    }
}

/// `text` in NFC. Text made only of scalars that are their own NFC form and never compose with
/// a neighbour (ASCII, Latin-1, Latin Extended-A/B, Latin Extended Additional: all precomposed
/// Vietnamese; dashes, quotes, bullets and `…`) is returned as it is; Foundation's normalisation cost a fraction of a
/// millisecond per process for the default vocabulary alone.
func nfc(_ text: String) -> String {
    if isStableNFC(text) { return text }
    return text.precomposedStringWithCanonicalMapping
}

func isStableNFC(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { s in
        let v = s.value
        return v == 0x09 || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0x24F) || (v >= 0x1E00 && v <= 0x1EFF)
            || (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x203E)
    }
}
