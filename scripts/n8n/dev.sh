#!/usr/bin/env bash
# `npm run dev`: real n8n 2.41.1 with this package installed, the Graph sandbox, a sandbox credential and the
# example workflows, on http://127.0.0.1:5678. Ctrl+C stops n8n and the sandbox.
#
#   N8N_E2E_HOME     cache root (default: $HOME/.cache/n8n-nodes-instagram-publisher)
#   N8N_DEV_PORT     n8n port (default 5678)      SANDBOX_PORT   sandbox port (default 4567)
#   N8N_DEV_FRESH=1  start from an empty user folder (drops the dev owner account, workflows, executions)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N8N_VERSION=2.41.1
CACHE_ROOT="${N8N_E2E_HOME:-$HOME/.cache/n8n-nodes-instagram-publisher}"
P="$CACHE_ROOT/n8n-$N8N_VERSION"
DEV="$CACHE_ROOT/dev"
PORT="${N8N_DEV_PORT:-5678}"
SANDBOX_PORT="${SANDBOX_PORT:-4567}"
SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT"
PKG=n8n-nodes-instagram-publisher

log() { printf '[dev] %s\n' "$*" >&2; }

port_busy() { node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$1"; }
wait_http() { # url seconds
  for _ in $(seq 1 $(($2 * 4))); do
    node -e 'require("http").get(process.argv[1],r=>process.exit(r.statusCode<500?0:1)).on("error",()=>process.exit(1))' "$1" && return 0
    sleep 0.25
  done
  return 1
}

bash "$ROOT/scripts/n8n/install.sh"
(cd "$ROOT" && npm run build --silent)

for p in "$PORT" "$SANDBOX_PORT"; do
  if port_busy "$p"; then log "port $p is in use (another npm run dev?); stop it or set N8N_DEV_PORT / SANDBOX_PORT"; exit 1; fi
done

CHILDREN=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${CHILDREN[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  log "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Graph sandbox (own process group, so cleanup reaches npm's ts-node child too)
log "starting the Graph sandbox on $SANDBOX_URL"
mkdir -p "$DEV"
(cd "$ROOT" && SANDBOX_PORT="$SANDBOX_PORT" exec setsid npm run sandbox --silent >"$DEV/sandbox.log" 2>&1) &
CHILDREN+=("$!")
wait_http "$SANDBOX_URL/__sandbox/feeds/news.xml" 30 || { log "sandbox did not start:"; cat "$DEV/sandbox.log" >&2; exit 1; }

# 2. Persistent user folder with the package installed as a community package
[[ "${N8N_DEV_FRESH:-0}" == "1" ]] && rm -rf "$DEV/.n8n"
mkdir -p "$DEV/.n8n/nodes/node_modules" "$DEV/tmp"
if [[ ! -f "$DEV/.n8n/database.sqlite" ]]; then
  cp "$P/template/.n8n/database.sqlite"* "$DEV/.n8n/"
fi
# The package is installed as a copy of package.json + dist/ (like n8n's own install), not a symlink: n8n's hot
# reload clears require.cache only under the package folder's own path, so a symlinked package would reload stale
# code. A watcher below re-copies dist/ after each build, and n8n (N8N_DEV_RELOAD) reloads the node.
PKG_DIR="$DEV/.n8n/nodes/node_modules/$PKG"
if [[ -L "$PKG_DIR" ]]; then rm -f "$PKG_DIR"; fi
mkdir -p "$PKG_DIR"
find "$PKG_DIR" -maxdepth 1 -type l -delete   # never write through links into the project
dist_signature() { find "$ROOT/dist" -type f -printf '%T@ %s %p\n' 2>/dev/null | sort | md5sum | cut -d' ' -f1; }
sync_package() {
  [[ -f "$ROOT/dist/nodes/Instagram/Instagram.node.js" ]] || return 1
  node -e 'const p=require(process.argv[1]);for(const k of ["devDependencies","peerDependencies","optionalDependencies","scripts"])delete p[k];require("fs").writeFileSync(process.argv[2],JSON.stringify(p,null,2))' \
    "$ROOT/package.json" "$PKG_DIR/package.json"
  rm -rf "$PKG_DIR/dist.new" && cp -R "$ROOT/dist" "$PKG_DIR/dist.new"
  rm -rf "$PKG_DIR/dist" && mv "$PKG_DIR/dist.new" "$PKG_DIR/dist"
}
sync_package || { log "dist/ has no node: the build did not produce dist/nodes/Instagram/Instagram.node.js"; exit 1; }
watch_dist() { # copy dist/ into the user folder once a rebuild has settled (same signature on two polls)
  local synced last sig
  synced="$(dist_signature)"; last="$synced"
  while sleep 2; do
    sig="$(dist_signature)"
    if [[ "$sig" == "$last" && "$sig" != "$synced" ]] && sync_package; then
      synced="$sig"; log "dist/ changed: copied into the user folder (n8n reloads the node)"
    fi
    last="$sig"
  done
}

export PATH="$P/bin:$PATH"
unset NODE_OPTIONS NODE_ENV
export N8N_USER_FOLDER="$DEV" TMPDIR="$DEV/tmp"
export N8N_ENCRYPTION_KEY=n8n-nodes-instagram-publisher-e2e-key
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false
export N8N_UNVERIFIED_PACKAGES_ENABLED=true
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT="$PORT" N8N_SECURE_COOKIE=false N8N_DEV_RELOAD=true
N8N=("$P/bin/node" "$P/n8n/node_modules/n8n/bin/n8n")

# 3. Sandbox credential + the examples (re-imported each start: edits to the example workflows are overwritten,
#    their static data is kept)
log "importing the sandbox credential and examples/*.json"
(cd "$ROOT" && PATH="${PATH#"$P/bin:"}" npx ts-node --transpile-only scripts/n8n/prepare-dev.ts "$SANDBOX_URL" "$DEV/import")
"${N8N[@]}" import:credentials --input="$DEV/import/credentials.json" >/dev/null
"${N8N[@]}" import:workflow --separate --input="$DEV/import/workflows" >/dev/null

watch_dist &
CHILDREN+=("$!")

# 4. n8n
log "starting n8n $N8N_VERSION (user folder $DEV)"
(exec setsid "${N8N[@]}" start) &
CHILDREN+=("$!")
N8N_PID="${CHILDREN[-1]}"
if wait_http "http://127.0.0.1:$PORT/healthz/readiness" 90; then
  cat >&2 <<EOF

  n8n is ready:      http://127.0.0.1:$PORT
  First visit:       n8n asks you to set up an owner account; it stays in $DEV (local only, any email works).
  Graph sandbox:     $SANDBOX_URL   (requests: $SANDBOX_URL/__sandbox/requests, log: $DEV/sandbox.log)
  Credential:        "Instagram account (Graph sandbox)" (Access Token, Base URL = the sandbox)
  Workflows:         the examples/ workflows; run them with "Execute workflow".
  After a rebuild:   npm run build (or tsc --watch): dist/ is copied in and n8n reloads the node by itself
  Stop:              Ctrl+C

EOF
else
  log "n8n did not become ready within 90 s"
fi
wait "$N8N_PID"
