#!/bin/sh
# ActorZk container entrypoint.
#   ACTORZK_CONFIG   zoo.cfg to use (default /conf/zoo.cfg; without one, a standalone config on /data is written)
#   ACTORZK_MYID     this member's id; if unset, taken from the host name's ordinal suffix + 1 (StatefulSet pod
#                    actorzk-0 -> myid 1, actorzk-2 -> myid 3), as server.N lines count from 1
# The myid file goes into the config's dataDir. Exits non-zero with a message when neither gives an id but the
# config has server.N lines.
set -eu
config=${ACTORZK_CONFIG:-/conf/zoo.cfg}
if [ ! -f "$config" ]; then
  config=/tmp/zoo.cfg
  sed "s|^dataDir=.*|dataDir=/data|" /opt/actorzk/zoo-standalone.cfg > "$config"
fi
data_dir=$(sed -n 's/^[[:space:]]*dataDir[[:space:]]*=[[:space:]]*//p' "$config" | tail -1)
data_dir=${data_dir:-/data}
mkdir -p "$data_dir"

if grep -q '^[[:space:]]*server\.[0-9]' "$config"; then
  myid=${ACTORZK_MYID:-}
  if [ -z "$myid" ]; then
    host=$(hostname)
    ordinal=${host##*-}
    case "$ordinal" in
      ''|*[!0-9]*) echo "actorzk-entrypoint: set ACTORZK_MYID (host name '$host' has no -N ordinal)" >&2; exit 64 ;;
    esac
    myid=$((ordinal + 1))
  fi
  if ! grep -q "^[[:space:]]*server\.$myid[[:space:]]*=" "$config"; then
    echo "actorzk-entrypoint: myid $myid has no server.$myid line in $config" >&2; exit 64
  fi
  echo "$myid" > "$data_dir/myid"
  echo "actorzk-entrypoint: myid $myid, config $config, dataDir $data_dir"
fi
exec dotnet /opt/actorzk/ActorZk.Server.dll "$config"
