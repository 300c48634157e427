#!/usr/bin/env bash
# ingest-suite.sh — the SMTP ingest half of ../shared/bench/run-suite.sh, for yubin
# and for the reference Postfix + Dovecot stack, in one sitting, with the same
# resets and warm-up: for each server, 2 x (reset, warm-up 500, 5000 msgs over
# 10 sessions x 4 KiB) and 2 x (reset, warm-up, 5000 msgs over 20 sessions x 50 KiB).
#
# Usage: ops/bench/ingest-suite.sh [yubin|reference|both] [results-file]
# Environment: BENCH=<path of shared/bench> (default ../shared/bench from the repo),
#   MSGS=5000, WARMUP=500 (messages before each measured run, the same for both servers;
#   enough for the service files' C1 compiler; with JAVA_OPTS=...-XX:-TieredCompilation
#   yubin's per-message code is compiled only after about 10,000, so compare that with
#   WARMUP=20000), WORK=/tmp/yubin-bench (work dirs), JAVA_OPTS for yubin,
#   RESET=delete|move: how a reset empties the server's data (default delete, as
#   run-suite.sh does). "move" renames it aside and deletes it after the suite: on ext4
#   without a journal (this VM) every file created in the minutes after a large
#   deletion first skips the freed inodes (recently_deleted()), which costs both servers
#   10-15 % of their CPU per message in the run right after a delete.
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
RESET=${RESET:-delete}
mkdir -p "$(dirname "$OUT")" "$WORK"
chmod 755 "$WORK"

# empties directory $1 the way RESET says
wipe() {
  case $RESET in
    delete) rm -rf "$1" ;;
    move) if [[ -e $1 ]]; then mkdir -p "$WORK/trash"; mv "$1" "$(mktemp -d "$WORK/trash/XXXXXX")"; fi ;;
    *) echo "RESET must be delete or move" >&2; exit 2 ;;
  esac
}
export -f wipe
export WORK RESET

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
  local server=$REPO/ops/bench/yubin-bench-server.sh
  run_ingest yubin 12525 "$w/data/mail" "$server stop $w; wipe $w/data; $server start $w" "cat $w/yubin.pid"
  "$REPO/ops/bench/yubin-bench-server.sh" stop "$w"
}

reference() {
  local w=$WORK/reference
  "$REFERENCE" stop "$w" >/dev/null 2>&1 || true
  run_ingest reference 20025 "$w/mail" "$REFERENCE stop $w; wipe $w; $REFERENCE start $w 20000" "$REFERENCE pids $w"
  "$REFERENCE" stop "$w" >/dev/null 2>&1 || true
}

echo "# ingest-suite $(date -u +%FT%TZ) msgs=$MSGS warmup=$WARMUP reset=$RESET java_opts=${JAVA_OPTS:-default} machine: $(nproc) cores, $(uname -r)" >>"$OUT"
case $WHICH in
  yubin) yubin ;;
  reference) reference ;;
  both) reference; yubin ;;
  *) echo "usage: $0 [yubin|reference|both] [results-file]" >&2; exit 2 ;;
esac
rm -rf "$WORK/trash"
python3 "$BENCH/summarize.py" "$OUT" || true
