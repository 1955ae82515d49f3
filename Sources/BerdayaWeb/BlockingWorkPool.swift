import Foundation
import Hummingbird

/// Threads of the web app's own for work that blocks: SQLite through GRDB (synchronous, and a
/// write may wait up to the busy timeout for another program's lock) and bcrypt. Swift's
/// cooperative pool has one thread per core (two here); a handler that blocks one of them
/// stalls every request scheduled there, so one slow sign-in slowed every page. Each request
/// runs with a preference for this executor instead (`OffBlockingPool`), so a blocked thread
/// is one of these and the cooperative threads stay free to accept and answer.
public final class BlockingWorkPool: TaskExecutor, @unchecked Sendable {
    /// Enough threads that a few blocked on SQLite or bcrypt leave others for pages; jobs
    /// beyond them queue here, never on the cooperative pool.
    public static let shared = BlockingWorkPool(threads: max(8, 4 * ProcessInfo.processInfo.activeProcessorCount))

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    public let threads: Int

    /// Starts `threads` threads that run the jobs given to the pool, one at a time each, for the
    /// life of the process.
    public init(threads: Int) {
        self.threads = threads
        for index in 0..<threads {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "berdaya-blocking-\(index)"
            thread.start()
        }
    }

    /// Queues `job` for the next free thread of the pool; jobs start in the order they came.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Whether the calling code runs on one of these threads (for tests and assertions).
    public static var isCurrentThreadInPool: Bool { Thread.current.threadDictionary[threadMark] as? Bool == true }
    private static let threadMark = "berdaya.blocking-work-pool"

    private func work() {
        Thread.current.threadDictionary[Self.threadMark] = true
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            // Reclaim the consumed prefix now and then, not on every job.
            if head == jobs.count { jobs.removeAll(keepingCapacity: true); head = 0 } else if head > 1024 { jobs.removeFirst(head); head = 0 }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs every request (its middleware, handler and the blocking calls in them) on
/// `BlockingWorkPool` rather than on the cooperative threads.
struct OffBlockingPool<Context: RequestContext>: RouterMiddleware {
    let pool: BlockingWorkPool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(pool) { try await next(request, context) }
    }
}
