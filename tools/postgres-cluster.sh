# Sourced by tests/run.sh and bench/run.sh: a PostgreSQL cluster from Debian's `postgresql` package in a folder of our
# own, run as the postgres system user, listening only on a unix socket in that folder (nothing on the network), fsync
# on (durability as in production).
#   pg_cluster_start DIR   initdb into DIR/data if it is not there yet, start the server; sets PG_SERVER to a
#                          connection string for it (no database named)
#   pg_cluster_stop DIR    stop the server (the data stays; remove DIR for a throwaway cluster)
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"

pg_as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres "$@"; fi
}

pg_cluster_start() {
  local dir="$1"
  id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  mkdir -p "$dir"
  chown postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    pg_as_postgres "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  pg_as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=300 -c shared_buffers=128MB" start >/dev/null
  PG_SERVER="Host=$dir;Username=postgres;Pooling=true;Maximum Pool Size=20;Timeout=30;Command Timeout=120"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') running in $dir"
}

pg_cluster_stop() {
  pg_as_postgres "$pg_bin/pg_ctl" -D "$1/data" -m fast stop >/dev/null 2>&1 || true
}
