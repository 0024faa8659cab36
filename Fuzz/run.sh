#!/usr/bin/env bash
# Fuzzes the scenario loader for a bounded time: Fuzz/run.sh [SECONDS] [libFuzzer flags...]
#
# Builds Fuzz/ with libFuzzer and AddressSanitizer (the loader instrumented too), seeds a corpus from
# scenarios/*.json, Tests/BreakerSimulationTests/BadScenarios/ and FuzzRegressions/, duration strings
# and --set overrides (each behind its mode byte: see Sources/ScenarioFuzzer/ScenarioFuzzer.swift),
# and runs one fuzzing process for SECONDS (default 300). The corpus grows in Fuzz/corpus/ from run
# to run; a crash, timeout, leak or OOM is written to Fuzz/crash-*, timeout-*, leak-* or oom-* and
# makes this script exit non-zero.
#
#   Fuzz/run.sh 0                  run the seeds and the corpus once, then stop (a regression check)
#   Fuzz/run.sh 0 Fuzz/crash-...   run just that input, to reproduce it (FUZZ_VERBOSE=1 prints the
#                                  overrides that a structured input stands for)
#   Fuzz/run.sh 600 -use_value_profile=1    other libFuzzer flags go after SECONDS
#
# Works from any directory; needs the Swift toolchain only (libFuzzer ships with it on Linux), and
# FUZZ_CONFIGURATION=debug for a debug build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
seconds="${1:-300}"
shift || true
caller="$PWD"
cd "$here"

# The parent's pins, so that dependencies resolve (from SwiftPM's cache) to what the main package uses;
# a fresh checkout has none until the main package has been built, and then SwiftPM resolves afresh.
if [ ! -f Package.resolved ] && [ -f "$root/Package.resolved" ]; then
    cp "$root/Package.resolved" Package.resolved
fi

# Release (-O keeps every overflow and bounds check; about 3x the executions of a debug build) unless
# FUZZ_CONFIGURATION=debug.
flags=(-c "${FUZZ_CONFIGURATION:-release}" -Xswiftc -sanitize=fuzzer,address)
echo "==> building the fuzzer (swift build ${flags[*]})"
# gold warns about every ASan helper it cannot export; only the real errors are worth showing.
mkdir -p .build
# SwiftPM plans the build of the parent package once and misses source files added to it (or moved)
# later; a changed list of those files makes it plan again.
stamp=.build/parent-sources
sources="$(cd "$root" && find Sources -name '*.swift' | LC_ALL=C sort)"
if [ "$sources" != "$(cat "$stamp" 2>/dev/null)" ]; then
    touch Package.swift
fi
if ! swift build "${flags[@]}" > .build/fuzz-build.log 2>&1; then
    grep -v "Cannot export local symbol" .build/fuzz-build.log | tail -40
    exit 1
fi
printf '%s' "$sources" > "$stamp"
fuzzer="$(swift build "${flags[@]}" --show-bin-path)/ScenarioFuzzer"

# Reproducing given inputs: run each once.
if [ "$#" -gt 0 ] && [ -f "$caller/$1" -o -f "$1" ]; then
    cd "$caller"
    SWIFT_BACKTRACE=enable=no exec "$fuzzer" -rss_limit_mb=2048 -timeout=5 "$@"
fi

