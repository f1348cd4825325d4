import Foundation
import FuzzTargets

@main struct Entry {
    static func main() { exit(FuzzDriver.run(FuzzTargets.report)) }
}
