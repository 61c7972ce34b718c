#!/usr/bin/env bash
# ensemble.sh - run a ZooKeeper-style ensemble (ActorZk or Apache ZooKeeper 3.8) on one machine, for trying and testing.
#
# Run `ensemble.sh --help` for usage. Layout of DIR (default /tmp/actorzk-ensemble):
#   DIR/ensemble.env        the ensemble's shape (impl, voters, observers, ports, hosts); later commands read it
#   DIR/N/zoo.cfg           member N's configuration (the same server list on every member)
#   DIR/N/data/myid         N
#   DIR/N/pid               pid of the running member (removed when it is stopped)
#   DIR/N/stdout.log        the member's console output (ActorZk logs here; Apache ZooKeeper logs to DIR/N/zookeeper.log)
#
# Ports (all derived from --base-port B, so that ensembles whose base ports are 100 apart never collide):
#   member i (1-based) serves clients on  B + i - 1
#                      quorum port        B + 30 + i - 1
#                      election port      B + 60 + i - 1
#   i.e. at most 30 members, every port inside [B, B+89]. With B=2181: clients 2181.., quorum 2211.., election 2241..
#   Voters are members 1..V, observers V+1..V+O.
set -u

ME=$(basename "$0")
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
ACTORZK_DLL=${ACTORZK_DLL:-$REPO/src/ActorZk.Server/bin/Release/net10.0/ActorZk.Server.dll}
MAX_MEMBERS=30

usage() {
  cat <<USAGE
usage: $ME COMMAND [I] [options]

Commands:
  start             create the ensemble in DIR (every member's zoo.cfg and myid), start all members, wait until
                    each serves; if DIR already holds an ensemble, start its members again with their data
  start I           start member I again (keeps its data and configuration)
  stop [I]          SIGTERM member I (or every member), wait until it exits, report
  kill I            SIGKILL member I (no wait for a clean shutdown)
  status            print each member's id, client port, pid and mode
                    (leader/follower/observer/standalone from the srvr four-letter word, "not serving", or "down")
  help, --help      this text

Options:
  --dir DIR         the ensemble's directory (default /tmp/actorzk-ensemble); every command must name the same one
  --base-port B     member i serves clients on B+i-1; quorum port B+30+i-1, election port B+60+i-1 (default 2181)
  --voters V        number of voting members (start only; default 3)
  --observers O     number of observers (start only; default 0)
  --impl IMPL       actorzk (default) or apache (Apache ZooKeeper 3.8 from the Debian package)  (start only)
  --tick-time MS    tickTime (start only; default 2000); initLimit=10, syncLimit=5
  --hosts LIST      comma-separated address of each member (start only; default 127.0.0.1 for every member)
  --netns PREFIX    run member i inside the network namespace PREFIXi, which must exist (start only; for tests)
  --wait SECONDS    how long start waits for members to serve and stop waits for them to exit (default 120 / 30);
                    (0 = start does not wait)
  --extra LINE      an extra zoo.cfg line for every member (start only; repeatable), e.g. --extra maxClientCnxns=200
  --admin-base-port A
                    member i runs its AdminServer (HTTP, /commands) on its host at port A+i-1 (start only); without
                    this option every member's zoo.cfg says admin.enableServer=false, so that no member takes 8080

Options given to a later command (start I, stop, kill, status) must match the ones the ensemble was started with;
the shape is read from DIR/ensemble.env.

Exit status: 0 success (status: every member serving); 1 a member failed to start, stop or serve in time;
             2 usage error; 3 status: some member is down or not serving.

Examples:
  $ME start --voters 3 --observers 1 --dir /tmp/e1 --base-port 22460 --impl apache
  $ME status --dir /tmp/e1 --base-port 22460
  $ME kill 2 --dir /tmp/e1 --base-port 22460
  $ME start 2 --dir /tmp/e1 --base-port 22460
  $ME stop --dir /tmp/e1 --base-port 22460
USAGE
}

die_usage() { echo "$ME: $*" >&2; echo "run '$ME --help' for usage" >&2; exit 2; }
is_uint() { case "$1" in ''|*[!0-9]*) return 1 ;; *) return 0 ;; esac; }

