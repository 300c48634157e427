#!/usr/bin/env bash
# outbound-suite.sh — relaying throughput to a local Postfix smtp-sink, yubin vs the
# reference Postfix (../shared/reference/stack.sh, relayhost pointed at the same sink),
# in one sitting. Each run: fresh server, warm-up of 500 messages, then MSGS messages
# of SIZE bytes over SESSIONS smtp-source sessions to a remote address; the time runs
# until the sink has received them all (end to end). Server CPU and memory come from
# ../shared/bench/lib/memsample.py.
#
# Usage: ops/bench/outbound-suite.sh [yubin|reference|both] [results-file]
# Environment: MSGS=5000 SESSIONS=10 SIZE=4096 WORK=/tmp/yubin-bench BENCH=<shared/bench>
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BENCH=${BENCH:-$REPO/../shared/bench}
REFERENCE=${REFERENCE:-$BENCH/../reference/stack.sh}
WORK=${WORK:-/tmp/yubin-bench}
MSGS=${MSGS:-5000} SESSIONS=${SESSIONS:-10} SIZE=${SIZE:-4096}
SINK_PORT=${SINK_PORT:-12699}
OUT=${2:-$REPO/ops/bench/results/outbound-$(date -u +%Y%m%dT%H%M%S).txt}
mkdir -p "$(dirname "$OUT")" "$WORK"; chmod 755 "$WORK"
SOURCE=$(command -v smtp-source || echo /usr/sbin/smtp-source)
SINK=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)

relay() { # name smtp_port pids... : one measured run (after a warm-up)
  local name=$1 port=$2; shift 2
  "$SINK" -u nobody -M 500 127.0.0.1:$SINK_PORT 256 & local sink=$!
  "$SOURCE" -s "$SESSIONS" -m 500 -l "$SIZE" -f bench@example.net -t someone@remote.test 127.0.0.1:"$port"
  wait $sink
  python3 "$BENCH/lib/memsample.py" --out "$WORK/mem.txt" "$@" & local mem=$!
  "$SINK" -u nobody -M "$MSGS" 127.0.0.1:$SINK_PORT 256 & sink=$!
  local t0 t1 t2
  t0=$(date +%s.%N)
  "$SOURCE" -s "$SESSIONS" -m "$MSGS" -l "$SIZE" -f bench@example.net -t someone@remote.test 127.0.0.1:"$port"
  t1=$(date +%s.%N)
  wait $sink
  t2=$(date +%s.%N)
  kill -TERM $mem; wait $mem || true
  python3 - "$name" "$MSGS" "$t0" "$t1" "$t2" "$(cat "$WORK/mem.txt")" <<'PY' | tee -a "$OUT"
import sys
name, n, t0, t1, t2, mem = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:6]), sys.argv[6]
print(f"{name} RESULT accepted_mps={n/(t1-t0):.1f} e2e_mps={n/(t2-t0):.1f} t_accept={t1-t0:.2f} t_e2e={t2-t0:.2f} {mem.strip()}")
PY
}

yubin() {
  local w=$WORK/yubin-out
  [[ -f $REPO/target/yubin.jar ]] || (cd "$REPO" && mvn -B -q package -DskipTests)
  YUBIN_OUTBOUND_RELAYHOST="[127.0.0.1]:$SINK_PORT" "$REPO/ops/bench/yubin-bench-server.sh" restart "$w"
  relay yubin 12525 "$(cat "$w/yubin.pid")"
  "$REPO/ops/bench/yubin-bench-server.sh" stop "$w"
}

reference() {
  local w=$WORK/reference-out
  "$REFERENCE" stop "$w" >/dev/null 2>&1 || true
  rm -rf "$w"; "$REFERENCE" start "$w" 20000 >/dev/null
  postconf -c "$w/postfix/etc" -e "relayhost = [127.0.0.1]:$SINK_PORT" "smtp_tls_security_level = none"
  postfix -c "$w/postfix/etc" reload >/dev/null 2>&1
  # shellcheck disable=SC2046
  relay reference 20025 $("$REFERENCE" pids "$w")
  "$REFERENCE" stop "$w" >/dev/null 2>&1 || true
}

echo "# outbound-suite $(date -u +%FT%TZ) msgs=$MSGS sessions=$SESSIONS size=$SIZE sink=smtp-sink" >>"$OUT"
case ${1:-both} in
  yubin) yubin ;;
  reference) reference ;;
  both) reference; yubin ;;
  *) echo "usage: $0 [yubin|reference|both] [results-file]" >&2; exit 2 ;;
esac
