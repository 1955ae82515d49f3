import Foundation

/// Bounds how many bcrypt checks (sign-ins, and hashing a new user's password) run at once.
/// Bcrypt is meant to be slow (about a quarter of a second at cost 12); a dozen at once would
/// take both cores from every page. Extra ones wait their turn; past `queue` waiting, a
/// sign-in is refused with a "try again" page (503, Retry-After) rather than piling up.
/// A known and an unknown username pass through the same gate, so neither waits differently.
public actor PasswordCheckGate {
    public let atOnce: Int
    public let queue: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// On this machine's 2 cores: one check at a time, so one core is always left for pages.
    public init(atOnce: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2), queue: Int = 16) {
        self.atOnce = max(1, atOnce)
        self.queue = max(0, queue)
    }

    /// Takes a place, waiting for one if all are taken; throws `WebError.busy` when the queue is full.
    public func enter() async throws {
        if running < atOnce {
            running += 1
            return
        }
        guard waiting.count < queue else { throw WebError.busy }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives the place to the next in line, or frees it.
    public func leave() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }

    /// Runs `work` holding a place. The work itself runs on the caller's executor (the blocking
    /// pool), not on this actor.
    nonisolated func run<T>(_ work: () throws -> T) async throws -> T {
        try await enter()
        do {
            let result = try work()
            await leave()
            return result
        } catch {
            await leave()
            throw error
        }
    }

    /// How many hold a place and how many wait (for tests and the log).
    public var load: (running: Int, waiting: Int) { (running, waiting.count) }
}
