#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Installs `handler` for `signal` with `sigaction`: no flags (a blocking read is interrupted rather
/// than restarted, so a loop waiting on input notices the signal), nothing masked.
///
/// The one place that knows each C library's name for the handler field: glibc calls it
/// `__sigaction_handler.sa_handler`, Darwin `__sigaction_u.__sa_handler`.
package func installSignalHandler(_ signal: Int32, _ handler: (@convention(c) (Int32) -> Void)?) {
    var action = sigaction()
    #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = handler
    #else
        action.__sigaction_handler.sa_handler = handler
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(signal, &action, nil)
}

/// Puts the default action back for `signal` (from a signal handler too: only `sigaction` is called).
package func restoreDefaultSignalHandler(_ signal: Int32) {
    installSignalHandler(signal, SIG_DFL)
}
