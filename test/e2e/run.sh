#!/usr/bin/env bash
# `npm run test:e2e`: nnbook inside a real VS Code (code-server 4.100.3 = VS Code 1.100.3, from npm)
# driven by Debian's Chromium through playwright-core. Suites, each against its own fresh
# code-server (own user-data-dir, extensions-dir, XDG dirs, free loopback port):
#   integration  mocha inside the extension host (test/integration/, bundled to out/test/integration.js)
#   ui           every samples/*.nnbook: saved outputs drawn; the fast ones: Run All, all cells succeed
#   trust        workspace trust enabled, folder untrusted: running a cell is refused, nothing runs
#   panel        the webview kernel's panel: backend, renderer, tensors, running cell; Stop; next cell runs
# Ends with exactly one line `e2e: N passed, M failed`; exits non-zero on any failure.
# Artifacts: test-results/e2e/ (screenshots always; on failure also the browser console logs,
# the code-server logs and the extension host logs).
#
# Env: E2E_ONLY=integration,ui,trust,panel  run only these suites
#      E2E_KEEP=1                     keep the temp run dir (its path is printed)
#      NNBOOK_TEST_GREP=regex         integration: only tests whose full title matches
#      E2E_SAMPLES="a b"              ui: only these samples (file names without .nnbook)
#      CS_VERSION (default 4.100.3), CHROMIUM (default /usr/bin/chromium)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
E2E=$ROOT/test/e2e
CS_VERSION=${CS_VERSION:-4.100.3}
CS_DIR=$ROOT/.vscode-test/code-server-$CS_VERSION
CS_BIN=$CS_DIR/node_modules/.bin/code-server
ART=$ROOT/test-results/e2e
ONLY=${E2E_ONLY:-integration,ui,trust,panel}
cd "$ROOT"

RUN=$(mktemp -d "${TMPDIR:-/tmp}/nnbook-e2e-XXXXXX")
RES=$RUN/results
mkdir -p "$RES"
rm -rf "$ART"; mkdir -p "$ART"
GROUPS_FILE=$RUN/pgids   # process groups we started (code-server + its extension hosts)
: > "$GROUPS_FILE"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
say() { echo "[e2e] $*"; }