cmd=""; member=""
dir=/tmp/actorzk-ensemble; base_port=""; voters=""; observers=""; impl=""; tick_time=""; hosts=""; netns=""
wait_s=""; extras=(); admin_base_port=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help|help) usage; exit 0 ;;
    --dir) [ $# -ge 2 ] || die_usage "--dir needs a value"; dir=$2; shift 2 ;;
    --base-port) [ $# -ge 2 ] || die_usage "--base-port needs a value"; base_port=$2; shift 2 ;;
    --voters) [ $# -ge 2 ] || die_usage "--voters needs a value"; voters=$2; shift 2 ;;
    --observers) [ $# -ge 2 ] || die_usage "--observers needs a value"; observers=$2; shift 2 ;;
    --impl) [ $# -ge 2 ] || die_usage "--impl needs a value"; impl=$2; shift 2 ;;
    --tick-time) [ $# -ge 2 ] || die_usage "--tick-time needs a value"; tick_time=$2; shift 2 ;;
    --hosts) [ $# -ge 2 ] || die_usage "--hosts needs a value"; hosts=$2; shift 2 ;;
    --netns) [ $# -ge 2 ] || die_usage "--netns needs a value"; netns=$2; shift 2 ;;
    --wait) [ $# -ge 2 ] || die_usage "--wait needs a value"; wait_s=$2; shift 2 ;;
    --extra) [ $# -ge 2 ] || die_usage "--extra needs a value"; extras+=("$2"); shift 2 ;;
    --admin-base-port) [ $# -ge 2 ] || die_usage "--admin-base-port needs a value"; admin_base_port=$2; shift 2 ;;
    --*) die_usage "unknown option $1" ;;
    *)
      if [ -z "$cmd" ]; then cmd=$1
      elif [ -z "$member" ]; then member=$1
      else die_usage "unexpected argument $1"; fi
      shift ;;
  esac
done
[ -n "$cmd" ] || { usage >&2; exit 2; }
case "$cmd" in start|stop|kill|status) ;; *) die_usage "unknown command $cmd" ;; esac
[ -z "$member" ] || is_uint "$member" || die_usage "member must be a number, got '$member'"
[ -z "$base_port" ] || is_uint "$base_port" || die_usage "--base-port must be a number"
[ -z "$admin_base_port" ] || is_uint "$admin_base_port" || die_usage "--admin-base-port must be a number"
[ -z "$wait_s" ] || is_uint "$wait_s" || die_usage "--wait must be a number of seconds"
[ "$cmd" != kill ] || [ -n "$member" ] || die_usage "kill needs a member number"
[ "$cmd" != status ] || [ -z "$member" ] || die_usage "status takes no member number"

ENV_FILE="$dir/ensemble.env"
fresh_start=false
if [ "$cmd" = start ] && [ -z "$member" ] && [ ! -f "$ENV_FILE" ]; then fresh_start=true; fi

if $fresh_start; then
  voters=${voters:-3}; observers=${observers:-0}; impl=${impl:-actorzk}; tick_time=${tick_time:-2000}
  base_port=${base_port:-2181}
  is_uint "$voters" && [ "$voters" -ge 1 ] || die_usage "--voters must be at least 1"
  is_uint "$observers" || die_usage "--observers must be a number"
  is_uint "$tick_time" && [ "$tick_time" -ge 1 ] || die_usage "--tick-time must be a positive number"
  case "$impl" in actorzk|apache) ;; *) die_usage "--impl must be actorzk or apache" ;; esac
  count=$((voters + observers))
  [ "$count" -le $MAX_MEMBERS ] || die_usage "at most $MAX_MEMBERS members"
  [ "$base_port" -ge 1024 ] && [ $((base_port + 89)) -le 65535 ] || die_usage "--base-port must be in 1024..65446"
  if [ -n "$hosts" ]; then
    IFS=, read -r -a host_list <<< "$hosts"
    [ "${#host_list[@]}" -eq "$count" ] || die_usage "--hosts needs $count addresses, got ${#host_list[@]}"
  else
    host_list=(); for _ in $(seq 1 "$count"); do host_list+=(127.0.0.1); done
    hosts=$(IFS=,; echo "${host_list[*]}")
  fi
