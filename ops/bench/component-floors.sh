#!/usr/bin/env bash
# component-floors.sh — what the parts of a message's path cost alone on this machine,
# to set against the whole server's CPU per message (docs/architecture.md, "Local mail
# is delivered before the 250"):
#   queue   yubin's embedded Artemis, a transacted send + commit and a transacted
#           receive + commit per message (floors/QueueFloor.java)
#   maildir yubin's Maildir writer: tmp/, fsync, link into new/, fsync new/
#           (floors/MaildirFloor.java)
#   smtp    the SMTP dialogue in C: Postfix's smtp-sink under the suite's smtp-source
#           load (10 sessions, 100 messages per connection), its CPU per message
# Needs target/yubin.jar (mvn -B package) and the postfix package.
#
# Usage: ops/bench/component-floors.sh [messages] [size]   (default 20000 4096)
# Environment: JAVA_OPTS (default: the service files' C1 options)
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
N=${1:-20000} SIZE=${2:-4096}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
work=$(mktemp -d)
trap 'kill "${sink:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$work" && unzip -q "$REPO/target/yubin.jar" 'BOOT-INF/*')
cp="$work/BOOT-INF/classes:$(ls "$work"/BOOT-INF/lib/*.jar | tr '\n' ':')"
for floor in QueueFloor MaildirFloor; do
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Djava.io.tmpdir="$work" -cp "$cp" "$REPO/ops/bench/floors/$floor.java" 2000 "$N" "$SIZE" \
    2>&1 | grep 'floor:'
done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
smtp-sink -u nobody "127.0.0.1:$port" 256 & sink=$!
sleep 1
ticks() { awk '{print $14 + $15}' "/proc/$sink/stat"; }
before=$(ticks)
per=$(( N / 50 ))
for s in $(seq 1 10); do
  ( for u in $(seq "$s" 10 50); do
      smtp-source -4 -s 1 -m "$per" -l "$SIZE" -f bench@example.net -t "user$u@example.com" \
        -M client.example.net "127.0.0.1:$port"
    done ) &
done
wait $(jobs -p | grep -v "^$sink$") 2>/dev/null || true
after=$(ticks)
hz=$(getconf CLK_TCK)
awk -v t=$(( after - before )) -v hz="$hz" -v n=$(( per * 50 )) -v size="$SIZE" \
  'BEGIN { printf "smtp floor: %d x %d bytes, %.3f ms CPU per message (smtp-sink)\n", n, size, t / hz * 1000 / n }'
