import Foundation
import CPCRE2
import Synchronization

/// A compiled PCRE2 regular expression (UTF + UCP, JIT when available), matched over the UTF-8
/// bytes of a line. UCP makes `\b` and `\w` understand đ, ư, ơ. Compiled once per rule and
/// shared read-only by every thread; each thread reuses one match data for every pattern
/// (`MatchDataCache`), so a match allocates nothing unless it reports capture groups.
public final class Pattern: @unchecked Sendable {
    public let source: String
    public let caseInsensitive: Bool
    /// The compiled pattern, matched by PCRE2's interpreter until `jitCode` exists.
    private let code: OpaquePointer
    private let context: OpaquePointer?
    /// A JIT-compiled copy of `code` (its address; 0 until made). JIT compilation costs about
    /// as much as a hundred interpreted matches of a line, and a run compiles every rule's
    /// patterns at start-up while a hook run on one short report matches many of them a few
    /// times or never: so a pattern is JIT-compiled once it has been matched `jitAfter` times.
    /// The copy is published once and never changes; matches then go straight to
    /// `pcre2_jit_match`, which skips the checks `pcre2_match` makes before calling it.
    private let jitCode = Atomic<Int>(0)
    private let uses = Atomic<Int>(0)
    static let jitAfter = 64
    /// Capture groups plus the whole match: the ovector pairs a match data needs.
    private let pairs: Int
    /// PCRE2's lower bound on the length of a match (`PCRE2_INFO_MINLENGTH`), which it compares
    /// with the subject's length in code units before any match attempt: a subject shorter than
    /// this is no match, found here without the call (0 when PCRE2 makes no such check).
    public let minimumLength: Int

    public struct CompileError: Error, Sendable, Equatable {
        public let message: String
        /// Offset in the pattern, in Unicode scalars, where PCRE2 stopped.
        public let offset: Int
    }

    /// A match gave up: catastrophic backtracking hit the match limit, or the heap limit.
    public struct MatchError: Error, Sendable, Equatable {
        public let message: String
    }

    /// Limits that stop catastrophic backtracking (`(a+)+$` on a long line) in well under a second.
    static let matchLimit: UInt32 = 5_000_000
    static let depthLimit: UInt32 = 100_000

    public convenience init(_ pattern: String, caseInsensitive: Bool = false) throws(CompileError) {
        try self.init(pattern, caseInsensitive: caseInsensitive, lengthCheck: true)
    }

