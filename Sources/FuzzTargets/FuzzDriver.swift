import Foundation

/// Runs one fuzz target. Built with `-DFUZZING -sanitize=fuzzer,address` (Benchmarks/fuzz.sh),
/// libFuzzer drives it; otherwise each argument is a saved input to replay once, which is how a
/// crash is reproduced after the fuzzer found it.
public enum FuzzDriver {
    nonisolated(unsafe) static var target: ([UInt8]) -> Void = { _ in }

    public static func run(_ target: @escaping ([UInt8]) -> Void) -> Int32 {
        FuzzDriver.target = target
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzDriver.target(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        }
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): cannot read\n".utf8))
                return 2
            }
            target(Array(data))
            print("\(path): ok")
        }
        return 0
        #endif
    }
}

#if FUZZING
typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: FuzzCallback) -> CInt

/// libFuzzer's own `main` refers to this symbol; SwiftPM's entry point runs the driver instead.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.target(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#endif
