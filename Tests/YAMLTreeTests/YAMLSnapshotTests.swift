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
            {1,1,3,1,7,2
            p1,1,1,2,1,1:a
            [1,4,1,12,3,2
            p1,5,1,6,1,1:x
            q1,8,1,11,1,2:é
            p2,1,2,2,1,1:b
            {2,4,2,6,1,0
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
        #expect(YAMLSnapshot.decode(good + "\np1,1,1,2,1,1:a") == nil)
        #expect(YAMLSnapshot.decode(good + "x") == nil)
        for garbage in ["", "\n", "x", "p", "p1", "p1,1,1,2,1,1", "p1,1,1,2,1,1:", "p1,1,1,2,1,1:ab", "p1,1,1,2,1,2:a",
                        "p1,1,1,2,1,-1:a", "p1,1,1,2,1,1a", "p1,,1,2,1,1:a", "p,1,1,2,1,1:a", "p1,1,1,2,1,1;a",
                        "p1,1,1,2,1,99999999999999999999:a", "p1,1,1,2,1,9223372036854775807:a",
                        "p99999999999999999999,1,1,2,1,1:a", "p--1,1,1,2,1,1:a",
                        "P1,1,1,2,1,1:6", "P1,1,1,2,1,1:6g", "P1,1,1,2,1,1:61a", "P1,1,1,2,1,1:ff", "P1,1,1,2,1,2:c3",
                        "[1,1,1,2,1,1", "[1,1,1,2,1,1\n", "[1,1,1,2,1,2\np1,1,1,2,1,1:a", "{1,1,1,2,1,1\np1,1,1,2,1,1:a",
                        "[1,1,1,2,1,9223372036854775807\np1,1,1,2,1,1:a", "{1,1,1,2,1,0\n", "[1,1,1,2,1,0\n[1,1,1,2,1,0",
                        "x1,1,1,2,1,0", "\u{0}", "é", String(repeating: "[1,1,1,2,1,1\n", count: 100_000)] {
            #expect(YAMLSnapshot.decode(garbage) == nil, "\(garbage.prefix(40).debugDescription)")
        }
        // A wrong length in a good snapshot: the scalar "é" (2 bytes) said to be 1 or 3 bytes.
        let line = "q1,8,1,11,1,2:é"
        #expect(good.contains(line))
        for wrong in ["q1,8,1,11,1,1:é", "q1,8,1,11,1,3:é", "q1,8,1,11,1,0:é"] {
            #expect(YAMLSnapshot.decode(good.replacing(line, with: wrong)) == nil, "\(wrong)")
        }
        // A wrong count of items or pairs.
        let header = try #require(good.split(separator: "\n").first { $0.hasPrefix("[") })
        #expect(YAMLSnapshot.decode(good.replacing(header, with: header.dropLast() + "2")) == nil)
        #expect(YAMLSnapshot.decode(good.replacing(header, with: header.dropLast() + "4")) == nil)
        // Valid hex that is not UTF-8.
        #expect(YAMLSnapshot.decode("Q1,1,1,2,1,1:ff") == nil)
        #expect(YAMLSnapshot.decode("Q1,1,1,2,1,1:0d")?.scalar == "\r")
    }
}
