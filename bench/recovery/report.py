#!/usr/bin/env python3
"""Renders bench/recovery.sh's results (RC_* environment, results.jsonl) as the "## Recovery" section.

The section goes between <!-- recovery:begin --> and <!-- recovery:end --> at the end of docs/benchmarks.md
(replacing what is between them, or appended if they are missing) and into bench/recovery/results.md.
    report.py                       from the environment bench/recovery.sh exports
    report.py --doc-only SECTION DOC  re-insert a rendered section (e.g. after bench/compare.sh rewrote DOC)
"""
import datetime
import json
import os
import re
import statistics
import sys

BEGIN = "<!-- recovery:begin -->"
END = "<!-- recovery:end -->"
NAMES = {"zookeeper": "Apache ZooKeeper 3.8", "actorzk": "ActorZk"}


def env(key, default=""):
    return os.environ.get(key, default)


def insert_section(section, doc_path):
    text = open(doc_path, encoding="utf-8").read() if os.path.exists(doc_path) else ""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(doc_path, "w", encoding="utf-8") as f:
        f.write(text)


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, spec="%.2f"):
    return "-" if v is None else spec % v


def ratio(a, z):
    return "-" if a is None or not z else "%.2f" % (a / z)


def log_times(path, t0):
    """ActorZk's log: seconds from the process start to each milestone, and the actor's own recovery figures."""
    out = {}
    if not path or not os.path.exists(path):
        return out
    stamp = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) ")
    for line in open(path, encoding="utf-8", errors="replace"):
        m = stamp.match(line)
        if not m:
            continue
        ts = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp() - t0
        if "Txn log and snapshots:" in line:
            out.setdefault("storage_s", ts)
        elif "Serving clients on" in line:
            out.setdefault("gateway_s", ts)
        elif "Recovered " in line and " znodes at zxid" in line:
            out["recovered_s"] = ts
            r = re.search(r"and (\d+) logged txns in (\d+) ms", line)
            if r:
                out["replayed_txns"] = int(r.group(1))
                out["actor_ms"] = int(r.group(2))
    return out


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--doc-only":
        insert_section(open(sys.argv[2], encoding="utf-8").read(), sys.argv[3])
        print(f"wrote the recovery section into {sys.argv[3]}")
        return 0

    rows = [json.loads(line) for line in open(env("RC_RESULTS"), encoding="utf-8") if line.strip()]
    loads = {r["server"]: r for r in rows if r["phase"] == "load"}
    restarts = {s: [r for r in rows if r["phase"] == "restart" and r["server"] == s] for s in NAMES}
    mb = 1024.0

    m = {}
    for s, runs in restarts.items():
        m[s] = {
            "ready": med([r["ready"]["ready_s"] for r in runs]),
            "ready_min": min([r["ready"]["ready_s"] for r in runs], default=None),
            "ready_max": max([r["ready"]["ready_s"] for r in runs], default=None),
            "count": med([r["ready"]["node_count"] for r in runs]),
            "rss_ready": med([r["rss_ready_kb"] / mb for r in runs]),
            "rss_settled": med([r["rss_settled_kb"] / mb for r in runs]),
            "rss_gc": med([r["rss_gc_kb"] / mb for r in runs]),
            "hwm": med([r["hwm_ready_kb"] / mb for r in runs]),
            "cpu": med([r["cpu_ready_s"] for r in runs]),
            "du": med([r["du_kb"] / mb for r in runs]),
            "du_apparent": med([r["du_apparent_kb"] / mb for r in runs]),
            "stop": med([r["stop_s"] for r in runs]),
            "runs": len(runs),
            "all_ok": all(r["count_ok"] for r in runs),
        }
    a, z = m["actorzk"], m["zookeeper"]
    phases = [dict(log_times(r.get("log"), float(r["t0"])), ready=r["ready"]["ready_s"]) for r in restarts["actorzk"]]
    for s_, v in m.items():
        load = loads.get(s_, {})
        v["du_load"] = load.get("du_kb", 0) / mb if load else None
        v["du_load_apparent"] = load.get("du_apparent_kb", 0) / mb if load else None
    zt = (loads.get("zookeeper") or {}).get("tail") or {}
    if zt.get("snapshot_zxid") in (None, "0x0"):
        z["from"] = f"log only: {zt['tail_txns']:,} txns" if "tail_txns" in zt else "-"
    else:
        z["from"] = f"snapshot at {zt['snapshot_zxid']} ({zt.get('snapshot_mb')} MB) + {zt.get('tail_txns'):,} txns"
    a_tail = med([p_.get("replayed_txns") for p_ in phases])
    a_log = next((open(r["log"], encoding="utf-8", errors="replace").read() for r in restarts["actorzk"]
                  if r.get("log") and os.path.exists(r["log"])), "")
    a_snap = re.search(r"from the snapshot at zxid (0x[0-9a-f]+)", a_log)
    if a_tail is None:
        a["from"] = "-"
    elif a_snap:
        a["from"] = f"snapshot at {a_snap.group(1)} + {int(a_tail):,} txns"
    else:
        a["from"] = f"log only: {int(a_tail):,} txns"

    def row(s):
        v = m[s]
        return (f"| {NAMES[s]} | {fmt(v['count'], '%d')} | {v['from']} | {fmt(v['ready'])} ({fmt(v['ready_min'])}-{fmt(v['ready_max'])}) "
                f"| {fmt(v['rss_ready'], '%.0f')} | {fmt(v['rss_settled'], '%.0f')} | {fmt(v['rss_gc'], '%.0f')} "
                f"| {fmt(v['hwm'], '%.0f')} | {fmt(v['cpu'], '%.1f')} | {fmt(v['du_load'], '%.0f')} | {fmt(v['du'], '%.0f')} |")

    main_table = "\n".join([
        "| server | znodes (srvr Node count) | recovers from | recovery s, median (min-max) | RSS MB at ready | RSS MB after "
        f"{env('RC_SETTLE')} s | RSS MB after full GC | peak RSS MB | CPU s to ready | dataDir MB after load | dataDir MB after a restart |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        row("zookeeper"),
        row("actorzk"),
        f"| **ActorZk / ZooKeeper** | | | **{ratio(a['ready'], z['ready'])}** | {ratio(a['rss_ready'], z['rss_ready'])} "
        f"| **{ratio(a['rss_settled'], z['rss_settled'])}** | {ratio(a['rss_gc'], z['rss_gc'])} | {ratio(a['hwm'], z['hwm'])} "
        f"| {ratio(a['cpu'], z['cpu'])} | **{ratio(a['du_load'], z['du_load'])}** | {ratio(a['du'], z['du'])} |",
    ])

    def load_row(s):
        r = loads.get(s)
        if not r:
            return f"| {NAMES[s]} | - | - | - | - | - | - | - |"
        return (f"| {NAMES[s]} | {r['ready']['ready_s']:.2f} | {r['load']['seconds']:.1f} | {r['load']['rate']} "
                f"| {r['facts']['node_count']} | {r['rss_kb'] / mb:.0f} | {r['stop_s']:.2f} | {r['du_kb'] / mb:.0f} "
                f"({r['du_apparent_kb'] / mb:.0f} apparent) |")

    load_table = "\n".join([
        "| server | empty start s | load s | creates/s | Node count | RSS MB after load | SIGTERM to exit s | dataDir MB after load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        load_row("zookeeper"),
        load_row("actorzk"),
    ])

    # ActorZk's own milestones, from its log (wall clock, seconds after the process was started).
    breakdown = ""
    if phases and all("recovered_s" in p for p in phases):
        st, gw, rc, rd = (med([p.get(k) for p in phases]) for k in ("storage_s", "gateway_s", "recovered_s", "ready"))
        breakdown = "\n".join([
            "ActorZk's restart, by the milestones of its own log (medians, seconds after the process was started):",
            "",
            "| from - to | what happens | s |",
            "| --- | --- | ---: |",
            f"| process start - \"Txn log and snapshots\" | .NET host and JIT start, zoo.cfg, dataDir lock, SQLite open: WAL pragma (`PRAGMA quick_check` only after an unclean stop) | {fmt(st)} |",
            f"| - \"Serving clients on\" | ActorSystem start, peer actor, client gateway listening | {fmt(None if gw is None or st is None else gw - st)} |",
            f"| - \"Recovered N znodes\" | TxnLogActor: plugin start (highest sequence number) beside the direct read: snapshot blob streamed into DataTree.Deserialize while the log tail is read, then the replay (the log line's own clock says {fmt(med([p.get('actor_ms') for p in phases]), '%.0f')} ms for {fmt(med([p.get('replayed_txns') for p in phases]), '%d')} replayed txns) | {fmt(None if rc is None or gw is None else rc - gw)} |",
            f"| - srvr answers with Mode | peer takes the tree, session table; polling granularity 25 ms | {fmt(None if rd is None or rc is None else rd - rc)} |",
            f"| total | | {fmt(rd)} |",
            "",
        ])

    findings = ""
    path = env("RC_FINDINGS")
    if path and os.path.exists(path):
        findings = open(path, encoding="utf-8").read().strip() + "\n"

    notes = []
    load1 = [r.get("load1") for rs in restarts.values() for r in rs if r.get("load1") is not None]
    if load1:
        line = (f"- The machine's 1-minute load average before each restart: median {statistics.median(load1):.1f}, "
                f"max {max(load1):.1f} on {env('RC_NPROC')} CPUs")
        if statistics.median(load1) > 1.0:
            line += (" - other work shared the CPUs during this run, so single restarts vary; the alternating order"
                     " spreads that noise over both servers")
        notes.append(line + ".")
    if not (a["all_ok"] and z["all_ok"]):
        notes.append("- **A restart recovered a different Node count than was loaded: see results.jsonl.**")
    per_run = "\n".join(
        f"| {r['round']} | {NAMES[r['server']]} | {r['ready']['ready_s']:.2f} | {r['ready']['node_count']} | {r['rss_ready_kb'] / mb:.0f} "
        f"| {r['rss_settled_kb'] / mb:.0f} | {r['rss_gc_kb'] / mb:.0f} | {r['cpu_ready_s']:.1f} | {r['du_kb'] / mb:.0f} | {fmt(r.get('load1'), '%.1f')} |"
        for r in rows if r["phase"] == "restart")
    n = int(env("RC_ZNODES"))
    restore_text = ("Every restart starts from the same files: the dataDir is put back to a copy taken right after the "
                    f"load and the stop ({env('RC_QUIESCE')} s after the last create, so that background snapshots had "
                    "finished), because ZooKeeper writes a fresh snapshot of the whole tree on every start, which "
                    "would leave a second restart nothing to replay."
                    if env("RC_RESTORE", "1") == "1" else
                    "Each restart starts from the files the previous one left (--no-restore): after its first start, "
                    "ZooKeeper has a snapshot at the last zxid and no log tail to replay.")
    parents = (n + int(env("RC_FANOUT")) - 1) // int(env("RC_FANOUT"))

    section = f"""{BEGIN}
## Recovery

Generated by `bench/recovery.sh{(' ' + env('RC_ARGS')) if env('RC_ARGS') else ''}` on {env('RC_DATE')} (ActorZk at
{env('RC_COMMIT')}); whole run {env('RC_ELAPSED')} s. Issue 4's goal: recovery no slower than ZooKeeper's
(time ratio <= 1), memory below it (RSS ratio < 1).

Machine: {env('RC_NPROC')} CPUs ({env('RC_CPU')}), {env('RC_MEM')}, {env('RC_KERNEL')}, {env('RC_FS')} for both
dataDirs; {env('RC_DOTNET')}; {env('RC_JAVA')}; Debian `zookeeper` {env('RC_ZK')}. Load average at the end
of the run: {env('RC_LOAD1')}.

### Restart with {n:,} znodes

{main_table}

- Recovery s: wall clock from the moment just before the server process was started to the first `srvr` answer
  with a `Mode:` line (polled every 25 ms; both servers accept connections and answer `ruok` before their data
  is loaded). It includes the runtime's own start (JVM or .NET). Median of {a['runs']} restarts per server, in
  alternating order (A Z, Z A, A Z), one server running at a time. {restore_text} The data files were in the
  page cache (a warm restart: the copy was read just before).
- Node count: `srvr`'s, checked equal to the count before the stop on every restart. It includes the
  servers' own nodes (`/`, `/zookeeper`, ...) besides the {n:,} children, {parents:,} parents and the root.
- RSS: VmRSS of the server PID from /proc/PID/status at ready, after {env('RC_SETTLE')} s idle, and after a forced
  full GC (ZooKeeper: `jcmd PID GC.run`; ActorZk: the induced blocking gen2 GC of `dotnet-gcdump collect`). Peak
  RSS is VmHWM at ready, i.e. the high-water mark of the recovery. CPU s to ready: utime+stime of the PID.
- Both servers run with their defaults: ZooKeeper with the JVM's default heap (G1, max heap 1/4 of RAM),
  ActorZk with .NET's workstation concurrent GC. snapCount=100000 for both (ZooKeeper randomizes each interval
  between 50% and 100% of it); no autopurge, so every snapshot and the whole log stay on disk for both.
- dataDir MB: `du -sk` after the stop that followed the load, and after a restart (ZooKeeper's includes the
  snapshot it writes at start). Allocated blocks: ZooKeeper preallocates its log files in 64 MB steps as sparse
  files, so its apparent size after the load is larger ({fmt(z['du_load_apparent'], '%.0f')} MB, ActorZk's
  {fmt(a['du_load_apparent'], '%.0f')} MB).
{chr(10).join(notes)}

Every restart:

| round | server | recovery s | Node count | RSS MB ready | RSS MB settled | RSS MB after GC | CPU s | dataDir MB | load avg before |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{per_run}

The load before the restarts ({n:,} children of {env('RC_PAYLOAD')} bytes under {parents:,} parents, 8 sessions
with 1,000 creates in flight each, raw frames from bench/recovery/load.py):

{load_table}

{breakdown}
{findings}{END}
"""
    with open(env("RC_SECTION"), "w", encoding="utf-8") as f:
        f.write(section)
    print()
    print(main_table)
    print()
    print(load_table)
    print()
    print(breakdown)
    print(f"wrote {env('RC_SECTION')}")
    if env("RC_WRITE_DOC") == "1":
        insert_section(section, env("RC_DOC"))
        print(f"wrote the recovery section into {env('RC_DOC')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
