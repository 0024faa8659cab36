#!/usr/bin/env bash
# The container image's binary, checked without a container engine (none runs here): built as the
# Containerfile's build stage builds it, it links no Swift library and runs `sweep --shard` in an empty
# environment with only the system's libraries; and the README's GNU parallel example, on a small
# grid, merges to exactly the single-machine sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

swift build -c release --static-swift-stdlib --product breaker-sim --scratch-path .build-static
bin="$root/.build-static/release/breaker-sim"
libraries="$(ldd "$bin")"
echo "linked libraries:"
echo "$libraries"
if grep -qi swift <<< "$libraries"; then
    echo "the static binary still links a Swift library" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$bin" "$work/breaker-sim"
cp -r scenarios "$work/scenarios"
cd "$work"
grid=(--allowed-fails 1,3,10 --retry-timer 5s,20s --seeds 2)
# A machine view without the Swift toolchain: no environment, the system's library directories only.
env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu \
    ./breaker-sim sweep scenarios/outage.json "${grid[@]}" --shard 1/3 > env-shard.json
grep -q '"format_version"' env-shard.json

# The README's GNU parallel example, on the small grid.
mkdir -p "$HOME/.parallel" && touch "$HOME/.parallel/will-cite"
PATH="$work:$PATH" parallel -j 2 \
    'breaker-sim sweep scenarios/outage.json --allowed-fails 1,3,10 --retry-timer 5s,20s --seeds 2 --shard {}/3 > shard-{}.json' \
    ::: 1 2 3
./breaker-sim sweep merge shard-*.json > merged.txt
./breaker-sim sweep scenarios/outage.json "${grid[@]}" > single.txt
cmp merged.txt single.txt
./breaker-sim sweep merge shard-*.json --format json > merged.json
./breaker-sim sweep scenarios/outage.json "${grid[@]}" --format json > single.json
cmp merged.json single.json
echo "ok: no Swift library linked; the parallel shards merge to the single sweep, byte for byte"
