import SourceText
import Testing
@testable import YAMLTree

/// `YAMLSnapshot` keeps every part of a tree, and refuses malformed snapshots without trapping.
struct YAMLSnapshotTests {
    /// Why `a` and `b` differ (nil when they are equal in every field, scalar text compared
    /// byte for byte rather than up to canonical equivalence).
    func difference(_ a: YAMLNode, _ b: YAMLNode, at path: String = "root") -> String? {
        if a.range != b.range { return "\(path): range \(a.range) != \(b.range)" }
        if a.size != b.size { return "\(path): size \(a.size) != \(b.size)" }
        switch (a.value, b.value) {
        case let (.scalar(x, xPlain), .scalar(y, yPlain)):
            if !x.utf8.elementsEqual(y.utf8) { return "\(path): text \(x.debugDescription) != \(y.debugDescription)" }
            if xPlain != yPlain { return "\(path): plain \(xPlain) != \(yPlain)" }
            return nil
        case let (.sequence(x), .sequence(y)):
            if x.count != y.count { return "\(path): \(x.count) items != \(y.count)" }
            for (index, (p, q)) in zip(x, y).enumerated() {
                if let found = difference(p, q, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case let (.mapping(x), .mapping(y)):
            if x.count != y.count { return "\(path): \(x.count) pairs != \(y.count)" }
            for (index, (p, q)) in zip(x, y).enumerated() {
                if let found = difference(p.key, q.key, at: "\(path).key\(index)") { return found }
                if let found = difference(p.value, q.value, at: "\(path).value\(index)") { return found }
            }
            return nil
        default:
            return "\(path): \(a.kindDescription) != \(b.kindDescription)"
        }
    }

    func roundTrip(_ node: YAMLNode) throws {
        let snapshot = YAMLSnapshot.encode(node)
        #expect(!snapshot.contains("\"#") && !snapshot.contains("\\#") && !snapshot.utf8.contains(13))
        let decoded = try #require(YAMLSnapshot.decode(snapshot), "\(snapshot.debugDescription) does not decode")
        #expect(difference(node, decoded) == nil)
        #expect(YAMLSnapshot.encode(decoded) == snapshot)
    }

    func roundTrip(yaml: String) throws {
        try roundTrip(try #require(try YAMLParser.parse(yaml)))
    }

    func scalar(_ text: String, plain: Bool = true, size: Int = 1) -> YAMLNode {
        YAMLNode(.scalar(text, plain: plain), range: SourceRange(Location(line: 3, column: 7), Location(line: 4, column: 2)),
                 size: size)
    }

    @Test func format() throws {
        let root = try #require(try YAMLParser.parse("a: [x, \"é\"]\nb: {}\n"))
        #expect(YAMLSnapshot.encode(root) == """
            {113172
            p111211:a
            [141b232
            p151611:x
            q181b112:é
            p212211:b
            {242610
            """)
    }

    @Test func scalars() throws {
        try roundTrip(scalar(""))
        try roundTrip(scalar("", plain: false))
        try roundTrip(scalar("plain"))
        try roundTrip(scalar("quoted", plain: false))
        try roundTrip(scalar("two\nlines\n"))
        try roundTrip(scalar("\n"))
        try roundTrip(scalar("ends with a quote\""))
        try roundTrip(scalar("a \"\"\"#### b \"\"\"####"))
        try roundTrip(scalar("#### \"#"))
        try roundTrip(scalar("back\\slashes \\\\ \\n \\#(x) \\####(x) \\"))
        try roundTrip(scalar("tab\there, CR\r\nLF, NUL\u{0}, DEL\u{7F}, escape\u{1B}"))
        // Decomposed Vietnamese (combining marks) must stay decomposed, and precomposed stay precomposed.
        try roundTrip(scalar("Tie\u{302}\u{301}ng Vie\u{323}\u{302}t — Tiếng Việt"))
        try roundTrip(scalar("emoji 👩‍👩‍👧 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", plain: false))
        try roundTrip(scalar("x", size: 42))
        try roundTrip(scalar(String(repeating: "dài ", count: 10_000)))
    }

    @Test func extremeNumbers() throws {
        let range = SourceRange(Location(line: Int.min, column: -1), Location(line: Int.max, column: 0))
        try roundTrip(YAMLNode(.scalar("x", plain: true), range: range, size: Int.max))
        try roundTrip(YAMLNode(.sequence([]), range: range, size: Int.min))
    }

    @Test func collections() throws {
        let range = SourceRange(line: 1, column: 1, length: 3)
        try roundTrip(YAMLNode(.sequence([]), range: range))
        try roundTrip(YAMLNode(.mapping([]), range: range))
        try roundTrip(YAMLNode(.sequence([scalar("a"), YAMLNode(.sequence([scalar(""), YAMLNode(.mapping([]), range: range)]), range: range)]),
                               range: range, size: 5))
        // Keys that are not scalars are kept too (the parser refuses them, the type does not).
        try roundTrip(YAMLNode(.mapping([YAMLPair(key: YAMLNode(.sequence([scalar("k")]), range: range), value: scalar("v"))]),
                               range: range))
        var deep = scalar("bottom")
        for level in 0..<1_000 {
            deep = YAMLNode(level % 2 == 0 ? .sequence([deep]) : .mapping([YAMLPair(key: scalar("k"), value: deep)]), range: range)
        }
        #expect(YAMLSnapshot.decode(YAMLSnapshot.encode(deep))?.range == range)
    }

    @Test func parsedDocuments() throws {
        try roundTrip(yaml: """
            ruleset: x
            description: "Số liệu — \\"quoted\\" and 'single'"
            empty:
            quoted-empty: ""
            block: |
              line one
                indented
              line "\"\"####
            folded: >-
              a
              b
            flow: { a: [1, 2, [3, {b: c}]], "d": 'e' }
            rules:
              - id: a
                kind: pattern
                forbid: "\\\\d+ \\\\s"
              -
              - [nested, [deeper, [deepest]]]
            """)
        try roundTrip(yaml: "just a scalar")
        try roundTrip(yaml: "- Tie\u{302}\u{301}ng Vie\u{323}\u{302}t\n- 'Tiếng Việt'\n")
    }

    @Test func aliasesKeepTheirSize() throws {
        let root = try #require(try YAMLParser.parse("base: &b {x: [1, 2], y: z}\nother: *b\nlist: [*b, *b]\n"))
        #expect(root["other"]?.size == 7)
        #expect(root["list"]?.size == 15)
        try roundTrip(root)
        let decoded = try #require(YAMLSnapshot.decode(YAMLSnapshot.encode(root)))
        #expect(decoded["other"]?.size == 7)
        #expect(decoded.size == root.size)
    }

    @Test func malformedSnapshotsAreNil() throws {
        let root = try #require(try YAMLParser.parse("a: [x, \"é\", \"\\r\"]\nb: {c: d}\nlong: \(String(repeating: "ỹ", count: 40))\n"))
        let good = YAMLSnapshot.encode(root)
        #expect(YAMLSnapshot.decode(good) != nil)
        // Every truncation (at a scalar boundary: a String cannot end inside one).
        let scalars = good.unicodeScalars
        for end in scalars.indices {
            #expect(YAMLSnapshot.decode(String(scalars[..<end])) == nil, "truncated to \(scalars.distance(from: scalars.startIndex, to: end)) scalars")
        }
        // Extra text after the root.
        #expect(YAMLSnapshot.decode(good + "\n") == nil)
        #expect(YAMLSnapshot.decode(good + "\np111211:a") == nil)
        #expect(YAMLSnapshot.decode(good + "x") == nil)
        for garbage in ["", "\n", "x", "p", "p1", "p111211", "p111211:", "p111211:ab", "p111212:a",
                        "p11121-1:a", "p111211a", "p1,,1,2,1,1:a", "p,1,1,2,1,1:a", "p111211;a",
                        "p11121jjjjjjjjjjjjjjjjjjj9:a", "p11121jccddhcadgifehhfia7:a",
                        "pjjjjjjjjjjjjjjjjjjj911211:a", "p--1,1,1,2,1,1:a",
                        "P111211:6", "P111211:6g", "P111211:61a", "P111211:ff", "P111212:c3",
                        "[111211", "[111211\n", "[111212\np111211:a", "{111211\np111211:a",
                        "[11121jccddhcadgifehhfia7\np111211:a", "{111210\n", "[111210\n[111210",
                        "x1,1,1,2,1,0", "\u{0}", "é", String(repeating: "[111211\n", count: 100_000)] {
            #expect(YAMLSnapshot.decode(garbage) == nil, "\(garbage.prefix(40).debugDescription)")
        }
        // A wrong length in a good snapshot: the scalar "é" (2 bytes) said to be 1 or 3 bytes.
        let line = "q181b112:é"
        #expect(good.contains(line))
        for wrong in ["q181b111:é", "q181b113:é", "q181b110:é"] {
            #expect(YAMLSnapshot.decode(good.replacing(line, with: wrong)) == nil, "\(wrong)")
        }
        // A wrong count of items or pairs.
        let header = try #require(good.split(separator: "\n").first { $0.hasPrefix("[") })
        #expect(YAMLSnapshot.decode(good.replacing(header, with: header.dropLast() + "2")) == nil)
        #expect(YAMLSnapshot.decode(good.replacing(header, with: header.dropLast() + "4")) == nil)
        // Valid hex that is not UTF-8.
        #expect(YAMLSnapshot.decode("Q111211:ff") == nil)
        #expect(YAMLSnapshot.decode("Q111211:0d")?.scalar == "\r")
    }
}
