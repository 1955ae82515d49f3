import BerdayaKit
import Foundation

/// The scrypt cost this run seals backups and recovery sheets with: always the standard one
/// (`SealedFile.Cost.standard`, about a second and 128 MiB) in a release build. A debug build,
/// which only developers and the test suite run, honours `BERDAYA_DEBUG_SCRYPT_LOG2N` (10-17)
/// so the command-line tests can make dozens of backups quickly; every file keeps its cost in
/// its header, so it opens whatever cost it was made with.
enum SealingCost {
    static func forThisRun(_ environment: [String: String]) -> SealedFile.Cost {
        #if DEBUG
        if let text = environment["BERDAYA_DEBUG_SCRYPT_LOG2N"], let log2N = UInt8(text), (10...17).contains(log2N) {
            return SealedFile.Cost(log2N: log2N, blockSize: 8, parallelism: 1)
        }
        #endif
        return .standard
    }
}
