#!/usr/bin/env bash
# imap-fetch-interleaved.sh — full downloads from two IMAP servers in turn (mbsync and
# imaplib, RUNS rounds), so that both see the same machine load; the 1-minute load
# average is printed beside every run. Servers must be running and filled alike.
#
# Usage: imap-fetch-interleaved.sh <name>:<port> <name>:<port> <expected_messages>
#   e.g. imap-fetch-interleaved.sh yubin:12143 dovecot:21143 5000
# Environment: BENCH (../shared/bench), RUNS=5, USER_NAME=user1@example.com, PASSWORD=secret,
#   CLIENT_TMPDIR=/dev/shm: where the clients keep their downloaded copy (TMPDIR of
#   imap-fetch.sh). On disk, mbsync's own file creation dominates and swings 2x from run to
#   run: each run deletes its 5000 files and the next run's creations then walk past those
#   inodes (ext4 without journal skips recently deleted inodes, recently_deleted() in
#   find_inode_bit; perf shows it in mbsync's kernel time). On tmpfs the run measures the
#   IMAP conversation. CLIENT_TMPDIR=/tmp gives the on-disk figures.
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BENCH=${BENCH:-$REPO/../shared/bench}
[[ $# -eq 3 ]] || { sed -n '2,14p' "$0" | sed 's/^# \?//'; exit 2; }
export TMPDIR=${CLIENT_TMPDIR:-/dev/shm}
for i in $(seq 1 "${RUNS:-5}"); do
  for mode in mbsync imaplib; do
    for server in "$1" "$2"; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      result=$(MODE=$mode "$BENCH/imap-fetch.sh" "${server##*:}" "${USER_NAME:-user1@example.com}" \
          "${PASSWORD:-secret}" INBOX "$3" 2>&1 | grep '^RESULT' || echo "RESULT failed")
      echo "$i $mode ${server%%:*} load1=$load $result"
    done
  done
done
