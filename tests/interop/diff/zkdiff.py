#!/usr/bin/python3
"""Differential tester: the same pseudo-random requests against ActorZk and
Apache ZooKeeper 3.8, answers compared after normalization.

  zkdiff.py --actorzk 127.0.0.1:P1 --apache 127.0.0.1:P2 --seeds 1-200 --steps 80
  zkdiff.py --start --seeds 1-50                # starts (and stops) both servers
  zkdiff.py --start --seeds 17 --steps 40 --trace   # one seed, every step printed
  zkdiff.py --start --replay repro.json         # a saved (shrunk) sequence

For each seed, steps.Generator makes a sequence of requests (a pure function
of the seed); driver.Driver runs it on each server in a fresh root node with
fresh sessions; the first step whose normalized outcome differs is printed
(seed, step, request, both answers) and, with --shrink, reduced to a short
sequence that still differs at its last step (printed as JSON for --replay).
Exit status: 0 if no difference, 1 if any, 2 on usage or setup errors.
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import driver  # noqa: E402
import steps as stepgen  # noqa: E402

INTEROP = os.path.dirname(HERE)
sys.path.insert(0, INTEROP)
from ports import free_port, free_range  # noqa: E402


def parse_seeds(spec):
    seeds = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part[1:]:
            lo, hi = part.split("-", 1)
            seeds.extend(range(int(lo), int(hi) + 1))
        else:
            seeds.append(int(part))
    return seeds


class Servers:
    """Starts both servers through zk-apache.sh / zk-actorzk.sh; stops exactly those."""

    def __init__(self):
        self.work = tempfile.mkdtemp(prefix="zkdiff.")
        self.started = []

    def start(self):
        ports = {}
        for name, script in (("apache", "zk-apache.sh"), ("actorzk", "zk-actorzk.sh")):
            port = free_port()
            d = os.path.join(self.work, name)
            rc = subprocess.call([os.path.join(INTEROP, script), "start", d, str(port)])
            if rc != 0:
                raise RuntimeError("%s did not start (see %s)" % (name, d))
            self.started.append((script, d))
            ports[name] = "127.0.0.1:%d" % port
        return ports

    def stop(self, keep):
        for script, d in reversed(self.started):
            subprocess.call([os.path.join(INTEROP, script), "stop", d])
        self.started = []
        if keep:
            print("zkdiff: server logs and data kept in %s" % self.work)
        else:
            shutil.rmtree(self.work, ignore_errors=True)


class Ensembles:
    """Starts a 3-voter ensemble of each kind through deploy/local/ensemble.sh, on loopback, with the settings
    zk-apache.sh / zk-actorzk.sh give a standalone server; every session of the comparison connects to the same
    follower (the one with the lowest id), so its replies and watch events come in one deterministic order.
    Stops exactly those ensembles."""

    SCRIPT = os.path.join(os.path.dirname(os.path.dirname(INTEROP)), "deploy", "local", "ensemble.sh")
    EXTRA = ("minSessionTimeout=2000", "maxSessionTimeout=60000", "maxClientCnxns=200", "extendedTypesEnabled=true",
             "znode.container.checkIntervalMs=1000")

    def __init__(self, spread=False):
        self.work = tempfile.mkdtemp(prefix="zkdiff-ens.")
        self.started = []
        self.spread = spread

    def start(self):
        hosts = {}
        for name in ("apache", "actorzk"):
            d = os.path.join(self.work, name)
            base = free_range(90)
            cmd = [self.SCRIPT, "start", "--dir", d, "--base-port", str(base), "--voters", "3", "--impl", name,
                   "--tick-time", "1000", "--wait", "120"]
            for line in self.EXTRA:
                cmd += ["--extra", line]
            self.started.append((d, base))
            if subprocess.call(cmd) != 0:
                raise RuntimeError("the %s ensemble did not start (see %s)" % (name, d))
            status = subprocess.run([self.SCRIPT, "status", "--dir", d, "--base-port", str(base)],
                                    capture_output=True, text=True, timeout=60).stdout
            print(status.rstrip())
            members = [line.split() for line in status.splitlines()[1:]]
            followers = [m for m in members if m[-1:] == ["follower"]]
            leaders = [m for m in members if m[-1:] == ["leader"]]
            if not followers:
                raise RuntimeError("the %s ensemble has no follower" % name)
            if self.spread:
                # slot 0 on the first follower, slot 1 on the other, slot 2 on the leader
                order = followers + leaders
                hosts[name] = ",".join(m[2] for m in order)
                print("zkdiff: %s slots on members %s (%s)" % (name, " ".join(m[0] for m in order), hosts[name]))
            else:
                hosts[name] = followers[0][2]
                print("zkdiff: %s sessions connect to follower %s (%s)" % (name, followers[0][0], hosts[name]))
        return hosts

    def stop(self, keep):
        for d, base in reversed(self.started):
            subprocess.call([self.SCRIPT, "stop", "--dir", d, "--base-port", str(base)])
        self.started = []
        if keep:
            print("zkdiff: ensemble logs and data kept in %s" % self.work)
        else:
            shutil.rmtree(self.work, ignore_errors=True)


def fmt(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=True)


def describe_difference(a, b):
    lines = []
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            lines.append("    %-10s actorzk: %s" % (key, fmt(a.get(key))))
            lines.append("    %-10s apache:  %s" % ("", fmt(b.get(key))))
    return "\n".join(lines)


class SideError(Exception):
    """A step (or setup) failed on one server or both: names which, with each one's traceback."""

    def __init__(self, failed):
        self.sides = [name for name, _ in failed]
        self.failed = failed
        super().__init__("failed on %s" % " and ".join(self.sides))

    def details(self):
        return "\n".join("--- on %s:\n%s" % (name, "".join(traceback.format_exception(e)).rstrip())
                         for name, e in self.failed)


