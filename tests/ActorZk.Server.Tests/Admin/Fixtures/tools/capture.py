"""Captures every four-letter word from a running ZooKeeper into RAW_DIR/<word>.txt (bytes as received).

    python3 capture.py PORT RAW_DIR

Run it against a server started with -Dzookeeper.4lw.commands.whitelist=* while holding_client.py keeps a
session with two ephemerals and three data watches open, then turn the raw replies into fixtures with
normalise.py RAW_DIR ../<role> <words...>.
"""
import os
import socket
import struct
import sys

WORDS = ["ruok", "srvr", "stat", "mntr", "conf", "cons", "envi", "wchs", "wchc", "wchp", "dump", "isro", "dirs",
         "gtmk", "hash"]


def ask(port, word, extra=b""):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(word.encode("ascii") + extra)
        reply = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return reply
            reply += chunk


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for word in WORDS:
        with open(os.path.join(out, word + ".txt"), "wb") as f:
            f.write(ask(port, word))
    # stmk carries an 8-byte big-endian mask; 306 is ZooKeeper's default, so the capture changes nothing.
    with open(os.path.join(out, "stmk.txt"), "wb") as f:
        f.write(ask(port, "stmk", struct.pack(">q", 306)))


if __name__ == "__main__":
    main()
