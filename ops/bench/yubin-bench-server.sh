#!/usr/bin/env bash
# yubin-bench-server.sh — start/stop yubin for the benchmarks: users user1..user50@example.com
# (password "secret") as the reference stack has, data in <workdir>/data, SMTP on 12525,
# HTTP on 18080, IMAP 12143, IMAPS 12993, POP3 12110, POP3S 12995. "restart" wipes the
# data first (empty mailboxes, empty queue). No
# sender domain check and, unless YUBIN_SPF_ENABLED/YUBIN_DMARC_ENABLED say so, no
# SPF/DMARC: they would need DNS, and the reference stack does none either.
#
# JAVA_OPTS defaults to the production recommendation (docs/operations.md, "Memory and
# CPU"): a 512 MiB heap, the serial collector, C1 only.
#
# Usage: yubin-bench-server.sh start|stop|restart <workdir>
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cmd=${1:?start|stop|restart} W=${2:?workdir}
mkdir -p "$W"; W=$(cd "$W" && pwd)

stop() {
  if [[ -f $W/yubin.pid ]] && kill -0 "$(cat "$W/yubin.pid")" 2>/dev/null; then
    kill "$(cat "$W/yubin.pid")"
    while kill -0 "$(cat "$W/yubin.pid")" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$W/yubin.pid"
}

start() {
  # a server left running on these ports would answer the health check for this one
  if curl -sf localhost:18080/actuator/health >/dev/null 2>&1; then
    echo "port 18080 is taken (another yubin still running?)" >&2; exit 1
  fi
  # no SPF/DMARC unless the caller sets them up: they would ask the system's DNS
  export YUBIN_SPF_ENABLED=${YUBIN_SPF_ENABLED:-false} YUBIN_DMARC_ENABLED=${YUBIN_DMARC_ENABLED:-false}
  {
    printf 'dn: dc=control,dc=isp\nobjectClass: top\nobjectClass: domain\ndc: control\n\n'
    printf 'dn: dc=example.com,dc=control,dc=isp\nobjectClass: top\nobjectClass: domain\ndc: example.com\n\n'
    for i in $(seq 1 50); do
      printf 'dn: cn=user%d@example.com,dc=example.com,dc=control,dc=isp\n' "$i"
      printf 'objectClass: inetOrgPerson\nobjectClass: posixAccount\nobjectClass: yubinMailbox\n'
      printf 'cn: user%d@example.com\nsn: user%d\nuid: user%d@example.com\n' "$i" "$i" "$i"
      printf 'uidNumber: %d\ngidNumber: 5000\nhomeDirectory: mail/example.com/user%d\n' $((5000 + i)) "$i"
      printf 'mail: user%d@example.com\nuserPassword: {PLAIN}secret\nstatus: valid\n\n' "$i"
    done
  } >"$W/directory.ldif"
  : >"$W/aliases"
  # the benchmark driver counts files below the homes, which must exist beforehand
  mkdir -p "$W/data/mail/example.com"
  (cd "$REPO" && exec java ${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -jar target/yubin.jar \
      --yubin.data-dir="$W/data" --yubin.directory.ldif="$W/directory.ldif" --yubin.aliases="$W/aliases" \
      --yubin.hostname=mx.example.com --yubin.smtp.port=12525 --server.port=18080 \
      --yubin.submission.port=12587 --yubin.smtps.port=12465 \
      --yubin.imap.port=12143 --yubin.imaps.port=12993 --yubin.pop3.port=12110 --yubin.pop3s.port=12995 \
      --yubin.smtp.reject-unknown-sender-domain=false \
      >"$W/yubin.log" 2>&1 & echo $! >"$W/yubin.pid")
  until curl -sf localhost:18080/actuator/health >/dev/null; do
    kill -0 "$(cat "$W/yubin.pid")" 2>/dev/null || { echo "yubin died, see $W/yubin.log" >&2; exit 1; }
    sleep 0.5
  done
}

case $cmd in
  start) start ;;
  stop) stop ;;
  restart) stop; rm -rf "$W/data"; start ;;
  *) echo "usage: $0 start|stop|restart <workdir>" >&2; exit 2 ;;
esac
