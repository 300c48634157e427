#!/usr/bin/env bash
# filters-suite.sh — ingest throughput of yubin with the content filters off and on, in
# one sitting: "off" is the default (no clamd/spamd address, SPF/DMARC off); "on" runs
# clamd (private instance, one-signature database), spamd (private, offline rules),
# DKIM verification, SPF and DMARC (a private dnsmasq answers the sender domain's SPF
# record). Each: reset, warm-up, then MSGS messages of 4 KiB over 10 sessions with
# ../shared/bench/smtp-ingest.sh. spamd (SpamAssassin, Perl) is the slow part; MSGS
# defaults to 1000 for that reason.
#
# Usage: ops/bench/filters-suite.sh [results-file]
# Environment: MSGS=1000 WORK=/tmp/yubin-bench BENCH=<shared/bench> SPAMD_CHILDREN=4
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BENCH=${BENCH:-$REPO/../shared/bench}
WORK=${WORK:-/tmp/yubin-bench}/filters
MSGS=${MSGS:-1000}
OUT=${1:-$REPO/ops/bench/results/filters-$(date -u +%Y%m%dT%H%M%S).txt}
mkdir -p "$(dirname "$OUT")" "$WORK"; chmod 755 "$WORK"
DNS_PORT=12553 SPAMD_PORT=12783
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; "$REPO/ops/bench/yubin-bench-server.sh" stop "$WORK/yubin" || true; }
trap cleanup EXIT

start_daemons() {
  local eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
  mkdir -p "$WORK/clamd/db" "$WORK/spamd/site" "$WORK/spamd/home"
  printf 'Test.EICAR:0:*:%s\n' "$(printf '%s' "$eicar" | xxd -p | tr -d '\n')" >"$WORK/clamd/db/eicar.ndb"
  printf '%s\n' "LocalSocket $WORK/clamd/clamd.sock" "LocalSocketMode 666" "FixStaleSocket yes" \
    "DatabaseDirectory $WORK/clamd/db" "TemporaryDirectory $WORK/clamd" "PidFile $WORK/clamd/clamd.pid" \
    "Foreground yes" "StreamMaxLength 30M" "MaxThreads 8" >"$WORK/clamd/clamd.conf"
  clamd -c "$WORK/clamd/clamd.conf" >"$WORK/clamd/clamd.log" 2>&1 & pids+=($!)
  ln -sf /etc/spamassassin/*.pre "$WORK/spamd/site/"
  printf '%s\n' "required_score 5.0" "report_safe 0" "use_bayes 0" "bayes_auto_learn 0" "skip_rbl_checks 1" \
    "dns_available no" "use_razor2 0" "use_pyzor 0" >"$WORK/spamd/site/local.cf"
  chown nobody "$WORK/spamd/home"; chmod 755 "$WORK/spamd" "$WORK/spamd/site"
  spamd -L -x -i 127.0.0.1 -p $SPAMD_PORT -A 127.0.0.1/32 --siteconfigpath="$WORK/spamd/site" \
    --pidfile="$WORK/spamd/spamd.pid" --helper-home-dir="$WORK/spamd/home" --max-children="${SPAMD_CHILDREN:-4}" \
    --min-children="${SPAMD_CHILDREN:-4}" --syslog=stderr -u nobody >"$WORK/spamd/spamd.log" 2>&1 & pids+=($!)
  dnsmasq --keep-in-foreground --no-resolv --no-hosts --port=$DNS_PORT --listen-address=127.0.0.1 \
    --bind-interfaces --txt-record=example.net,"v=spf1 ip4:127.0.0.1 -all" \
    --pid-file="$WORK/dnsmasq.pid" >"$WORK/dnsmasq.log" 2>&1 & pids+=($!)
  until python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"zPING\0"); sys.exit(0 if s.recv(16).startswith(b"PONG") else 1)' "$WORK/clamd/clamd.sock" 2>/dev/null; do sleep 1; done
  until spamc -d 127.0.0.1 -p $SPAMD_PORT -K >/dev/null 2>&1; do sleep 1; done
}

run() { # name
  local name=$1
  "$REPO/ops/bench/yubin-bench-server.sh" restart "$WORK/yubin"
  export RSS_PIDS; RSS_PIDS=$(cat "$WORK/yubin/yubin.pid")
  sleep 3
  "$BENCH/smtp-ingest.sh" 12525 "$WORK/yubin/data/mail" 200 10 4096 >/dev/null
  echo "### $name" | tee -a "$OUT"
  "$BENCH/smtp-ingest.sh" 12525 "$WORK/yubin/data/mail" "$MSGS" 10 4096 | tee /dev/stderr \
    | grep '^RESULT' | sed "s/^/yubin filters-$name /" >>"$OUT"
}

[[ -f $REPO/target/yubin.jar ]] || (cd "$REPO" && mvn -B -q package -DskipTests)
echo "# filters-suite $(date -u +%FT%TZ) msgs=$MSGS size=4096 sessions=10" >>"$OUT"
run off
start_daemons
export YUBIN_CLAMD_ADDRESS="unix:$WORK/clamd/clamd.sock" YUBIN_SPAMD_ADDRESS="tcp:127.0.0.1:$SPAMD_PORT" \
  YUBIN_DNS_SERVERS="127.0.0.1:$DNS_PORT" YUBIN_SPF_ENABLED=true YUBIN_DMARC_ENABLED=true
run on
