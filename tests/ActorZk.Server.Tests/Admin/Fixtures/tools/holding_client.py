"""Keeps one kazoo session open with the state the fixtures were captured with: /app, two ephemerals
(/app/eph, /app/eph2), data watches on /app, /app/eph and /nothere, and a child watch on /app.

    /usr/bin/python3 holding_client.py PORT      (Debian: apt-get install python3-kazoo)
"""
import sys
import time

from kazoo.client import KazooClient

zk = KazooClient(hosts="127.0.0.1:%d" % int(sys.argv[1]), timeout=10)
zk.start()
zk.ensure_path("/app")
zk.create("/app/eph", b"hello", ephemeral=True)
zk.create("/app/eph2", b"x", ephemeral=True)
zk.get("/app", watch=lambda e: None)
zk.get("/app/eph", watch=lambda e: None)
zk.get_children("/app", watch=lambda e: None)
zk.exists("/nothere", watch=lambda e: None)
print("sid=0x%x" % zk.client_id[0], flush=True)
while True:
    time.sleep(1)
