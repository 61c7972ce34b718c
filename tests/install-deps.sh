#!/usr/bin/env bash
# Installs the Debian packages the tests use: Apache ZooKeeper 3.8 (server, zkCli.sh, Java client),
# the C client, kazoo, pytest and Curator, and PostgreSQL (the durability tests start a private cluster with its
# initdb/pg_ctl; the Debian service itself is not used). Does nothing when they are all present.
set -euo pipefail
pkgs=(zookeeper zookeeper-bin python3-kazoo python3-pytest libcurator-framework-java libcurator-recipes-java default-jre-headless netcat-openbsd postgresql)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