class Runner:
    def __init__(self, hosts, args):
        self.hosts = hosts          # {"actorzk": ..., "apache": ...}
        self.args = args
        # a fixed root name by default: on fresh servers a run is then the same every time (names, hence
        # ZooKeeper's hash orders, included)
        self.run_id = uuid.uuid4().hex[:6] if args.run_id == "random" else args.run_id
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
        self.steps_run = 0
        # servers with different pasts (not both fresh) differ on /, /zookeeper...: mask those nodes then
        self.mask_global = driver.Driver.global_state(hosts["actorzk"]) != driver.Driver.global_state(hosts["apache"])
        if self.mask_global:
            print("zkdiff: the servers' shared nodes (/, /zookeeper...) differ already; masking what is on them")

    def both(self, fn):
        fa = self.pool.submit(fn, self.drivers[0])
        fb = self.pool.submit(fn, self.drivers[1])
        failed = [(d.name, f.exception()) for d, f in zip(self.drivers, (fa, fb)) if f.exception() is not None]
        if failed:
            raise SideError(failed)
        return fa.result(), fb.result()

    def run_sequence(self, seq, name, trace=False, deadline=None):
        """Run seq on both servers in the root /zkdiff-RUNID-NAME; return
        (index, outcome_a, outcome_b) of the first difference, or None.
        Raises on tool/setup errors.  The root's name is part of every path,
        so of ZooKeeper's hash orders: a replay or shrink trial of a seed
        reuses it (the previous run removed it; if not, a suffix is added)."""
        for attempt in range(100):
            root = "/zkdiff-%s-%s" % (self.run_id, name) + ("-%d" % attempt if attempt else "")
            self.drivers = [driver.Driver(self.hosts["actorzk"], root, "actorzk", mask_global=self.mask_global),
                            driver.Driver(self.hosts["apache"], root, "apache", mask_global=self.mask_global)]
            try:
                self.both(lambda d: d.setup())
                break
            except SideError as e:
                if not all(isinstance(x, driver.RootExists) for _, x in e.failed):
                    raise
                self.both(lambda d: d.teardown_probe())
        else:
            raise RuntimeError("no free root name: remove /zkdiff-%s-* from the servers" % self.run_id)
        try:
            for i, step in enumerate(seq):
                if deadline is not None and time.monotonic() > deadline:
                    break
                a, b = self.both(lambda d: d.run(i, step))
                self.steps_run += 1
                if trace:
                    print("  step %d %s" % (i, fmt(step)))
                    print("    -> %s" % fmt(b))
                if a != b:
                    return i, a, b
            return None
        finally:
            self.both(lambda d: d.teardown())

    def shrink(self, seq, index, name, budget_s):
        """Drop steps while the difference stays at the last step (bounded)."""
        seq = seq[:index + 1]
        deadline = time.monotonic() + budget_s
        chunk = max(1, len(seq) // 2)
        trials = 0
        while chunk >= 1 and time.monotonic() < deadline:
            i = 0
            while i < len(seq) - 1 and time.monotonic() < deadline:
                cand = seq[:i] + seq[i + chunk:]
                if len(cand) == len(seq) or not cand:
                    break
                trials += 1
                found = self.run_sequence(cand, name)
                if found is not None and found[0] == len(cand) - 1:
                    seq = cand
                else:
                    i += chunk
            if chunk == 1:
                break
            chunk //= 2
        return seq, trials


def report(label, seq, found, run_id):
    index, a, b = found
    print("DIFFERENCE %s step %d (run id %s): %s" % (label, index, run_id, fmt(seq[index])))
    print(describe_difference(a, b))
    sys.stdout.flush()


def rerun_clean(runner, seq, seed, args):
    """Runs seq again; True if it finished on both servers with no error and no difference."""
    try:
        return runner.run_sequence(seq, str(seed), deadline=time.monotonic() + args.seed_time_limit) is None
    except Exception as e:  # the second run's failure is the answer, not a new error
        print("  the second run failed too: %s" % e)
        return False


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--actorzk", help="HOST:PORT of a running ActorZk")
    p.add_argument("--apache", help="HOST:PORT of a running Apache ZooKeeper 3.8")
    p.add_argument("--start", action="store_true", help="start both servers (zk-apache.sh, zk-actorzk.sh)")
    p.add_argument("--ensemble", action="store_true",
                   help="with --start: 3-voter ensembles instead (deploy/local/ensemble.sh), sessions on a follower")
    p.add_argument("--spread", action="store_true",
                   help="with --ensemble: each session slot on its own member (two followers, the leader)")
    p.add_argument("--keep", action="store_true", help="with --start: keep the servers' logs and data")
    p.add_argument("--seeds", default="1-20", help="e.g. 1-50 or 3,7,11 (default 1-20)")
    p.add_argument("--steps", type=int, default=60, help="steps per seed (default 60)")
    p.add_argument("--time-limit", type=float, default=600, help="stop starting seeds after this many seconds")
    p.add_argument("--seed-time-limit", type=float, default=120, help="cut a seed after this many seconds")
    p.add_argument("--max-diffs", type=int, default=5, help="stop after this many differing seeds")
    p.add_argument("--shrink", action="store_true", help="shrink each difference to a short sequence")
    p.add_argument("--confirm", action="store_true",
                   help="run a differing seed again; one that does not differ the same way is a race, not counted")
    p.add_argument("--shrink-time", type=float, default=180, help="time budget per shrink (s)")
    p.add_argument("--no-big-data", action="store_true", help="no ~1 MB payloads")
    p.add_argument("--null-paths", action="store_true", help="also send null paths (known to differ, see README)")
    p.add_argument("--replay", help="JSON file {\"steps\": [...]} to run instead of seeds")
    p.add_argument("--trace", action="store_true", help="print every step and Apache's outcome")
    p.add_argument("--run-id", default="r", help="roots are /zkdiff-ID-SEED (default r; 'random' for a new one)")
    p.add_argument("--replay-name", default="replay", help="with --replay: the root's name (the seed it came from)")
    args = p.parse_args()

    servers = None
    if args.start:
        servers = Ensembles(spread=args.spread) if args.ensemble or args.spread else Servers()
        try:
            hosts = servers.start()
        except RuntimeError as e:
            servers.stop(keep=True)
            print("zkdiff: %s" % e, file=sys.stderr)
            return 2
    elif args.actorzk and args.apache:
        hosts = {"actorzk": args.actorzk, "apache": args.apache}
    else:
        p.error("give --actorzk and --apache, or --start")

    runner = Runner(hosts, args)
    started = time.monotonic()
    diffs = 0
    unconfirmed = 0
    errors = 0
    seeds_run = 0
    try:
        if args.replay:
            with open(args.replay) as f:
                seq = json.load(f)["steps"]
            found = runner.run_sequence(seq, args.replay_name, trace=args.trace)
            seeds_run = 1
            if found:
                diffs += 1
                report("replay", seq, found, runner.run_id)
        else:
            for seed in parse_seeds(args.seeds):
                if time.monotonic() - started > args.time_limit:
                    print("time limit reached before seed %d" % seed)
                    break
                seq = stepgen.Generator(seed, big_data=not args.no_big_data, null_paths=args.null_paths,
                                      ensemble=args.ensemble or args.spread).sequence(args.steps)
                t0 = time.monotonic()
                try:
                    found = runner.run_sequence(seq, str(seed), trace=args.trace, deadline=t0 + args.seed_time_limit)
                except SideError as e:
                    print("ERROR seed %d %s:\n%s" % (seed, e, e.details()))
                    if args.confirm and e.sides == ["apache"] and rerun_clean(runner, seq, seed, args):
                        # the reference alone stalled once (its followers have been seen to pause for seconds) and
                        # the same sequence then ran clean on both: counted like an unconfirmed difference. A
                        # failure on ActorZk's side is always an error: it is ours to explain.
                        unconfirmed += 1
                        print("  NOT CONFIRMED: a second run of seed %d was clean; counted as a stall of Apache ZooKeeper,"
                              " not an error" % seed)
                    else:
                        errors += 1
                    continue
                except Exception:  # a tool or server failure is reported, not hidden
                    errors += 1
                    print("ERROR seed %d:\n%s" % (seed, traceback.format_exc()))
                    continue
                seeds_run += 1
                if found is None:
                    if args.trace:
                        print("seed %d: same (%.1fs)" % (seed, time.monotonic() - t0))
                    continue
                report("seed %d" % seed, seq, found, runner.run_id)
                if args.confirm:
                    # the same sequence again, in a root of the same name: a difference that does not come back
                    # was a race with something on the server's own clock (sweeps, expiries), not a behaviour
                    again = runner.run_sequence(seq, str(seed), deadline=time.monotonic() + args.seed_time_limit)
                    if again is None or again[0] != found[0] or again[1:] != found[1:]:
                        unconfirmed += 1
                        print("  NOT CONFIRMED: a second run of seed %d %s; counted as a race, not a difference"
                              % (seed, "was the same" if again is None else "differed elsewhere (step %d)" % again[0]))
                        continue
                    print("  confirmed by a second run")
                diffs += 1
                if args.shrink:
                    small, trials = runner.shrink(seq, found[0], str(seed), args.shrink_time)
                    print("  shrunk to %d steps in %d trials; replay with --replay FILE --replay-name %d --run-id %s,"
                          " FILE containing:" % (len(small), trials, seed, runner.run_id))
                    print("  " + json.dumps({"steps": small}))
                if diffs >= args.max_diffs:
                    print("stopping after %d differing seeds" % diffs)
                    break
    finally:
        runner.pool.shutdown()
        if servers:
            servers.stop(keep=bool(diffs or errors or args.keep))
    print("zkdiff: %d seeds, %d steps, %d differences, %d not confirmed, %d errors, %.1fs (%d waits for a sweep, %.1fs)"
          % (seeds_run, runner.steps_run, diffs, unconfirmed, errors, time.monotonic() - started,
             driver.Driver.settle_waits, driver.Driver.settle_seconds))
    return 1 if diffs or errors else 0


if __name__ == "__main__":
    sys.exit(main())
