#!/usr/bin/env python3
"""Prints the README's "with breakers / without" table from runs of BIN (breaker-sim) over scenarios/.

Usage: python3 Benchmarks/Tools/readme-table.py .build/release/breaker-sim
"""
import json, subprocess, sys, glob, os

binary = sys.argv[1]
order = ["flaky", "brownout", "retry-storm", "overload", "outage", "slow", "fleet"]
files = sorted(glob.glob("scenarios/*.json"), key=lambda f: order.index(os.path.basename(f)[:-5]) if os.path.basename(f)[:-5] in order else 99)

def run(path, breakers):
    args = [binary, "run", path, "--headless", "--format", "json"] + ([] if breakers else ["--no-breakers"])
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)

def p99(doc):
    values = [c["latency_ms"]["p99"] for c in doc["clients"] if c["latency_ms"]]
    return max(values) if values else None

def ms(value):
    if value is None: return "–"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"

print("| scenario | | good requests | late | shed | failed | p99 (slowest client) | user wait | calls to the failing service | good calls rejected |")
print("|---|---|---|---|---|---|---|---|---|---|")
for path in files:
    name = os.path.basename(path)
    for breakers in (True, False):
        doc = run(path, breakers)
        t, m = doc["totals"], doc["metrics"]
        cells = [
            f"`{name}`" if breakers else "",
            "with" if breakers else "without",
            f"{100 * (m['goodput_ratio'] or 0):.1f}%",
            f"{t['requests_late']:,}", f"{t['requests_shed']:,}", f"{t['requests_failed']:,}",
            ms(p99(doc)), f"{t['user_wait_s']:,.0f} user-s",
            f"{m['calls_to_failing_service']:,}", f"{m['good_calls_rejected']:,}",
        ]
        if breakers: cells = [f"**{c}**" if i == 2 else c for i, c in enumerate(cells)]
        print("| " + " | ".join(cells) + " |")
