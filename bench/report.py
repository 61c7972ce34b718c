#!/usr/bin/env python3
"""Turns the JSON lines of bench/compare.sh into the ratio table (stdout) and docs/benchmarks.md.

Input: the environment set by compare.sh (CMP_*); CMP_RESULTS is one ActorZk.Bench JSON line per run, tagged
with "server" (actorzk|zookeeper) and "round". Medians are taken per server and cell (workload, sessions).
"""
import json
import math
import os
import statistics
import sys

WORKLOAD_ORDER = ["create", "get", "set", "delete", "getchildren", "ephemeral-seq", "mixed", "watch"]


def env(name, default=""):
    return os.environ.get(name, default)


def median(values):
    values = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.median(values) if values else None


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt(value, pattern):
    return "n/a" if value is None else pattern % value


def load():
    cells = {}
    with open(env("CMP_RESULTS"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            cells.setdefault((d["workload"], d["sessions"]), {}).setdefault(d["server"], []).append(d)
    return cells


def summarize(runs):
    if not runs:
        return None
    return {
        "runs": len(runs),
        "ops_per_sec": median([r["ops_per_sec"] for r in runs]),
        "p50": median([r["p50_ms"] for r in runs]),
        "p99": median([r["p99_ms"] for r in runs]),
        "p999": median([r["p999_ms"] for r in runs]),
        "cpu": median([r.get("server_cpu_us_per_op") for r in runs]),
        "client_cpu": median([r.get("client_cpu_us_per_op") for r in runs]),
        "errors": sum(r["errors"] for r in runs),
        "error_codes": sorted({c for r in runs for c in r.get("errors_by_code", {})}),
    }


def ordered(cells):
    def key(cell):
        workload, sessions = cell
        index = WORKLOAD_ORDER.index(workload) if workload in WORKLOAD_ORDER else len(WORKLOAD_ORDER)
        return (sessions, index)

    return sorted(cells, key=key)


def tables(cells):
    ratio_rows = ["| workload | sessions | throughput A/Z | p99 A/Z | server CPU per op A/Z |",
                  "| --- | ---: | ---: | ---: | ---: |"]
    abs_rows = ["| workload | sessions | ZooKeeper ops/s | ActorZk ops/s | ZooKeeper p50 / p99 ms | ActorZk p50 / p99 ms "
                "| ZooKeeper CPU us/op | ActorZk CPU us/op | bench CPU us/op (Z / A) | errors (Z / A) | runs |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    plain = []
    for cell in ordered(cells):
        workload, sessions = cell
        z = summarize(cells[cell].get("zookeeper", []))
        a = summarize(cells[cell].get("actorzk", []))
        if z is None or a is None:
            continue
        t = ratio(a["ops_per_sec"], z["ops_per_sec"])
        p = ratio(a["p99"], z["p99"])
        c = ratio(a["cpu"], z["cpu"])
        ratio_rows.append(f"| {workload} | {sessions} | {fmt(t, '%.2f')} | {fmt(p, '%.2f')} | {fmt(c, '%.2f')} |")
        errors = f"{z['errors']} / {a['errors']}"
        codes = sorted(set(z["error_codes"]) | set(a["error_codes"]))
        if codes:
            errors += " (" + ", ".join(codes) + ")"
        abs_rows.append(
            f"| {workload} | {sessions} | {fmt(z['ops_per_sec'], '%.0f')} | {fmt(a['ops_per_sec'], '%.0f')} "
            f"| {fmt(z['p50'], '%.3f')} / {fmt(z['p99'], '%.3f')} | {fmt(a['p50'], '%.3f')} / {fmt(a['p99'], '%.3f')} "
            f"| {fmt(z['cpu'], '%.1f')} | {fmt(a['cpu'], '%.1f')} "
            f"| {fmt(z['client_cpu'], '%.1f')} / {fmt(a['client_cpu'], '%.1f')} | {errors} | {z['runs']} + {a['runs']} |")
        plain.append("%-13s %4d   %6s   %6s   %6s   %9s %9s   %s" % (
            workload, sessions, fmt(t, "%.2f"), fmt(p, "%.2f"), fmt(c, "%.2f"),
            fmt(z["ops_per_sec"], "%.0f"), fmt(a["ops_per_sec"], "%.0f"), errors))
    return ratio_rows, abs_rows, plain


def main():
    cells = load()
    if not cells:
        print("no results", file=sys.stderr)
        return 1
    ratio_rows, abs_rows, plain = tables(cells)
    print()
    print("ActorZk / ZooKeeper (medians; throughput > 1 and p99, CPU < 1 favour ActorZk)")
    print("%-13s %4s   %6s   %6s   %6s   %9s %9s   %s" % ("workload", "sess", "thru", "p99", "cpu/op", "zk ops/s", "azk ops/s", "errors z/a"))
    for line in plain:
        print(line)
    print()
    print(f"total time {int(env('CMP_ELAPSED', '0'))} s")

    if env("CMP_WRITE_DOC") != "1":
        return 0
    findings = ""
    path = env("CMP_FINDINGS")
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            findings = f.read().strip() + "\n"
    mode = env("CMP_MODE")
    loads = [d.get("load1") for c in cells.values() for runs in c.values() for d in runs if d.get("load1") is not None]
    load_line = ""
    if loads:
        load_line = (f"- The machine's 1-minute load average before each run: median {statistics.median(loads):.1f}, "
                     f"max {max(loads):.1f} on {env('CMP_NPROC')} CPUs")
        if statistics.median(loads) > float(env("CMP_NPROC", "1")):
            load_line += (" - above the CPU count (it counts both servers and the bench client, and whatever else ran on the"
                          " host), so absolute numbers are low and noisy; the alternating order spreads that noise over both"
                          " servers, the ratios are the usable part")
        load_line += ".\n"
    extra_env = env("CMP_ACTORZK_ENV")
    env_line = f"- ActorZk ran with the extra environment `{extra_env}`.\n" if extra_env else ""
    doc = f"""# Benchmarks: ActorZk against Apache ZooKeeper

Generated by `bench/compare.sh{' --quick' if mode == 'quick' else ''}` on {env('CMP_DATE')} (ActorZk at {env('CMP_COMMIT')});
rerun it to refresh this page. Ratios are ActorZk / ZooKeeper: a throughput ratio above 1 and p99 and CPU-per-op
ratios below 1 favour ActorZk.

## Machine

| | |
| --- | --- |
| CPUs (nproc) | {env('CMP_NPROC')} |
| CPU model | {env('CMP_CPU')} |
| memory | {env('CMP_MEM')} |
| kernel | {env('CMP_KERNEL')} (sched_autogroup_enabled={env('CMP_AUTOGROUP')}) |
| .NET | {env('CMP_DOTNET')} |
| Java | {env('CMP_JAVA')} |
| ZooKeeper | {env('CMP_ZK')} (Debian package `zookeeper`) |
| data directories | {env('CMP_FS')} file system |

## How it was run

- Both servers on this one machine, on loopback ports, each started with `setsid` (its own autogroup, so each gets
  a fair CPU share) and stopped by PID at the end: Apache ZooKeeper as
  `java -cp "/usr/share/java/zookeeper.jar:/usr/share/java/*" -Dzookeeper.admin.enableServer=false
  -Dzookeeper.4lw.commands.whitelist=* org.apache.zookeeper.server.quorum.QuorumPeerMain zoo.cfg` (default JVM
  options, forceSync default = fsync of the txn log), ActorZk as `dotnet ActorZk.Server.dll zoo.cfg` (its Release
  build). Same zoo.cfg values: tickTime={env('CMP_TICK')}, maxClientCnxns={env('CMP_MAXCNXNS')}, own dataDir.
- Load from `ActorZk.Bench` (src/ActorZk.Bench) on the same cores, the same command line for both: `--outstanding
  {env('CMP_OUTSTANDING')} --payload 100 --children 100 --read-ratio 0.9 --duration {env('CMP_DURATION')}
  --warmup {env('CMP_WARMUP_OPS')}` at 1, 10 and 100 sessions (watch: that many watcher sessions plus as many
  writers). Each run is capped at {env('CMP_DURATION')} s of measurement after its own warm-up ops.
- Before the measured runs each server got one {env('CMP_WARMUP_SECONDS')} s run at 10 sessions of {env('CMP_WARMUP_WORKLOADS')}
  (JIT warm-up, not recorded).
- {env('CMP_ROUNDS')} run(s) per server and cell, in alternating order (A B B A A B ...); the tables show medians.
- Server CPU per op: utime+stime of the server PID from /proc/PID/stat, read by the bench right before and after
  the measured phase, divided by the ops of that phase. Bench CPU per op is the load generator's own.
- Whole comparison: {env('CMP_ELAPSED')} s.
{load_line}{env_line}
## Ratios ActorZk / ZooKeeper

{chr(10).join(ratio_rows)}

## Absolute numbers (medians)

{chr(10).join(abs_rows)}

## Caveats

- Both servers make every write durable before answering it: ZooKeeper fsyncs its txn log (forceSync=yes, group
  commit), ActorZk commits each txn through Akka.Persistence.Sql to SQLite (WAL, synchronous=FULL). Both data
  directories are on the same file system, so write ratios include the two logging designs.
- Two shared cores: the load generator competes with the server under test; identical servers measured this way
  differ by up to about ±20% (measured in the team's stack notes), so ratios within 0.8-1.2 are not a difference.
- A quick run (one run per server and cell, 1 s each) is for trying the script; quote the full run.

{findings}"""
    # bench/ensemble-compare.sh and bench/recovery.sh own the sections between these markers; keep them (in the
    # order they had) when the rest is regenerated.
    if os.path.exists(env("CMP_DOC")):
        with open(env("CMP_DOC"), encoding="utf-8") as f:
            old = f.read()
        kept = []
        for name in ("ensemble", "recovery"):
            begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
            if begin in old and end in old:
                kept.append((old.index(begin), old[old.index(begin):old.index(end) + len(end)]))
        for _, section in sorted(kept):
            doc = doc.rstrip("\n") + "\n\n" + section + "\n"
    with open(env("CMP_DOC"), "w", encoding="utf-8") as f:
        f.write(doc)
    print(f"wrote {env('CMP_DOC')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
