#!/usr/bin/env bash
# Installs the Debian packages the tests use: Apache ZooKeeper 3.8 (server, zkCli.sh, Java client; the servlet API,
# which its AdminServer needs and its package does not put on the classpath),
# the C client, kazoo, pytest and Curator, and PostgreSQL (the durability tests start a private cluster with its
# initdb/pg_ctl; the Debian service itself is not used); Node.js and npm when `node` is missing, and the npm
# packages of the interop suite's node client (`npm ci`, from its package-lock.json). Does nothing when they are
# all present.
set -euo pipefail
pkgs=(zookeeper zookeeper-bin libservlet-api-java python3-kazoo python3-pytest libcurator-framework-java libcurator-recipes-java default-jre-headless netcat-openbsd postgresql)
missing=()
# Node.js may come from elsewhere than Debian (then no dpkg entry): only ask for it when there is no `node`
if ! command -v node >/dev/null 2>&1; then pkgs+=(nodejs npm); elif ! command -v npm >/dev/null 2>&1; then pkgs+=(npm); fi
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages of tests/interop/node, again only when node_modules is missing or was installed from another
# package-lock.json (the lock file's hash is kept next to the installed packages)
node_suite="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/interop/node"
lock_hash=$(sha256sum "$node_suite/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$node_suite/node_modules/.lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
  echo "Installing npm packages in tests/interop/node (npm ci)"
  (cd "$node_suite" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock_hash" > "$node_suite/node_modules/.lock-hash"
fi