    /// `lengthCheck: false` leaves even the shortest subject to PCRE2 (the tests' reference).
    init(_ pattern: String, caseInsensitive: Bool, lengthCheck: Bool) throws(CompileError) {
        let nfc = pattern.precomposedForMatching
        source = pattern
        self.caseInsensitive = caseInsensitive
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        var options = UInt32(PCRE2_UTF | PCRE2_UCP)
        if caseInsensitive { options |= UInt32(PCRE2_CASELESS) }
        let compiled = nfc.withCString { pointer in
            pcre2_compile_8(
                UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), nfc.utf8.count,
                options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
            let message = length > 0 ? String(decoding: buffer[0..<Int(length)], as: UTF8.self) : "invalid pattern"
            throw CompileError(message: message, offset: nfc.column(ofUTF8Offset: errorOffset) - 1)
        }
        code = compiled
        var captureCount: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captureCount)
        pairs = Int(captureCount) + 1
        var minimumLength: UInt32 = 0
        var allOptions: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_MINLENGTH), &minimumLength)
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_ALLOPTIONS), &allOptions)
        // `(*NO_START_OPT)` turns the check off.
        self.minimumLength = !lengthCheck || allOptions & UInt32(PCRE2_NO_START_OPTIMIZE) != 0 ? 0 : Int(minimumLength)
        context = pcre2_match_context_create_8(nil)
        if let context {
            pcre2_set_match_limit_8(context, Pattern.matchLimit)
            pcre2_set_depth_limit_8(context, Pattern.depthLimit)
        }
    }

    deinit {
        pcre2_code_free_8(code)
        if let jit = OpaquePointer(bitPattern: jitCode.load(ordering: .acquiring)) { pcre2_code_free_8(jit) }
        if let context { pcre2_match_context_free_8(context) }
    }

    /// A pattern that matches `text` literally (rule authors may give plain text instead of a regex).
    public static func literal(_ text: String, caseInsensitive: Bool = true) -> Pattern {
        // \Q...\E cannot contain \E itself; escape metacharacters instead.
        var escaped = ""
        for scalar in text.unicodeScalars {
            if "\\^$.|?*+()[]{}".unicodeScalars.contains(scalar) { escaped.append("\\") }
            if scalar == " " { escaped += "\\s+"; continue }
            escaped.unicodeScalars.append(scalar)
        }
        // The escaped form of any string compiles.
        return try! Pattern(escaped, caseInsensitive: caseInsensitive)
    }

    /// The first match in `line` at or after the UTF-8 offset `start`, as a UTF-8 byte range.
    public func firstMatch(in line: String, from start: Int = 0) throws(MatchError) -> Range<Int>? {
        try withBytes(of: line) { buffer throws(MatchError) in try match(buffer, from: start) }
    }

    /// Every non-overlapping match in `line`, as UTF-8 byte ranges.
    public func allMatches(in line: String) throws(MatchError) -> [Range<Int>] {
        try withBytes(of: line) { buffer throws(MatchError) in try allMatches(in: buffer) }
    }

    /// The first match in the UTF-8 bytes `buffer` (valid UTF-8, as a Swift string's) at or
    /// after the offset `start`.
    public func firstMatch(in buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) throws(MatchError) -> Range<Int>? {
        try match(buffer, from: start)
    }

    /// Every non-overlapping match in the UTF-8 bytes `buffer` (valid UTF-8, as a Swift string's).
    public func allMatches(in buffer: UnsafeBufferPointer<UInt8>) throws(MatchError) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        while start <= buffer.count, let range = try match(buffer, from: start) {
            result.append(range)
            start = range.isEmpty ? nextScalarStart(buffer, after: range.upperBound) : range.upperBound
        }
        return result
    }

    public func matches(_ line: String) throws(MatchError) -> Bool {
        try firstMatch(in: line) != nil
    }

    /// The capture groups of the first match (group 0 is the whole match), as UTF-8 byte ranges;
    /// nil for a group that did not take part.
    public func captures(in line: String) throws(MatchError) -> [Range<Int>?]? {
        try withBytes(of: line) { buffer throws(MatchError) in try matchGroups(buffer, from: 0) }
    }

    private func withBytes<T>(
        of line: String, _ body: (UnsafeBufferPointer<UInt8>) throws(MatchError) -> T
    ) throws(MatchError) -> T {
        try Pattern.withUTF8(of: line, body)
    }

    /// `body` over the UTF-8 bytes of `line`, for the buffer forms of `firstMatch` and `allMatches`.
    @inlinable
    public static func withUTF8<T>(
        of line: String, _ body: (UnsafeBufferPointer<UInt8>) throws(MatchError) -> T
    ) throws(MatchError) -> T {
        var line = line
        // The closure given to `withUTF8` does not throw: an untyped rethrow made every match
        // measurably slower than carrying the typed error out in a Result.
        let result: Result<T, MatchError> = line.withUTF8 { buffer in
            do throws(MatchError) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private func nextScalarStart(_ buffer: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int {
        var next = offset + 1
        while next < buffer.count, buffer[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    private func match(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) throws(MatchError) -> Range<Int>? {
        // What pcre2_match and pcre2_jit_match find first (no match, no limit reached); an
        // offset past the end is left to them (an error).
        guard start > buffer.count || buffer.count - start >= minimumLength else { return nil }
        let matchData = try MatchDataCache.current(pairs: 1)
        guard try run(buffer, from: start, matchData) else { return nil }
        guard let ovector = pcre2_get_ovector_pointer_8(matchData) else { return nil }
        let lower = ovector[0], upper = ovector[1]
        return lower < 0 || upper < lower ? nil : Int(lower)..<Int(upper)
    }

    private func matchGroups(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) throws(MatchError) -> [Range<Int>?]? {
        guard start > buffer.count || buffer.count - start >= minimumLength else { return nil }
        let matchData = try MatchDataCache.current(pairs: pairs)
        guard try run(buffer, from: start, matchData) else { return nil }
        // Only this pattern's groups: a larger shared match data has more pairs than it has.
        let count = min(Int(pcre2_get_ovector_count_8(matchData)), pairs)
        guard let ovector = pcre2_get_ovector_pointer_8(matchData) else { return nil }
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(count)
        for i in 0..<count {
            let lower = ovector[2 * i], upper = ovector[2 * i + 1]
            // PCRE2_UNSET (all bits set) marks a group that did not take part; size_t arrives as Int.
            groups.append(lower < 0 || upper < lower ? nil : Int(lower)..<Int(upper))
        }
        return groups
    }

    /// The JIT-compiled copy of the pattern, if it is made (counting this use towards it).
    private func jitCompiled() -> OpaquePointer? {
        if let jit = OpaquePointer(bitPattern: jitCode.load(ordering: .acquiring)) { return jit }
        // Exactly one thread sees the count reach the threshold and compiles; the others keep
        // to the interpreter meanwhile. JIT compilation changes the code it is given, so it
        // works on a copy that no other thread is matching with.
        guard uses.wrappingAdd(1, ordering: .relaxed).newValue == Pattern.jitAfter,
              let copy = pcre2_code_copy_8(code) else { return nil }
        // JIT is an optimisation only: a platform without it keeps the interpreter.
        guard pcre2_jit_compile_8(copy, UInt32(PCRE2_JIT_COMPLETE)) == 0 else {
            pcre2_code_free_8(copy)
            return nil
        }
        jitCode.store(Int(bitPattern: copy), ordering: .releasing)
        return copy
    }

    /// One match attempt into `matchData`; false for no match.
    private func run(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, _ matchData: OpaquePointer) throws(MatchError) -> Bool {
        // An empty Swift string may have no storage; PCRE2 needs a non-null subject pointer.
        var empty: UInt8 = 0
        let jit = jitCompiled()
        let rc = withUnsafePointer(to: &empty) { emptyPointer in
            let subject = buffer.baseAddress ?? emptyPointer
            // Swift strings are valid UTF-8 by construction; without NO_UTF_CHECK PCRE2 validates
            // the whole subject on every call, which made many matches in one long line quadratic.
            // (pcre2_jit_match never checks, and honours the match context's limits like pcre2_match.)
            if let jit {
                return pcre2_jit_match_8(jit, subject, buffer.count, start, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
            }
            return pcre2_match_8(code, subject, buffer.count, start, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
        }
        if rc == PCRE2_ERROR_NOMATCH { return false }
        if rc < 0 {
            var message = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(rc, &message, message.count)
            throw MatchError(message: length > 0 ? String(decoding: message[0..<Int(length)], as: UTF8.self) : "match failed")
        }
        return true
    }
}

/// One PCRE2 match data per thread, shared by every pattern matched on that thread and grown
/// when a pattern has more capture groups than it holds. Creating and freeing a match data per
/// match was a malloc and a free for each of the hundreds of thousands of matches of a run.
enum MatchDataCache {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            if let pointer { pcre2_match_data_free_8(OpaquePointer(pointer)) }
        }
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()

    /// The smallest number of pairs a cached match data has: most patterns have a few groups.
    static let minimumPairs = 16

    static func current(pairs: Int) throws(Pattern.MatchError) -> OpaquePointer {
        let key = key
        if let pointer = pthread_getspecific(key) {
            let matchData = OpaquePointer(pointer)
            if Int(pcre2_get_ovector_count_8(matchData)) >= pairs { return matchData }
            pthread_setspecific(key, nil)
            pcre2_match_data_free_8(matchData)
        }
        guard let matchData = pcre2_match_data_create_8(UInt32(max(pairs, minimumPairs)), nil) else {
            throw Pattern.MatchError(message: "out of memory")
        }
        pthread_setspecific(key, UnsafeMutableRawPointer(matchData))
        return matchData
    }
}

extension String {
    /// Rule patterns and report text are compared in NFC.
    public var precomposedForMatching: String {
        utf8.contains { $0 == 0xCC || $0 == 0xCD } ? precomposedStringWithCanonicalMapping : self
    }

    /// The text of a UTF-8 byte range.
    /// Offsets past the end are clamped: a wrong range yields less text, never a crash.
    public func substring(utf8 range: Range<Int>) -> String {
        let u = utf8
        let start = u.index(u.startIndex, offsetBy: max(0, range.lowerBound), limitedBy: u.endIndex) ?? u.endIndex
        let end = u.index(start, offsetBy: range.count, limitedBy: u.endIndex) ?? u.endIndex
        return String(Substring(u[start..<end]))
    }
}