else
  [ -f "$ENV_FILE" ] || { echo "$ME: no ensemble in $dir (no $ENV_FILE); run '$ME start --dir $dir' first" >&2; exit 1; }
  # an existing ensemble: its shape comes from ensemble.env; options repeating it must agree with it
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  for pair in "base_port:$BASE_PORT" "voters:$VOTERS" "observers:$OBSERVERS" "impl:$IMPL" "tick_time:$TICK_TIME" \
              "hosts:$HOSTS" "netns:$NETNS"; do
    opt=${pair%%:*}; recorded=${pair#*:}
    if [ -n "${!opt}" ] && [ "${!opt}" != "$recorded" ]; then
      die_usage "the ensemble in $dir was created with --${opt//_/-} '$recorded', not '${!opt}' (remove $dir to create a different one)"
    fi
  done
  [ "${#extras[@]}" -eq 0 ] || die_usage "--extra is only for creating an ensemble"
  voters=$VOTERS; observers=$OBSERVERS; impl=$IMPL; tick_time=$TICK_TIME; base_port=$BASE_PORT; hosts=$HOSTS
  netns=$NETNS
  IFS=, read -r -a host_list <<< "$hosts"
  count=$((voters + observers))
fi
if [ -n "$member" ] && { [ "$member" -lt 1 ] || [ "$member" -gt "$count" ]; }; then
  die_usage "member must be 1..$count"
fi

client_port() { echo $((base_port + $1 - 1)); }
quorum_port() { echo $((base_port + 30 + $1 - 1)); }
election_port() { echo $((base_port + 60 + $1 - 1)); }
host_of() { echo "${host_list[$(($1 - 1))]}"; }
# alive PID: the process exists and is not a zombie (a killed member is reaped by init, sometimes late)
alive() { local state; state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1); [ -n "$state" ] && [ "$state" != Z ]; }
member_pid() { local p; p=$(cat "$dir/$1/pid" 2>/dev/null) || return 1; alive "$p" || return 1; echo "$p"; }

# four-letter word to member i (bounded to 5 s); prints the answer
fourlw() {
  printf '%s' "$2" | timeout 5 nc -w 3 "$(host_of "$1")" "$(client_port "$1")" 2>/dev/null
}

# mode of member i: leader, follower, observer, standalone, read-only, "not serving" or "down"
member_mode() {
  local answer mode
  if ! member_pid "$1" > /dev/null; then echo down; return; fi
  answer=$(fourlw "$1" srvr)
  mode=$(printf '%s\n' "$answer" | sed -n 's/^Mode: *//p' | head -1)
  if [ -n "$mode" ]; then echo "$mode"; else echo "not serving"; fi
}

serving() { case "$(member_mode "$1")" in leader|follower|observer|standalone) return 0 ;; *) return 1 ;; esac; }

write_configs() {
  local i server_lines="" role
  for i in $(seq 1 "$count"); do
    role=participant; [ "$i" -gt "$voters" ] && role=observer
    server_lines+="server.$i=$(host_of "$i"):$(quorum_port "$i"):$(election_port "$i"):$role;$(host_of "$i"):$(client_port "$i")"$'\n'
  done
  for i in $(seq 1 "$count"); do
    mkdir -p "$dir/$i/data"
    {
      echo "# member $i of a $voters-voter, $observers-observer $impl ensemble written by deploy/local/ensemble.sh"
      echo "tickTime=$tick_time"
      echo "initLimit=10"
      echo "syncLimit=5"
      echo "dataDir=$dir/$i/data"
      echo "clientPort=$(client_port "$i")"
      echo "clientPortAddress=$(host_of "$i")"
      echo "4lw.commands.whitelist=*"
      # the AdminServer defaults to 0.0.0.0:8080, which would collide between members: own port or none
      if [ -n "$admin_base_port" ]; then
        echo "admin.enableServer=true"
        echo "admin.serverAddress=$(host_of "$i")"
        echo "admin.serverPort=$((admin_base_port + i - 1))"
      else
        echo "admin.enableServer=false"
      fi
      [ "$i" -gt "$voters" ] && echo "peerType=observer"
      for line in "${extras[@]+"${extras[@]}"}"; do echo "$line"; done
      printf '%s' "$server_lines"
    } > "$dir/$i/zoo.cfg"
    echo "$i" > "$dir/$i/data/myid"
    if [ "$impl" = apache ]; then
      cat > "$dir/$i/log4j.properties" <<'CFG'
log4j.rootLogger=INFO, FILE
log4j.appender.FILE=org.apache.log4j.FileAppender
log4j.appender.FILE.File=${zk.logfile}
log4j.appender.FILE.layout=org.apache.log4j.PatternLayout
log4j.appender.FILE.layout.ConversionPattern=%d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n
CFG
    fi
  done
  cat > "$ENV_FILE" <<ENV
IMPL=$impl
VOTERS=$voters
OBSERVERS=$observers
BASE_PORT=$base_port
TICK_TIME=$tick_time
HOSTS=$hosts
NETNS=$netns
ENV
}

