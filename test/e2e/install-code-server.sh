#!/usr/bin/env bash
# Install code-server (VS Code's server + web workbench) from the npm registry only,
# cached under .vscode-test/code-server-<version>/ (git-ignored) and reused between runs.
#   usage: test/e2e/install-code-server.sh [DEST] [VERSION]
#   default DEST = <repo>/.vscode-test/code-server-$VERSION, VERSION = 4.100.3 (= VS Code 1.100.3, Node 20)
# Prints nothing but a "cached" line when DEST already holds a working install.
#
# Plain `npm install code-server` does not work offline: its postinstall downloads ripgrep from
# GitHub and builds kerberos (needs gssapi headers). So: --ignore-scripts, then rebuild the Linux
# native modules by hand, and copy rg out of @vscode/ripgrep-universal (an npm package that ships
# every platform's binary).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VER=${2:-${CS_VERSION:-4.100.3}}
DEST=${1:-$ROOT/.vscode-test/code-server-$VER}
CS_BIN=$DEST/node_modules/.bin/code-server

works() {
  [ -x "$CS_BIN" ] || return 1
  # (the first start also prints "Wrote default config file", hence grep rather than head)
  XDG_CONFIG_HOME="$DEST/.xdg/config" XDG_DATA_HOME="$DEST/.xdg/data" "$CS_BIN" --version 2>/dev/null | grep -q "^$VER "
}
if works; then echo "code-server $VER: cached at $DEST"; exit 0; fi

echo "installing code-server $VER into $DEST (node $(node -v), npm $(npm -v))"
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
mkdir -p "$DEST"; cd "$DEST"
rm -f .installed
[ -f package.json ] || npm init -y >/dev/null
npm install "code-server@$VER" --ignore-scripts
npm rebuild argon2 || echo "WARN: argon2 rebuild failed (only --auth password needs it)"
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts
MODS=""
for m in @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog @vscode/native-watchdog node-pty @vscode/sqlite3 @vscode/fs-copyfile; do
  [ -d "node_modules/$m" ] && MODS="$MODS $m"
done
echo "rebuilding native modules:$MODS"
npm rebuild $MODS --foreground-scripts || echo "WARN: npm rebuild returned non-zero; checking the .node files"
for m in @vscode/spdlog node-pty; do   # the server cannot start without these two
  [ -n "$(find node_modules/$m \( -path '*/build/Release/*.node' -o -path '*/prebuilds/linux-x64/*.node' \) -print -quit)" ] \
    || { echo "MISSING native build for $m"; exit 1; }
done
if [ -d node_modules/@vscode/ripgrep ] && [ ! -x node_modules/@vscode/ripgrep/bin/rg ]; then
  TMPRG=$(mktemp -d)
  (cd "$TMPRG" && npm init -y >/dev/null && npm install @vscode/ripgrep-universal >/dev/null)
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$TMPRG/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg" node_modules/@vscode/ripgrep/bin/rg
  chmod +x node_modules/@vscode/ripgrep/bin/rg
  rm -rf "$TMPRG"
fi
# the rest of code-server's postinstall.sh
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts && { [ ! -f postinstall.mjs ] || node postinstall.mjs || true; })
cd "$DEST"
works || { echo "code-server $VER does not start after install"; exit 1; }
echo "installed code-server $VER ($(du -sh node_modules | cut -f1)) at $DEST"
