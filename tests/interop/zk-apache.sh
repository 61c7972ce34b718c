#!/usr/bin/env bash
# Start / stop a private Apache ZooKeeper 3.8 (Debian packages) in standalone
# mode, listening on 127.0.0.1:PORT only, with all state and logs under DIR.
#
#   zk-apache.sh start DIR PORT [ADMIN_PORT]   # returns once `ruok` answers `imok`
#   zk-apache.sh stop  DIR        # stops exactly the process group of the PID in DIR/pid (started under setsid)
#
# JVM system properties enable the same features ActorZk enables via zoo.cfg:
#   zookeeper.extendedTypesEnabled=true    TTL nodes (EphemeralType.java)
#   zookeeper.4lw.commands.whitelist=*     all four-letter words
#   znode.container.checkIntervalMs=1000   ContainerManager sweep period
#                                          (note: no "zookeeper." prefix)
#   zookeeper.admin.enableServer=false     no Jetty admin server on :8080, unless ADMIN_PORT is given:
#                                          then it serves on 127.0.0.1:ADMIN_PORT (servlet-api.jar is added
#                                          to the classpath: Debian's zookeeper.jar manifest lacks it, and
#                                          without it ZooKeeper logs "Unable to load jetty" and runs none)
set -u

. "$(dirname "${BASH_SOURCE[0]}")/zk-lib.sh"
[ "$cmd" = stop ] && stop_server "Apache ZooKeeper"

prepare_start
cat > "$dir/zoo.cfg" <<CFG
tickTime=1000
initLimit=10
syncLimit=5
dataDir=$dir/data
clientPort=$port
clientPortAddress=127.0.0.1
# session-expiry tests use a 2 s session; ZooKeeper clamps requested
# timeouts into [minSessionTimeout, maxSessionTimeout]
minSessionTimeout=2000
maxSessionTimeout=60000
maxClientCnxns=200
# the default 1 MB jute.maxbuffer applies (oversized-data tests rely on it)
CFG
cat > "$dir/log4j.properties" <<'CFG'
log4j.rootLogger=INFO, FILE
log4j.appender.FILE=org.apache.log4j.FileAppender
log4j.appender.FILE.File=${zk.logfile}
log4j.appender.FILE.layout=org.apache.log4j.PatternLayout
log4j.appender.FILE.layout.ConversionPattern=%d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n
CFG
cp="/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"
admin=(-Dzookeeper.admin.enableServer=false)
if [ -n "$admin_port" ]; then
  cp="$cp:/usr/share/java/servlet-api.jar"
  admin=(-Dzookeeper.admin.serverAddress=127.0.0.1 "-Dzookeeper.admin.serverPort=$admin_port")
fi
setsid java -Xmx512m \
    -Dzk.logfile="$dir/zookeeper.log" \
    -Dlog4j.configuration="file:$dir/log4j.properties" \
    -Dzookeeper.extendedTypesEnabled=true \
    "-Dzookeeper.4lw.commands.whitelist=*" \
    -Dznode.container.checkIntervalMs=1000 \
    "${admin[@]}" \
    -Djava.net.preferIPv4Stack=true \
    -cp "$cp" org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zoo.cfg" \
    > "$dir/stdout.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$dir/pid"
# wait (bounded: 60 s) for ruok -> imok
for _ in $(seq 1 120); do
  if [ "$(fourlw "$port" ruok)" = "imok" ]; then
    # NOTE: ZooKeeper answers ruok as soon as the listener is up, even while
    # it is still loading its database ("imok" does not mean "serving");
    # srvr tells the difference ("not currently serving requests")
    for _ in $(seq 1 60); do
      case "$(fourlw "$port" srvr)" in
        *"Mode: "*) break ;;
      esac
      sleep 0.5
    done
    echo "Apache ZooKeeper started: pid $pid, 127.0.0.1:$port, dir $dir"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "ZooKeeper exited during startup; see $dir/stdout.log $dir/zookeeper.log" >&2
    tail -20 "$dir/stdout.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "ZooKeeper did not answer ruok within 60 s" >&2
kill "$pid" 2>/dev/null
exit 1
