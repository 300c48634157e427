#!/usr/bin/env bash
# imap-suite.sh — the mail access benchmarks of issue 5 for yubin and the reference
# Dovecot (../shared/reference/stack.sh), in one sitting, on the same mailbox:
#   1. reset, fill user1's INBOX with $MSGS messages of 4 KiB over SMTP;
#   2. full download with ../shared/bench/imap-fetch.sh: mbsync x2, imaplib x2;
#   3. $IDLE_CONNS connections in IMAP IDLE (ops/bench/imap-idle.py): server memory,
#      and whether an SMTP delivery reaches the IDLE sessions within 1 s;
#   4. yubin only: $IDLE_MAX idle connections (the 1 GiB goal).
# Dovecot needs more than its default limits for thousands of IDLE sessions
# (service imap process_limit 1024, mail_max_userip_connections 10); the suite
# raises them in the reference's dovecot.conf, and yubin's per-user session limit,
# equally. Everything else is as the stacks ship.
#
# Usage: ops/bench/imap-suite.sh [yubin|reference|both] [results-file]
# Environment: BENCH (../shared/bench), MSGS=5000, IDLE_CONNS=2000, IDLE_MAX=10000,
#   WARMUP=1 (unrecorded downloads per client before the measured ones; 0 for cold figures),
#   WORK=/tmp/yubin-bench, JAVA_OPTS for yubin, CLIENT_TMPDIR=/dev/shm (where the clients
#   keep their copy; on disk mbsync times its own file system, see imap-fetch-interleaved.sh).
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BENCH=${BENCH:-$REPO/../shared/bench}
REFERENCE=${REFERENCE:-$BENCH/../reference/stack.sh}
WORK=${WORK:-/tmp/yubin-bench}
MSGS=${MSGS:-5000}
IDLE_CONNS=${IDLE_CONNS:-2000}
IDLE_MAX=${IDLE_MAX:-10000}
WARMUP=${WARMUP:-1}
export TMPDIR=${CLIENT_TMPDIR:-/dev/shm}
WHICH=${1:-both}
export OUT=${2:-$REPO/ops/bench/results/imap-$(date -u +%Y%m%dT%H%M%S).txt}
mkdir -p "$(dirname "$OUT")" "$WORK"
chmod 755 "$WORK"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

record() { # name label command...
  local name=$1 label=$2; shift 2
  echo "### $name $label" | tee -a "$OUT"
  "$@" | tee /dev/stderr | grep '^RESULT' | sed "s/^/$name $label /" >>"$OUT"
}

run_access() { # name smtp_port imap_port maildir_root server_pid
  local name=$1 smtp=$2 imap=$3 root=$4 pid=$5 i
  TO=user1@example.com "$BENCH/smtp-ingest.sh" "$smtp" "$root" "$MSGS" 10 4096 >/dev/null
  export RSS_PIDS=$pid
  # one unrecorded download per client first: Dovecot builds its index, the JVM compiles
  for i in $(seq 1 "$WARMUP"); do
    "$BENCH/imap-fetch.sh" "$imap" user1@example.com secret INBOX "$MSGS" >/dev/null
    MODE=imaplib "$BENCH/imap-fetch.sh" "$imap" user1@example.com secret INBOX "$MSGS" >/dev/null
  done
  for i in 1 2; do
    record "$name" "fetch-mbsync-$i" "$BENCH/imap-fetch.sh" "$imap" user1@example.com secret INBOX "$MSGS"
  done
  for i in 1 2; do
    MODE=imaplib record "$name" "fetch-imaplib-$i" "$BENCH/imap-fetch.sh" "$imap" user1@example.com secret INBOX "$MSGS"
  done
  SMTP_PORT=$smtp record "$name" "idle-$IDLE_CONNS" python3 "$REPO/ops/bench/imap-idle.py" "$imap" "$IDLE_CONNS" "$pid"
}

yubin() {
  local w=$WORK/yubin
  [[ -f $REPO/target/yubin.jar ]] || (cd "$REPO" && mvn -B -q package -DskipTests)
  export YUBIN_IMAP_MAX_SESSIONS_PER_USER=$((IDLE_MAX))
  "$REPO/ops/bench/yubin-bench-server.sh" restart "$w"
  run_access yubin 12525 12143 "$w/data/mail" "$(cat "$w/yubin.pid")"
  SMTP_PORT=12525 record yubin "idle-$IDLE_MAX" python3 "$REPO/ops/bench/imap-idle.py" 12143 "$IDLE_MAX" "$(cat "$w/yubin.pid")"
  "$REPO/ops/bench/yubin-bench-server.sh" stop "$w"
}

reference() {
  local w=$WORK/reference
  "$REFERENCE" stop "$w" >/dev/null 2>&1 || true
  rm -rf "$w"
  "$REFERENCE" start "$w" 20000 >/dev/null
  "$REFERENCE" stop "$w" >/dev/null
  cat >>"$w/dovecot.conf" <<CONF
# imap-suite.sh: room for the IDLE benchmark's connections
service imap {
  process_limit = $((IDLE_CONNS + 100))
}
service imap-login {
  process_limit = $((IDLE_CONNS + 100))
}
service anvil {
  client_limit = $((2 * IDLE_CONNS + 500))
}
default_client_limit = $((2 * IDLE_CONNS + 500))
protocol imap {
  mail_max_userip_connections = $((IDLE_CONNS))
}
CONF
  "$REFERENCE" start "$w" 20000 >/dev/null
  run_access reference 20025 20143 "$w/mail" "$("$REFERENCE" pids "$w" | awk '{print $2}')"
  "$REFERENCE" stop "$w" >/dev/null 2>&1 || true
}

echo "# imap-suite $(date -u +%FT%TZ) msgs=$MSGS idle=$IDLE_CONNS machine: $(nproc) cores, $(uname -r)" >>"$OUT"
case $WHICH in
  yubin) yubin ;;
  reference) reference ;;
  both) reference; yubin ;;
  *) echo "usage: $0 [yubin|reference|both] [results-file]" >&2; exit 2 ;;
esac
python3 "$BENCH/summarize.py" "$OUT" || true
