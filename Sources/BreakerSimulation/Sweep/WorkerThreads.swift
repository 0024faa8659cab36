import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Threads of their own for CPU-bound work, off Swift concurrency's cooperative pool.
///
/// A sweep keeps every core busy for seconds or minutes. On the cooperative pool (one thread per
/// core) it would leave no thread for a task that must stay responsive, such as the `--tui` screen's
/// key loop; on threads of its own it competes for cores but never starves the pool.
package enum WorkerThreads {
    /// Calls `body(index)` for every index in `0..<count` on `threads` threads (at least 1), each thread
    /// taking the next index when it is done; returns when every call has returned.
    package static func forEach(count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        withoutActuallyEscaping(body) { body in
            let next = Atomic<Int>(0)
            let work: @Sendable () -> Void = {
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    if index >= count { return }
                    body(index)
                }
            }
            // A thread the system refuses is simply not there: this one takes its share.
            let spawned = (0..<(min(max(1, threads), count) - 1)).compactMap { _ in DetachedThread(work) }
            work()
            for thread in spawned { thread.join() }
        }
    }
}

/// One POSIX thread running a closure, joined explicitly (once; a second `join` returns at once).
package final class DetachedThread: Sendable {
    private struct Handle: @unchecked Sendable {
        // Checked by hand: the handle is written once, before `init` returns, and read only by the one
        // `join` that wins `joined`.
        var thread: pthread_t
    }

    private final class Context: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private let handle: Handle
    private let joined = Atomic<Bool>(false)

    /// Starts `body` on a new thread; `nil` when the system refuses one (then `body` has not run).
    package init?(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Context(body))
        #if canImport(Darwin)
            var thread: pthread_t?
        #else
            var thread = pthread_t()
        #endif
        let started = pthread_create(
            &thread, nil,
            { raw in
                #if canImport(Darwin)
                    let context = Unmanaged<Context>.fromOpaque(raw).takeRetainedValue()
                #else
                    guard let raw else { return nil }
                    let context = Unmanaged<Context>.fromOpaque(raw).takeRetainedValue()
                #endif
                context.body()
                return nil
            }, context.toOpaque())
        guard started == 0 else {
            // The thread never ran, so the context's retain is still ours to give back.
            context.release()
            return nil
        }
        #if canImport(Darwin)
            guard let thread else { preconditionFailure("pthread_create succeeded without a thread") }
        #endif
        handle = Handle(thread: thread)
    }

    /// Waits for the thread's closure to return.
    package func join() {
        guard
            joined.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        pthread_join(handle.thread, nil)
    }
}

/// The cores a CPU quota grants, from the cgroup files that state it (the command line reads the files).
package enum CPUQuota {
    /// cgroup v2's `cpu.max`, "QUOTA PERIOD" in microseconds ("max PERIOD" for none): the quota rounded
    /// up to whole cores; `nil` without a quota or for text that is not one.
    package static func cores(cpuMax: String) -> Int? {
        let fields = cpuMax.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 2, let period = Int(fields[1]) else { return nil }
        return cores(quota: Int(fields[0]), period: period)
    }

    /// cgroup v1's `cpu.cfs_quota_us` (-1 for none) and `cpu.cfs_period_us`.
    package static func cores(quota: String, period: String) -> Int? {
        func number(_ text: String) -> Int? { Int(text.split(whereSeparator: { $0 == "\n" }).first ?? "") }
        guard let period = number(period) else { return nil }
        return cores(quota: number(quota), period: period)
    }

    /// A CPU list as Linux writes it ("0-3,8,10-11", spaces and tabs around it ignored): how many CPUs
    /// it names; `nil` for text that is not one.
    package static func cores(allowedList: String) -> Int? {
        let text = allowedList.filter { $0 != " " && $0 != "\t" && $0 != "\n" }
        guard !text.isEmpty else { return nil }
        var count = 0
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let low = Int(ends[0]), let high = Int(ends[ends.count - 1]),
                low >= 0, low <= high
            else { return nil }
            count += high - low + 1
        }
        return count
    }

    private static func cores(quota: Int?, period: Int) -> Int? {
        guard let quota, quota > 0, period > 0 else { return nil }
        return max(1, (quota + period - 1) / period)
    }
}
