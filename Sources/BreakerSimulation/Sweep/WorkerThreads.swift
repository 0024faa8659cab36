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