kill_group() {   # TERM the whole process group, KILL what is left after 5 s
  local g=$1
  kill -TERM -- "-$g" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 -- "-$g" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$g" 2>/dev/null || true
}
cleanup() {
  local g
  while read -r g; do [ -n "$g" ] && kill_group "$g"; done < "$GROUPS_FILE"
  : > "$GROUPS_FILE"
}
on_exit() {
  cleanup
  if [ -z "${E2E_KEEP:-}" ]; then rm -rf "$RUN"; fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# a failure outside any suite (build, packaging, install) still counts in the total
setup_fail() {
  node -e 'const [f, n, e] = process.argv.slice(1); require("fs").writeFileSync(f, JSON.stringify({suite: "setup", passed: 0, failed: 1, tests: [{name: n, ok: false, error: e}]}))' \
    "$RES/setup-$1.json" "setup: $1" "$2"
}

summary() {
  node - "$RES" <<'EOF'
const fs = require('fs'), path = require('path');
const dir = process.argv[2];
let passed = 0, failed = 0;
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  passed += r.passed; failed += r.failed;
  for (const t of r.tests.filter((t) => !t.ok)) {
    console.log(`FAILED [${r.suite}] ${t.name}\n    ${String(t.error || '').split('\n').slice(0, 12).join('\n    ')}`);
  }
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
EOF
}

finish() {
  cleanup
  local failed=0
  for f in "$RES"/*.json; do
    [ -e "$f" ] || continue
    node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1])).failed ? 1 : 0)' "$f" || failed=1
  done
  cp "$RES"/*.json "$ART"/ 2>/dev/null || true
  if [ $failed = 1 ]; then
    for d in "$RUN"/cs-*; do
      [ -d "$d" ] || continue
      local n=${d##*/cs-}
      cp "$d/code-server.log" "$ART/$n-code-server.log" 2>/dev/null || true
      [ -d "$d/udd/logs" ] && cp -r "$d/udd/logs" "$ART/$n-vscode-logs" 2>/dev/null || true
    done
    cp "$RUN"/console-*.log "$ART"/ 2>/dev/null || true
    say "artifacts (screenshots, browser console, code-server and extension host logs): $ART"
  else
    say "screenshots: $ART"
  fi
  [ -n "${E2E_KEEP:-}" ] && say "run dir kept: $RUN"
  summary   # prints the final `e2e: N passed, M failed` line
  exit $?
}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# start_cs NAME FOLDER SETTINGS_JSON [extra code-server args…]  → sets CS_PORT
start_cs() {
  local name=$1 folder=$2 settings=$3; shift 3
  local d=$RUN/cs-$name
  mkdir -p "$d/udd/User" "$d/ext" "$d/xdg/config" "$d/xdg/data" "$d/xdg/cache" "$d/xdg/state"
  cp "$settings" "$d/udd/User/settings.json"
  cp "$E2E/cs-config.yaml" "$d/config.yaml"
  local -a env=(XDG_CONFIG_HOME="$d/xdg/config" XDG_DATA_HOME="$d/xdg/data" XDG_CACHE_HOME="$d/xdg/cache" XDG_STATE_HOME="$d/xdg/state"
    EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/items","resourceUrlTemplate":"http://127.0.0.1:9/r"}'
    NNBOOK_TEST_RESULT="$RES/integration.json")
  local -a cs=("$CS_BIN" --config "$d/config.yaml" --user-data-dir "$d/udd" --extensions-dir "$d/ext")
  env "${env[@]}" "${cs[@]}" --install-extension "$RUN/nnbook.vsix" > "$d/install.log" 2>&1 \
    || { cat "$d/install.log"; return 1; }
  CS_PORT=$(free_port)
  # setsid: code-server leads a new process group (its pid is the group id), so one kill
  # reaches the server, its extension hosts and the kernels they started
  setsid bash -c 'echo $$ > "$0"; exec env "$@"' "$d/pgid" "${env[@]}" "${cs[@]}" \
    --bind-addr "127.0.0.1:$CS_PORT" --auth none --disable-telemetry --disable-update-check \
    --disable-getting-started-override "$@" "$folder" > "$d/code-server.log" 2>&1 &
  local i
  for i in $(seq 1 50); do [ -s "$d/pgid" ] && break; sleep 0.1; done
  cat "$d/pgid" >> "$GROUPS_FILE"
  for i in $(seq 1 240); do
    curl -sf -o /dev/null "http://127.0.0.1:$CS_PORT/healthz" && { say "code-server ($name) on 127.0.0.1:$CS_PORT, pgid $(cat "$d/pgid")"; return 0; }
    kill -0 "$(cat "$d/pgid")" 2>/dev/null || break
    sleep 0.25
  done
  echo "code-server ($name) did not come up:"; tail -20 "$d/code-server.log"
  return 1
}

want() { [[ ",$ONLY," == *",$1,"* ]]; }
# a suite that crashed before writing its results counts as one failure
need_result() { [ -f "$RES/$1.json" ] || setup_fail "$1" "the $1 suite wrote no results (crashed: see its output above)"; }

# ---------------------------------------------------------------- setup
t=$(now)
say "build"
npm run build --silent || { setup_fail build "npm run build failed"; finish; }
if want integration && [ ! -f out/test/integration.js ]; then setup_fail build "out/test/integration.js was not built"; finish; fi
say "package"
# (retried: vsce zips whatever the tree holds, and a file another process rewrites meanwhile
#  — a concurrent build's out/, test-results/ — fails it with "unexpected number of bytes")
for try in 1 2 3; do
  npx vsce package --no-dependencies --allow-missing-repository --skip-license -o "$RUN/nnbook.vsix" < /dev/null > "$RUN/vsce.log" 2>&1 && break
  [ $try = 3 ] && { cat "$RUN/vsce.log"; setup_fail package "vsce package failed: $(tail -5 "$RUN/vsce.log")"; finish; }
  say "vsce package failed (try $try): $(grep -m1 -i error "$RUN/vsce.log")"; sleep 2
