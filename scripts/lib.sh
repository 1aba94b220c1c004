# Shared steps of ./scripts/start and ./scripts/test. Source after env.sh.

# Installs the JavaScript dependencies when the lockfile or a package manifest
# changed since the last successful install, so a second run skips it.
meshwork_install_dependencies() {
  local stamp="$MESHWORK_TOOLS/install.stamp"
  local digest
  digest=$(cd "$MESHWORK_ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha256sum | cut -d' ' -f1)
  if [ -d "$MESHWORK_ROOT/node_modules" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
    return 0
  fi
  echo "meshwork: installing dependencies (yarn install --immutable)"
  (cd "$MESHWORK_ROOT" && yarn install --immutable) >"$MESHWORK_TOOLS/yarn-install.log" 2>&1 || {
    tail -40 "$MESHWORK_TOOLS/yarn-install.log" >&2
    echo "meshwork: yarn install failed; full log in .tools/yarn-install.log" >&2
    return 1
  }
  echo "$digest" >"$stamp"
}

# Seeds the demo warehouse when it is missing (the seed command itself
# refuses to overwrite a warehouse unless forced).
meshwork_seed_warehouse() {
  local warehouse=$1 scale=$2
  if [ -f "$warehouse" ]; then
    return 0
  fi
  (cd "$MESHWORK_ROOT" && yarn meshwork seed --warehouse "$warehouse" --scale "$scale")
}

# Gives each demo data project a git repository of its own under $1
# (.data/repos/<project>), seeded from examples/ with its history, where the
# pipeline editor commits. An existing repository is left alone.
meshwork_seed_project_repos() {
  local repos=$1
  [ -d "$repos/hello-world" ] && return 0
  (cd "$MESHWORK_ROOT" && yarn meshwork seed-repo examples/hello-world --to "$repos/hello-world")
}

# Waits until a URL answers with a 2xx status, or fails after $2 seconds.
meshwork_wait_for() {
  local url=$1 seconds=$2
  local deadline=$((SECONDS + seconds))
  until curl -sf -o /dev/null "$url"; do
    if [ $SECONDS -ge $deadline ]; then
      echo "meshwork: $url did not answer within ${seconds}s" >&2
      return 1
    fi
    sleep 1
  done
}

meshwork_port_in_use() {
  (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A throwaway PostgreSQL 15 cluster for the backend tests, owned by the
# `postgres` system user (initdb refuses to run as root). Sets
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING; stop it with
# meshwork_stop_postgres.
MESHWORK_PG_BIN=/usr/lib/postgresql/15/bin
MESHWORK_PG_DIR=""

meshwork_as_postgres() {
  (cd / && runuser -u postgres -- "$@")
}

meshwork_start_postgres() {
  if [ ! -x "$MESHWORK_PG_BIN/initdb" ]; then
    echo "meshwork: installing PostgreSQL 15 from Debian packages"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15; } >/dev/null 2>&1; then
      echo "meshwork: could not install postgresql-15" >&2
      return 1
    fi
  fi
  local port
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  MESHWORK_PG_DIR=$(mktemp -d /tmp/meshwork-pg.XXXXXX)
  chown postgres "$MESHWORK_PG_DIR"
  if ! meshwork_as_postgres "$MESHWORK_PG_BIN/initdb" -D "$MESHWORK_PG_DIR/data" -U postgres -A trust >"$MESHWORK_PG_DIR/initdb.log" 2>&1; then
    cat "$MESHWORK_PG_DIR/initdb.log" >&2
    return 1
  fi
  if ! meshwork_as_postgres "$MESHWORK_PG_BIN/pg_ctl" -D "$MESHWORK_PG_DIR/data" -l "$MESHWORK_PG_DIR/server.log" -w \
    -o "-p $port -k $MESHWORK_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
    cat "$MESHWORK_PG_DIR/server.log" >&2
    return 1
  fi
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$port"
  echo "meshwork: PostgreSQL 15 test cluster on port $port"
}

meshwork_stop_postgres() {
  [ -n "$MESHWORK_PG_DIR" ] || return 0
  meshwork_as_postgres "$MESHWORK_PG_BIN/pg_ctl" -D "$MESHWORK_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$MESHWORK_PG_DIR"
  MESHWORK_PG_DIR=""
}