ensure_actorzk_built() {
  [ "$impl" = actorzk ] || return 0
  [ -f "$ACTORZK_DLL" ] && return 0
  echo "building ActorZk ($ACTORZK_DLL is missing)..."
  (cd "$REPO" && timeout 900 dotnet build src/ActorZk.Server/ActorZk.Server.csproj -c Release -nologo -v q) \
    || { echo "$ME: building ActorZk failed" >&2; exit 1; }
  [ -f "$ACTORZK_DLL" ] || { echo "$ME: the build did not produce $ACTORZK_DLL" >&2; exit 1; }
}

launch() {
  local i=$1 mdir="$dir/$1" pid cp prefix=()
  if pid=$(member_pid "$i"); then echo "member $i is already running (pid $pid)"; return 0; fi
  [ -f "$mdir/zoo.cfg" ] || { echo "$ME: $mdir/zoo.cfg is missing" >&2; return 1; }
  [ -n "$netns" ] && prefix=(ip netns exec "$netns$i")
  if [ "$impl" = apache ]; then
    cp="/usr/share/java/zookeeper.jar:/usr/share/java/*"
    if [ -f /usr/share/java/slf4j-log4j12.jar ] && [ -f /usr/share/java/log4j-1.2.jar ]; then
      cp="/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"
      # Debian's zookeeper.jar names Jetty in its Class-Path but not the servlet API, without which the AdminServer
      # does not start ("Unable to load jetty"); zoo.cfg's admin.* keys (set by --admin-base-port) override the
      # -Dzookeeper.admin.enableServer=false below, as ZooKeeper turns unknown zoo.cfg keys into system properties.
      [ -f /usr/share/java/servlet-api.jar ] && cp="$cp:/usr/share/java/servlet-api.jar"
    fi
    # ZooKeeper reads readonlymode.enabled only as a JVM property (a zoo.cfg key would become zookeeper.readonlymode.*);
    # ActorZk reads the zoo.cfg key. Map it so one zoo.cfg means the same to both.
    local jvm_extra=()
    if grep -qE '^readonlymode\.enabled=true' "$mdir/zoo.cfg"; then jvm_extra+=(-Dreadonlymode.enabled=true); fi
    # the container sweep's period is read without the "zookeeper." prefix zoo.cfg keys get: map it too
    local sweep
    sweep=$(sed -n 's/^znode\.container\.checkIntervalMs=\([0-9]*\)$/\1/p' "$mdir/zoo.cfg" | tail -1)
    if [ -n "$sweep" ]; then jvm_extra+=(-Dznode.container.checkIntervalMs="$sweep"); fi
    setsid "${prefix[@]+"${prefix[@]}"}" java -Xmx256m -XX:+UseSerialGC "${jvm_extra[@]+"${jvm_extra[@]}"}" \
        -Dzk.logfile="$mdir/zookeeper.log" -Dlog4j.configuration="file:$mdir/log4j.properties" \
        -Dzookeeper.admin.enableServer=false -Djava.net.preferIPv4Stack=true \
        -cp "$cp" org.apache.zookeeper.server.quorum.QuorumPeerMain "$mdir/zoo.cfg" \
        >> "$mdir/stdout.log" 2>&1 < /dev/null &
  else
    setsid "${prefix[@]+"${prefix[@]}"}" dotnet "$ACTORZK_DLL" "$mdir/zoo.cfg" >> "$mdir/stdout.log" 2>&1 < /dev/null &
  fi
  pid=$!
  echo "$pid" > "$mdir/pid"
  echo "member $i started: pid $pid, client port $(host_of "$i"):$(client_port "$i"), dir $mdir"
}

