#!/usr/bin/env python3
"""Splits a `perf record -g` profile of an ActorZk start into recovery phases (used for docs/benchmarks.md).

    perf script -i perf.data -F time,comm,tid,ip,sym,dso | perf_phases.py [--until SECONDS] [--buckets S]

The server must run with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0 so that perf names JIT-ed
frames. Each sample is put into one phase by the frames on its stack (first rule that matches, top to bottom),
and into one kind by its leaf frame (managed code, JIT compiler, runtime incl. GC, SQLite, kernel, other).
Prints CPU ms per phase and kind, and per time bucket the phases that used the CPU.
"""
import argparse
import collections
import re
import sys

PHASES = [
    ("JIT compiler thread", lambda comm, frames: comm.startswith(".NET Tiered")),
    ("background GC thread", lambda comm, frames: comm.startswith(".NET BGC") or comm.startswith(".NET Server GC")),
    ("snapshot: DataTree.Deserialize", lambda comm, frames: any("DataTree::LoadSnapshot" in f or "DataTree::Deserialize" in f or "DataTree::LoadNode" in f for f in frames)),
    ("replay: decode + apply txns", lambda comm, frames: any("TxnLogActor::FinishRecovery" in f for f in frames)),
    ("sqlite quick_check / WAL (StorageSetup)", lambda comm, frames: any("StorageSetup" in f for f in frames)),
    ("Akka.Persistence.Sql / linq2db read", lambda comm, frames: any("Akka.Persistence.Sql" in f or "LinqToDB" in f or "linq2db" in f.lower() for f in frames)),
    ("SQLite (other callers)", lambda comm, frames: any("libe_sqlite3" in f or "Microsoft.Data.Sqlite" in f for f in frames)),
    ("Akka.Persistence recovery messages", lambda comm, frames: any("Akka.Persistence" in f for f in frames)),
    ("Akka streams / actors", lambda comm, frames: any("[Akka" in f or "Akka." in f for f in frames)),
    ("host start (loader, runtime init)", lambda comm, frames: comm == "dotnet" and not any("[JIT]" in f for f in frames)),
]


# The stages of the recovery path, in order, by the frames on the stack; their first and last samples give the
# wall-clock window of each stage (the recovery is one chain of steps, so the windows do not overlap).
STAGES = [
    ("Akka.Persistence.Sql plugin start (linq2db mapping, PreStart)",
     lambda fs: any("SqlWriteJournal::PreStart" in f or "SqlSnapshotStore::PreStart" in f or "SqlSnapshotStore::.ctor" in f for f in fs)),
    ("snapshot load through Akka.Persistence.Sql (SQLite blob -> byte[], FromBinary copy)",
     lambda fs: any("SelectedSnapshot" in f or "SnapshotRow" in f or "Snapshot.Dao" in f or "SqlSnapshotStore" in f for f in fs)),
    ("journal replay through Akka.Persistence.Sql (rows -> events -> actor messages)",
     lambda fs: any("ReplayMessages" in f or "MessagesWithBatch" in f or "JournalRow" in f or "AsyncSource" in f
                    or "ReadHighestSequenceNr" in f for f in fs)),
    ("DataTree.Deserialize of the snapshot bytes",
     lambda fs: any("DataTree::LoadSnapshot" in f or "DataTree::Deserialize" in f for f in fs)),
    ("decode + apply the replayed txns", lambda fs: any("FinishRecovery" in f for f in fs)),
]
STAGE_ORDER = [0, 3, 4, 1, 2]   # first match wins: the more specific frames first


def kind(leaf):
    if "libclrjit" in leaf:
        return "JIT"
    if "libcoreclr" in leaf:
        return "runtime/GC"
    if "libe_sqlite3" in leaf:
        return "SQLite"
    if "kernel" in leaf:
        return "kernel"
    if "[JIT]" in leaf or ".dll" in leaf:
        return "managed"
    return "other"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--until", type=float, default=1e9, help="only samples up to this many seconds after the first")
    p.add_argument("--buckets", type=float, default=0.5)
    a = p.parse_args()
    head = re.compile(r"^(\S.*?)\s+(\d+)\s+(\d+\.\d+):")
    samples = []
    comm, t, frames = None, None, []
    for line in sys.stdin:
        if not line.strip():
            if comm is not None:
                samples.append((t, comm, frames))
            comm, frames = None, []
            continue
        m = head.match(line)
        if m and not line.startswith("\t"):
            comm, t = m.group(1).strip(), float(m.group(3))
            frames = []
        else:
            frames.append(line.strip())
    if comm is not None:
        samples.append((t, comm, frames))
    if not samples:
        print("no samples")
        return 1
    t0 = samples[0][0]
    per_sample_ms = 1000.0 / 999
    total = collections.Counter()
    kinds = collections.defaultdict(collections.Counter)
    buckets = collections.defaultdict(collections.Counter)
    for t, comm, frames in samples:
        if t - t0 > a.until:
            continue
        phase = next((name for name, rule in PHASES if rule(comm, frames)), f"other ({comm})")
        total[phase] += 1
        kinds[phase][kind(frames[0] if frames else "")] += 1
        buckets[int((t - t0) / a.buckets)][phase] += 1
    print("CPU ms by phase (kind of the leaf frame):")
    for phase, n in total.most_common():
        detail = ", ".join(f"{k} {c * per_sample_ms:.0f}" for k, c in kinds[phase].most_common())
        print(f"  {n * per_sample_ms:7.0f}  {phase}  ({detail})")
    print(f"  {sum(total.values()) * per_sample_ms:7.0f}  total")
    print("recovery stages (wall clock after the first sample, 2nd-98th percentile of their samples, and CPU on their stacks):")
    stage_times = collections.defaultdict(list)
    for t, comm, frames in samples:
        if t - t0 <= a.until:
            hit = next((k for k in STAGE_ORDER if STAGES[k][1](frames)), None)
            if hit is not None:
                stage_times[hit].append(t - t0)
    for k, (name, _) in enumerate(STAGES):
        times = sorted(stage_times[k])
        if times:
            # 2nd to 98th percentile: a stray sample (a frame left on a stack) does not stretch the window
            lo, hi = times[int(0.02 * (len(times) - 1))], times[int(0.98 * (len(times) - 1))]
            print(f"  {lo:5.2f} - {hi:5.2f} s  ({hi - lo:4.2f} s wall, {len(times) * per_sample_ms:5.0f} ms CPU)  {name}")
    print(f"timeline ({a.buckets} s buckets, CPU ms per phase):")
    for b in sorted(buckets):
        top = ", ".join(f"{ph} {c * per_sample_ms:.0f}" for ph, c in buckets[b].most_common(3))
        print(f"  {b * a.buckets:5.1f}s  {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
