#!/usr/bin/env bash
# Webview kernel benchmarks in a real VS Code: `bash bench/webview/run.sh`.
# Builds the extension (and out/kernel-web.js), bundles bench/webview/bench.ts as an
# extension-test entry, starts a fresh code-server (as test/e2e/run.sh does) and runs it
# through test/e2e/ext-tests.js in headless Chromium. Prints the numbers; the JSON summary
# lands in test-results/bench-webview.json.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CS_VERSION=${CS_VERSION:-4.100.3}
CS_DIR=$ROOT/.vscode-test/code-server-$CS_VERSION
CS_BIN=$CS_DIR/node_modules/.bin/code-server
RUN=$(mktemp -d "${TMPDIR:-/tmp}/nnbook-bench-XXXXXX")
PGID=
cleanup() {
  if [ -n "$PGID" ]; then kill -TERM -- "-$PGID" 2>/dev/null || true; sleep 1; kill -KILL -- "-$PGID" 2>/dev/null || true; fi
  rm -rf "$RUN"
}
trap cleanup EXIT

node esbuild.js
# until esbuild.js has the kernel-web entry, build it here
[ -f out/kernel-web.js ] || npx esbuild runtime/web/main.ts --bundle --platform=browser --format=iife --target=es2022 \
  --define:process.env.NODE_DEBUG=undefined --outfile=out/kernel-web.js --log-level=warning
npx esbuild bench/webview/bench.ts --bundle --platform=node --format=cjs --target=es2022 --external:vscode \
  --outfile=out/bench/webview.js --log-level=warning
bash test/e2e/install-code-server.sh "$CS_DIR" "$CS_VERSION"

d=$RUN/cs
mkdir -p "$d/udd/User" "$d/ext" "$d/xdg/config" "$d/xdg/data" "$d/xdg/cache" "$d/xdg/state" "$RUN/ws"
cp test/e2e/settings.json "$d/udd/User/settings.json"
cp test/e2e/cs-config.yaml "$d/config.yaml"
PORT=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
RESULT=$ROOT/test-results/bench-webview.json
mkdir -p "$(dirname "$RESULT")"
setsid bash -c 'echo $$ > "$0"; exec env "$@"' "$d/pgid" \
  XDG_CONFIG_HOME="$d/xdg/config" XDG_DATA_HOME="$d/xdg/data" XDG_CACHE_HOME="$d/xdg/cache" XDG_STATE_HOME="$d/xdg/state" \
  EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/items","resourceUrlTemplate":"http://127.0.0.1:9/r"}' \
  NNBOOK_TEST_RESULT="$RESULT" \
  "$CS_BIN" --config "$d/config.yaml" --user-data-dir "$d/udd" --extensions-dir "$d/ext" \
  --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-getting-started-override --disable-workspace-trust "$RUN/ws" > "$d/code-server.log" 2>&1 &
for _ in $(seq 1 50); do [ -s "$d/pgid" ] && break; sleep 0.1; done
PGID=$(cat "$d/pgid")
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.25; done
node test/e2e/ext-tests.js --port "$PORT" --folder "$RUN/ws" --dev "$ROOT" --tests "$ROOT/out/bench/webview.js" \
  --result "$RESULT" --shot "$ROOT/test-results/bench-webview-failure.png" --console "$RUN/console.log" --timeout 900
