# For .ci/run (owned by the lead): paste after the benchmarks build step.

step "Examples: using BreakerCore in a service (Hummingbird + AsyncHTTPClient + Prometheus), end to end"
# Its own package, so that adopters of BreakerCore never build Hummingbird. The test starts a downstream
# and the service on loopback (ephemeral ports), makes the downstream hang, and checks the breaker.
swift build --package-path Examples --build-tests
swift test --package-path Examples --skip-build

step "DocC: BreakerCore's documentation builds without warnings"
swift package generate-documentation --target BreakerCore --warnings-as-errors > /tmp/breaker-core-docc.log 2>&1 \
    || { cat /tmp/breaker-core-docc.log; exit 1; }
