#!/usr/bin/env python3
"""Four-letter-word probes for bench/recovery.sh (loopback, every loop bounded).

    probe.py ready --port P --pid PID --t0 EPOCH_SECONDS [--timeout S] [--interval S]
        Polls `srvr` until it answers with a "Mode:" line (both ZooKeeper and ActorZk answer ruok, and accept
        connections, before their data is loaded; srvr says "not currently serving" until then). Prints one
        JSON line: ready_s (wall clock from t0, the moment just before the server process was started, to the
        first srvr answer with Mode), node_count, zxid, polls. Exit 1 if the process exits or the timeout passes.
    probe.py word --port P WORD
        Prints the server's answer to WORD (e.g. srvr, mntr).
    probe.py facts --port P
        Prints one JSON line of srvr's Node count and Zxid and mntr's zk_approximate_data_size.
    probe.py zktail --dir DATADIR/version-2 --last-zxid 0x...
        ZooKeeper's recovery starting point: the newest valid snapshot (the file ends with ZooKeeper's trailer
        00 00 00 01 '/', as SnapStream.isValidSnapshot checks) and the txns after it up to last-zxid (zxids are
        consecutive within an epoch). One JSON line: snapshot_zxid, tail_txns, snapshot_mb.
"""
import argparse
import json
import os
import re
import socket
import sys
import time


def four_letter_word(port, word, timeout=5.0):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(word.encode())
        chunks = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode(errors="replace")


def field(text, pattern):
    m = re.search(pattern, text, re.M)
    return m.group(1) if m else None


def cmd_ready(a):
    deadline = time.monotonic() + a.timeout
    polls = 0
    while time.monotonic() < deadline:
        if not os.path.exists(f"/proc/{a.pid}"):
            print(json.dumps({"error": "process exited"}))
            return 1
        polls += 1
        try:
            text = four_letter_word(a.port, "srvr", timeout=2.0)
        except OSError:
            text = ""
        if re.search(r"^Mode: ", text, re.M):
            ready = time.time() - a.t0
            print(json.dumps({"ready_s": round(ready, 3), "node_count": int(field(text, r"^Node count: (\d+)") or -1),
                              "zxid": field(text, r"^Zxid: (\S+)"), "polls": polls}))
            return 0
        time.sleep(a.interval)
    print(json.dumps({"error": f"no srvr Mode within {a.timeout} s"}))
    return 1


def cmd_word(a):
    sys.stdout.write(four_letter_word(a.port, a.word))
    return 0


def cmd_facts(a):
    srvr = four_letter_word(a.port, "srvr")
    try:
        mntr = four_letter_word(a.port, "mntr")
    except OSError:
        mntr = ""
    size = field(mntr, r"^zk_approximate_data_size\s+(\d+)")
    print(json.dumps({"node_count": int(field(srvr, r"^Node count: (\d+)") or -1), "zxid": field(srvr, r"^Zxid: (\S+)"),
                      "mntr_znode_count": int(field(mntr, r"^zk_znode_count\s+(\d+)") or -1),
                      "approximate_data_size": int(size) if size else None}))
    return 0


def cmd_zktail(a):
    last = int(a.last_zxid, 16)
    best = None
    for name in os.listdir(a.dir):
        if not name.startswith("snapshot."):
            continue
        path = os.path.join(a.dir, name)
        zxid = int(name.split(".", 1)[1], 16)
        if os.path.getsize(path) < 10 or zxid > last:
            continue
        with open(path, "rb") as f:
            f.seek(-5, os.SEEK_END)
            if f.read(5) != b"\0\0\0\1/":
                continue
        if best is None or zxid > best[0]:
            best = (zxid, os.path.getsize(path))
    if best is None:
        print(json.dumps({"snapshot_zxid": None, "tail_txns": last, "snapshot_mb": 0}))
    else:
        print(json.dumps({"snapshot_zxid": hex(best[0]), "tail_txns": last - best[0], "snapshot_mb": round(best[1] / 1048576, 1)}))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("ready")
    r.add_argument("--port", type=int, required=True)
    r.add_argument("--pid", type=int, required=True)
    r.add_argument("--t0", type=float, required=True)
    r.add_argument("--timeout", type=float, default=600)
    r.add_argument("--interval", type=float, default=0.025)
    w = sub.add_parser("word")
    w.add_argument("--port", type=int, required=True)
    w.add_argument("word")
    f = sub.add_parser("facts")
    f.add_argument("--port", type=int, required=True)
    z = sub.add_parser("zktail")
    z.add_argument("--dir", required=True)
    z.add_argument("--last-zxid", required=True)
    a = p.parse_args()
    return {"ready": cmd_ready, "word": cmd_word, "facts": cmd_facts, "zktail": cmd_zktail}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