done
bash "$E2E/install-code-server.sh" "$CS_DIR" "$CS_VERSION" || { setup_fail code-server "code-server install failed"; finish; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { setup_fail chromium "no ${CHROMIUM:-/usr/bin/chromium}: apt-get install -y chromium"; finish; }
say "setup: $(secs "$t") s"

# ---------------------------------------------------------------- suites
TIMES=()
if want integration; then
  t=$(now)
  say "suite integration (extension host)"
  cp -r "$ROOT/test/integration/fixtures/ws" "$RUN/ws-integration"
  if start_cs integration "$RUN/ws-integration" "$E2E/settings.json" --disable-workspace-trust; then
    node "$E2E/ext-tests.js" --port "$CS_PORT" --folder "$RUN/ws-integration" --dev "$ROOT" \
      --tests "$ROOT/out/test/integration.js" --result "$RES/integration.json" \
      --shot "$ART/integration-failure.png" --console "$RUN/console-integration.log"
  else say "code-server did not start for the integration suite"; fi
  cleanup
  need_result integration
  TIMES+=("integration $(secs "$t") s")
  say "suite integration: $(secs "$t") s"
fi

if want ui; then
  t=$(now)
  say "suite ui (samples in the workbench)"
  cp -r "$ROOT/samples" "$RUN/ws-samples"
  cp -r "$E2E/fixtures/ui" "$RUN/ws-samples/e2e-fixtures"   # the output gallery
  if start_cs ui "$RUN/ws-samples" "$E2E/settings.json" --disable-workspace-trust; then
    node "$E2E/ui.js" --url "http://127.0.0.1:$CS_PORT/?folder=$RUN/ws-samples" --dir "$RUN/ws-samples" \
      --out "$ART" --result "$RES/ui.json" --console "$RUN/console-ui.log" --only "${E2E_SAMPLES:-}"
  else say "code-server did not start for the ui suite"; fi
  cleanup
  need_result ui
  TIMES+=("ui $(secs "$t") s")
  say "suite ui: $(secs "$t") s"
fi

if want trust; then
  t=$(now)
  say "suite trust (workspace trust enabled, folder untrusted)"
  cp -r "$E2E/fixtures/trust" "$RUN/ws-trust"
  node -e 'const [a, b] = process.argv.slice(1); const s = JSON.parse(require("fs").readFileSync(a, "utf8"));
    Object.assign(s, {"security.workspace.trust.enabled": true, "security.workspace.trust.startupPrompt": "never",
      "security.workspace.trust.banner": "always"});
    require("fs").writeFileSync(b, JSON.stringify(s, null, 2));' "$E2E/settings.json" "$RUN/settings-trust.json"
  if start_cs trust "$RUN/ws-trust" "$RUN/settings-trust.json"; then   # no --disable-workspace-trust
    node "$E2E/trust.js" --url "http://127.0.0.1:$CS_PORT/?folder=$RUN/ws-trust" --dir "$RUN/ws-trust" \
      --out "$ART" --result "$RES/trust.json" --console "$RUN/console-trust.log"
  else say "code-server did not start for the trust suite"; fi
  cleanup
  need_result trust
  TIMES+=("trust $(secs "$t") s")
  say "suite trust: $(secs "$t") s"
fi

if want panel; then
  t=$(now)
  say "suite panel (webview kernel panel)"
  mkdir -p "$RUN/ws-panel"   # panel.js writes its notebook here
  if start_cs panel "$RUN/ws-panel" "$E2E/settings.json" --disable-workspace-trust; then
    node "$E2E/panel.js" --url "http://127.0.0.1:$CS_PORT/?folder=$RUN/ws-panel" --dir "$RUN/ws-panel" \
      --out "$ART" --result "$RES/panel.json" --console "$RUN/console-panel.log"
  else say "code-server did not start for the panel suite"; fi
  cleanup
  need_result panel
  TIMES+=("panel $(secs "$t") s")
  say "suite panel: $(secs "$t") s"
fi

for x in "${TIMES[@]}"; do say "wall time: $x"; done
finish
