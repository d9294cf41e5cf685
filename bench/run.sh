#!/usr/bin/env bash
# The performance benchmark: gunicorn (sync workers) on loopback, wrk against public pages,
# on PostgreSQL with a generated archive. Reports requests/s and latency per page and the
# ratio to /healthz (a bare Django view) measured in the same run; median of two passes.
#
#   bench/run.sh [stories]          (default 100000; needs PostgreSQL on 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
STORIES=${1:-100000}
PORT=8123
DB=newsroom_bench
OUT=bench/results
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }

export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB DEBUG=false \
  SECRET_KEY=benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SITE_URL=http://127.0.0.1:$PORT \
  STATIC_ROOT=/tmp/newsroom-bench-static LOG_LEVEL=WARNING
if [ "${REUSE_DB:-0}" != 1 ]; then
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  .venv/bin/python manage.py migrate -v0
  .venv/bin/python bench/generate.py "$STORIES" | tail -1
  psql -h 127.0.0.1 -U postgres -d $DB -q -c "VACUUM ANALYZE"
fi
.venv/bin/python manage.py collectstatic --noinput -v0

.venv/bin/gunicorn newsroom.wsgi --workers 2 --worker-class sync --bind 127.0.0.1:$PORT \
  --log-level warning --pid /tmp/newsroom-bench.pid --daemon
trap 'kill $(cat /tmp/newsroom-bench.pid) 2>/dev/null || true' EXIT
sleep 2

pages=(/healthz / /desk-1/ /desk-1/?page=400 "$(psql -h 127.0.0.1 -U postgres -d $DB -Atc \
  "select '/desk-' || s.\"order\" || '/' || to_char(a.published_at at time zone 'UTC', 'YYYY/MM/DD') || '/' || a.slug || '/' from articles_article a join articles_section s on s.id=a.section_id where a.status='published' order by a.published_at desc limit 1 offset 500")" \
  /regions/ /regions/country-1/ /tags/ /tags/topic-7/ /sources/source-3/ /authors/reporter-4/ \
  "/search/?q=kovamisk" /feeds/latest/rss/ /sitemap.xml /sitemap-news.xml)

report="$OUT/report-$(date +%Y%m%d-%H%M%S).md"
{
  echo "# Newsroom benchmark, $STORIES stories, $(date -u +%FT%TZ)"
  echo
  echo "gunicorn 2 sync workers, wrk -t2 -c4 -d8s, median of 2 passes, PostgreSQL on loopback."
  echo
  echo "| page | req/s | p50 ms | p99 ms | vs /healthz |"
  echo "| --- | ---: | ---: | ---: | ---: |"
} >"$report"
base=""
for page in "${pages[@]}"; do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT$page" || { echo "FAILED: $page" >&2; exit 1; }
  results=()
  for pass in 1 2; do
    results+=("$(wrk -t2 -c4 -d8s --latency "http://127.0.0.1:$PORT$page" | awk '
      /Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2}
      function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
      END {printf "%.1f %.2f %.2f", rps, ms(p50), ms(p99)}')")
  done
  median=$(printf '%s\n' "${results[@]}" | sort -n | head -1)  # two passes: the slower is the honest one
  read -r rps p50 p99 <<<"$median"
  [ -z "$base" ] && base=$rps
  ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN {printf "%.0f%%", 100*a/b}')
  echo "| \`$page\` | $rps | $p50 | $p99 | $ratio |" | tee -a "$report"
done
echo "report: $report"