echo "==> seeding"
seeds="$here/.build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds" corpus
# seed NAME: stdin becomes the seed file NAME.
seed() { cat > "$seeds/$1"; }
for f in "$root"/scenarios/*.json "$root"/Tests/BreakerSimulationTests/BadScenarios/* \
    "$root"/Tests/BreakerSimulationTests/FuzzRegressions/*.json; do
    [ -f "$f" ] || continue
    name="$(basename "$(dirname "$f")")-$(basename "$f")"
    { printf '0'; cat "$f"; } | seed "file-$name"
    { printf '3'; cat "$f"; printf '\0'; printf 'duration=1m\nclients.0.rate=5'; } | seed "set-$name"
done
# Override lines (applied to scenarios/flaky.json), as in FuzzRegressions/*.set.
for f in "$root"/Tests/BreakerSimulationTests/FuzzRegressions/*.set; do
    [ -f "$f" ] || continue
    { printf '2'; cat "$f"; } | seed "flaky-$(basename "$f")"
done
i=0
for d in 250ms 1m30s 1.5s 2h 0 0.25 1e3 1.5E-3 100us 100µs 10ns 1h2m3s4ms5us6ns 9223372036854775807ns \
    2562047h47m16.854775807s 9223372036.854775807 -0s " 5m " 48d 1m1h; do
    i=$((i + 1))
    printf '1%s' "$d" | seed "duration-$i"
done
printf '2%s\n' clients.checkout.breaker.allowed_fails=5 services.payments.error_rate=0.1 | seed flaky-1
printf '2%s\n' services.0.phases.1.for=90s clients.0.instances=3 'duration=9m' | seed flaky-2
printf '2%s\n' 'clients.checkout.retry={"max": 2}' 'clients.refunds.breaker=null' | seed flaky-3
printf '2%s\n' services.payments.phases.brownout.error_rate=0.9 'name=Short run' seed=7 | seed flaky-4
printf '2%s\n' clients.checkout.retry.max=20 'services.paymets.error_rate=1' 'nope' '.a=1' | seed flaky-5
printf '2%s\n' 'services.payments.latency={"dist": "uniform", "min": "1ms", "max": "2ms"}' | seed flaky-6
# One override per field of flaky.json, at its own value: a single mutation away from an odd value.
i=0
for o in name=x description=x seed=42 duration=10m sample_every=1s \
    services.payments.error_rate=0.02 services.payments.capacity.concurrency=64 \
    services.payments.capacity.queue=256 services.payments.latency.p50=40ms \
    services.payments.latency.p99=400ms \
    'services.payments.latency={"dist": "constant", "value": "5ms"}' \
    'services.payments.latency={"dist": "exponential", "mean": "5ms"}' \
    services.payments.phases.brownout.at=2m services.payments.phases.brownout.for=1m \
    services.payments.phases.outage.outage=fail_fast services.payments.phases.flapping.flap.up=20s \
    services.payments.phases.flapping.flap.down=5s services.payments.phases.flapping.flap.dist=constant \
    services.payments.phases.slow.latency.add=800ms clients.checkout.instances=12 clients.checkout.rate=50 \
    clients.checkout.arrival=uniform clients.checkout.timeout=1s clients.checkout.retry.max=2 \
    clients.checkout.retry.backoff=100ms clients.checkout.retry.multiplier=2 clients.checkout.retry.cap=2s \
    clients.checkout.retry.jitter=equal clients.checkout.retry.retry_rejected=true \
    clients.checkout.breaker.allowed_fails=5 clients.checkout.breaker.retry_timer=15s \
    clients.checkout.breaker.half_open_probes=1 clients.refunds.calls=payments; do
    i=$((i + 1))
    printf '2%s' "$o" | seed "field-$i"
done
# Structured overrides (mode 4): each bundled scenario with the first field and value of the tables.
for i in 0 1 2 3 4 5; do
    printf "4\\x0$i\\x00\\x00\\x00\\n" | seed "structured-$i"
done
n="$(ls "$seeds" | wc -l)"

# 0 seconds: run every seed and corpus input once (a quick regression check), then stop.
if [ "$seconds" -gt 0 ]; then
    limit=(-max_total_time="$seconds")
    echo "==> fuzzing for ${seconds}s: $(ls corpus | wc -l) corpus files, $n seeds"
else
    limit=(-runs=0)
    echo "==> running $(ls corpus | wc -l) corpus files and $n seeds once"
fi
log="$here/.build/fuzz-$(date +%Y%m%d-%H%M%S).log"
# One process (no -jobs/-fork). SWIFT_BACKTRACE=enable=no leaves crashes to libFuzzer's handler,
# which saves the input (Swift's backtracer would hold the process for a long symbolication).
set +e
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
    "$fuzzer" corpus "$seeds" -dict=scenario.dict -max_len=8192 "${limit[@]}" -timeout=5 \
    -rss_limit_mb=2048 -artifact_prefix="$here/" -print_final_stats=1 "$@" 2>&1 | tee "$log" \
    | grep --line-buffered -v -E '^#[0-9]+.*(NEW|REDUCE)'
status=${PIPESTATUS[0]}
set -e

echo "==> summary (full log: $log)"
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
grep -E '^#[0-9]+' "$log" | tail -1 || true
echo "corpus: $(ls corpus | wc -l) files, $(du -sh corpus | cut -f1)"
if [ "$status" -ne 0 ]; then
    echo "libFuzzer exited with status $status: see the artifact named above" >&2
fi
exit "$status"
