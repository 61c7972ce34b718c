"""Turns raw ZooKeeper 3.8.0 four-letter-word replies into fixture patterns.

A fixture has one line per '\n'-separated segment of the reply (so a reply ending in a newline has an
empty last line, and one ending without has none), and the file itself ends with one newline.
Variable parts become placeholders the tests turn into regexes: {version} {n} {float} {hex} {addr} {date} {path} {any}.
"""
import os, re, sys

VERSION = re.compile(r"3\.8\.0-\$\{mvngit\.commit\.id\}, built on \d{4}-\d\d-\d\d \d\d:\d\d UTC")
ADDR = re.compile(r"/127\.0\.0\.1:\d+")
DATE = re.compile(r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d UTC \d{4}")

def norm_conn(line):
    line = ADDR.sub("{addr}", line)
    line = re.sub(r"\[(\d+)\]", "[{n}]", line)
    for key in ["queued", "recved", "sent", "est", "to", "lresp", "llat", "minlat", "avglat", "maxlat"]:
        line = re.sub(key + r"=\d+", key + "={n}", line)
    for key in ["sid", "lcxid", "lzxid"]:
        line = re.sub(key + r"=0x[0-9a-f]+", key + "=0x{hex}", line)
    line = re.sub(r"lop=[A-Z]+", "lop={any}", line)
    return line

def norm(word, text):
    text = VERSION.sub("{version}", text)
    out = []
    in_connections = False
    for line in text.split("\n"):
        if word in ("srvr", "stat"):
            if line.startswith(" /"):
                line = norm_conn(line)
            line = re.sub(r"^Latency min/avg/max: \d+/[0-9.E-]+/\d+$", "Latency min/avg/max: {n}/{float}/{n}", line)
            line = re.sub(r"^(Received|Sent|Connections|Outstanding|Node count): \d+$", r"\1: {n}", line)
            line = re.sub(r"^Zxid: 0x[0-9a-f]+$", "Zxid: 0x{hex}", line)
            line = re.sub(r"^Proposal sizes last/min/max: -?\d+/-?\d+/-?\d+$", "Proposal sizes last/min/max: {n}/{n}/{n}", line)
        elif word == "cons":
            line = norm_conn(line)
        elif word == "mntr":
            if "_per_namespace\t" in line or "_learner_handler_" in line:
                continue  # labelled sets that grow with use; ActorZk prints none (see README)
            m = re.match(r"^(zk_\w+)\t(.*)$", line)
            if m:
                key, value = m.groups()
                if re.fullmatch(r"-?\d+", value):
                    value = "{n}"
                elif re.fullmatch(r"-?[0-9.]+(E-?\d+)?", value):
                    value = "{float}"
                line = key + "\t" + value
        elif word == "conf":
            line = re.sub(r"^(dataDir|dataLogDir)=/.*$", r"\1={path}", line)
            line = re.sub(r"^(dataDirSize|dataLogSize)=\d+$", r"\1={n}", line)
        elif word == "dump":
            in_connections = in_connections or line == "Connections dump:"
            if in_connections and re.match(r"^0 expire at ", line):
                continue  # an emptied connection bucket ZooKeeper keeps until its deadline; see README
            line = DATE.sub("{date}", line)
            line = re.sub(r"^\d+ expire at", "{n} expire at", line)
            line = re.sub(r"\((\d+)\)/\((\d+)\)", "({n})/({n})", line)
            line = re.sub(r"0x[0-9a-f]{6,}", "0x{hex}", line)
            line = ADDR.sub("{addr}", line)
            line = re.sub(r"^Global Sessions\(\d+\):$", "Global Sessions({n}):", line)
            line = re.sub(r"\t\d+ms$", "\t{n}ms", line)
        elif word in ("wchc", "wchp"):
            line = re.sub(r"0x[0-9a-f]{6,}", "0x{hex}", line)
        elif word == "dirs":
            line = re.sub(r": \d+$", ": {n}", line)
        elif word == "envi":
            m = re.match(r"^([\w.]+)=(.*)$", line)
            if m and m.group(2) != "{version}":
                line = m.group(1) + "={any}"
        out.append(line)
    return "\n".join(out) + "\n"

src, dst, words = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(dst, exist_ok=True)
for w in words:
    raw = open(os.path.join(src, w + ".txt"), "rb").read().decode("ascii")
    open(os.path.join(dst, w + ".txt"), "w", newline="\n").write(norm(w, raw))