wait_serving() {   # wait_serving SECONDS I...
  local limit=$1 deadline i pending; shift
  deadline=$((SECONDS + limit))
  pending=("$@")
  while [ "${#pending[@]}" -gt 0 ]; do
    local still=()
    for i in "${pending[@]}"; do
      if ! member_pid "$i" > /dev/null; then
        echo "$ME: member $i exited; last lines of $dir/$i/stdout.log:" >&2
        tail -15 "$dir/$i/stdout.log" >&2; return 1
      fi
      serving "$i" || still+=("$i")
    done
    pending=("${still[@]+"${still[@]}"}")
    [ "${#pending[@]}" -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$ME: member(s) ${pending[*]} not serving after ${limit}s (a member serves only once a quorum of voters is up)" >&2
      return 1
    fi
    sleep 0.5
  done
  return 0
}

stop_member() {   # stop_member I SECONDS -> 0 stopped (or was not running), 1 still running
  local i=$1 limit=$2 pid deadline
  if ! pid=$(member_pid "$i"); then rm -f "$dir/$i/pid"; echo "member $i: not running"; return 0; fi
  kill -TERM "$pid" 2>/dev/null
  deadline=$((SECONDS + limit))
  while alive "$pid"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "member $i: pid $pid still running ${limit}s after SIGTERM (use '$ME kill $i')" >&2; return 1
    fi
    sleep 0.2
  done
  rm -f "$dir/$i/pid"
  echo "member $i: stopped (pid $pid)"
}

all_members() { seq 1 "$count"; }

case "$cmd" in
start)
  if [ -z "$member" ]; then
    mkdir -p "$dir" || exit 1
    dir=$(cd "$dir" && pwd); ENV_FILE="$dir/ensemble.env"
    ensure_actorzk_built
    if $fresh_start; then write_configs; else echo "restarting the ensemble in $dir (its data is kept)"; fi
    for i in $(all_members); do launch "$i" || exit 1; done
    mapfile -t targets < <(all_members)
  else
    dir=$(cd "$dir" && pwd)
    ensure_actorzk_built
    launch "$member" || exit 1
    targets=("$member")
  fi
  [ "${wait_s:-120}" -eq 0 ] && exit 0
  wait_serving "${wait_s:-120}" "${targets[@]}" || exit 1
  echo "serving: member(s) ${targets[*]}"
  ;;
stop)
  rc=0
  if [ -n "$member" ]; then stop_member "$member" "${wait_s:-30}" || rc=1
  else for i in $(all_members); do stop_member "$i" "${wait_s:-30}" || rc=1; done; fi
  exit $rc
  ;;
kill)
  if pid=$(member_pid "$member"); then
    kill -KILL "$pid"
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.05; done
    rm -f "$dir/$member/pid"
    echo "member $member: killed (pid $pid)"
  else
    rm -f "$dir/$member/pid"; echo "member $member: not running"
  fi
  ;;
status)
  rc=0
  printf '%-4s %-8s %-22s %-8s %s\n' id role client pid mode
  for i in $(all_members); do
    role=voter; [ "$i" -gt "$voters" ] && role=observer
    pid=$(member_pid "$i") || pid=-
    mode=$(member_mode "$i")
    case "$mode" in leader|follower|observer|standalone) ;; *) rc=3 ;; esac
    printf '%-4s %-8s %-22s %-8s %s\n' "$i" "$role" "$(host_of "$i"):$(client_port "$i")" "$pid" "$mode"
  done
  exit $rc
  ;;
esac
