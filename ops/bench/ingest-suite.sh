#!/usr/bin/env bash
# ingest-suite.sh — the SMTP ingest half of ../shared/bench/run-suite.sh, for yubin
# and for the reference Postfix + Dovecot stack, in one sitting, with the same
# resets and warm-up: for each server, 2 x (reset, warm-up 500, 5000 msgs over
# 10 sessions x 4 KiB) and 2 x (reset, warm-up, 5000 msgs over 20 sessions x 50 KiB).
#
# Usage: ops/bench/ingest-suite.sh [yubin|reference|both] [results-file]
# Environment: BENCH=<path of shared/bench> (default ../shared/bench from the repo),
#   MSGS=5000, WARMUP=500 (messages before each measured run, the same for both servers;
#   the JVM compiles yubin's per-message code only after several thousand, so a warm
#   comparison needs WARMUP=10000), WORK=/tmp/yubin-bench (work dirs), JAVA_OPTS for yubin.
# The (IMAP) fetch half and the IDLE memory test are ops/bench/imap-suite.sh.
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BENCH=${BENCH:-$REPO/../shared/bench}
REFERENCE=${REFERENCE:-$BENCH/../reference/stack.sh}
WORK=${WORK:-/tmp/yubin-bench}
MSGS=${MSGS:-5000}
WARMUP=${WARMUP:-500}
WHICH=${1:-both}
export OUT=${2:-$REPO/ops/bench/results/ingest-$(date -u +%Y%m%dT%H%M%S).txt}
mkdir -p "$(dirname "$OUT")" "$WORK"
chmod 755 "$WORK"

run_ingest() { # name smtp_port maildir_root reset_cmd pids_cmd
  local name=$1 port=$2 root=$3 reset=$4 pids=$5
  local shape sessions size i
  for shape in "10 4096 10x4k" "20 51200 20x50k"; do
    read -r sessions size label <<<"$shape"
    for i in 1 2; do
      bash -c "$reset" >/dev/null
      export RSS_PIDS; RSS_PIDS=$(bash -c "$pids")
      sleep 3
      "$BENCH/smtp-ingest.sh" "$port" "$root" "$WARMUP" 10 4096 >/dev/null
      echo "### $name ingest-$label-$i" | tee -a "$OUT"
      "$BENCH/smtp-ingest.sh" "$port" "$root" "$MSGS" "$sessions" "$size" | tee /dev/stderr \
        | grep '^RESULT' | sed "s/^/$name ingest-$label-$i /" >>"$OUT"
      sleep 3
    done
  done
}

yubin() {
  local w=$WORK/yubin
  [[ -f $REPO/target/yubin.jar ]] || (cd "$REPO" && mvn -B -q package -DskipTests)
  "$REPO/ops/bench/yubin-bench-server.sh" stop "$w" || true
  run_ingest yubin 12525 "$w/data/mail" "$REPO/ops/bench/yubin-bench-server.sh restart $w" "cat $w/yubin.pid"
  "$REPO/ops/bench/yubin-bench-server.sh" stop "$w"
}

reference() {
  local w=$WORK/reference
  "$REFERENCE" stop "$w" >/dev/null 2>&1 || true
  run_ingest reference 20025 "$w/mail" "$REFERENCE stop $w; rm -rf $w; $REFERENCE start $w 20000" "$REFERENCE pids $w"
  "$REFERENCE" stop "$w" >/dev/null 2>&1 || true
}

echo "# ingest-suite $(date -u +%FT%TZ) msgs=$MSGS warmup=$WARMUP java_opts=${JAVA_OPTS:-default} machine: $(nproc) cores, $(uname -r)" >>"$OUT"
case $WHICH in
  yubin) yubin ;;
  reference) reference ;;
  both) reference; yubin ;;
  *) echo "usage: $0 [yubin|reference|both] [results-file]" >&2; exit 2 ;;
esac
python3 "$BENCH/summarize.py" "$OUT" || true
