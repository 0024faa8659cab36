// ThreadSanitizer cannot see the synchronisation inside `Synchronization.Mutex` on Linux (its futex
// calls happen in the uninstrumented standard library), so it would report every access made under
// the lock as a race. Builds for the ThreadSanitizer run define BREAKER_CORE_TSAN and tell it about
// each acquisition and release explicitly; other builds compile none of this.

#if BREAKER_CORE_TSAN
    @usableFromInline
    @_silgen_name("__tsan_acquire")
    func tsanAcquire(_ address: UnsafeMutableRawPointer)

    @usableFromInline
    @_silgen_name("__tsan_release")
    func tsanRelease(_ address: UnsafeMutableRawPointer)
#endif
