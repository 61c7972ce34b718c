#!/usr/bin/python3
"""Free loopback ports for the interop scripts, picked as tests/ActorZk.TestSupport/Loopback.cs picks them.

Ports come at random from 10000 up to just below the kernel's ephemeral range, and are checked by binding: bind(0)
and every outgoing connection take ports from the ephemeral range, so a port picked there can be taken by another
socket between the pick and the server's own bind.

    ports.py          prints one free port
    ports.py --range N  prints a base port B with B..B+N-1 all free
"""
import random
import socket
import sys

LOW = 10000


def _ephemeral_low():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _free(port):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def free_range(count=1, tries=200):
    """A base port B with B..B+count-1 free now, below the ephemeral range."""
    high = _ephemeral_low() - count
    for _ in range(tries):
        base = random.randrange(LOW, high)
        if all(_free(port) for port in range(base, base + count)):
            return base
    raise RuntimeError("no free range of %d loopback ports below %d" % (count, high + count))


def free_port():
    """One free loopback port, below the ephemeral range."""
    return free_range(1)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--range":
        print(free_range(int(sys.argv[2])))
    elif len(sys.argv) == 1:
        print(free_port())
    else:
        sys.exit(__doc__)
