#!/usr/bin/env bash
# Installs what `npm run test:queue` needs beyond real n8n (scripts/n8n/install.sh): Debian's Redis and
# PostgreSQL server binaries. Nothing is started or enabled as a service; the suite runs its own servers on
# 127.0.0.1 and stops them by pid.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if ((${#missing[@]})); then
  echo "[queue] installing ${missing[*]} from Debian's packages" >&2
  SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the packaged services where it can; the suite does not use them.
  $SUDO service redis-server stop >/dev/null 2>&1 || true
  $SUDO service postgresql stop >/dev/null 2>&1 || true
fi
echo "[queue] redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), $(ls -d /usr/lib/postgresql/*/bin/postgres)" >&2
