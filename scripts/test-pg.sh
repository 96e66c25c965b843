#!/usr/bin/env bash
# Run the platform tests against a throwaway PostgreSQL database on the local server.
set -euo pipefail
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
user=${PGUSER:-postgres}
if ! pg_isready -q -h "$host" -p "$port" 2>/dev/null; then
  echo "PostgreSQL is not answering on $host:$port; trying to start the local cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  sleep 2
fi
db="gongkai_test_$$"
# pytest-django creates test_<NAME> from this; the UTF-8 ctype matters for pg_trgm on Chinese.
export DATABASE_URL="postgres://$user@$host:$port/$db"
export GONGKAI_PG_TEMPLATE=template0
status=0
.venv/bin/pytest -m "not browser" --ignore=tests/annual "$@" || status=$?
psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "DROP DATABASE IF EXISTS test_$db" >/dev/null 2>&1 || true
# 5 = no tests collected: nothing platform-side to run yet is not a failure of the database path.
[ "$status" -eq 5 ] && status=0
exit "$status"
