#!/usr/bin/env python3
"""imap-idle.py — hold many IMAP connections in IDLE and measure the server's memory.

Usage: imap-idle.py <imap_port> <connections> <server_pid> [users=50] [password=secret]

Opens <connections> IMAP sessions to 127.0.0.1 (users user1..user<users>@example.com in
turn, i.e. several sessions per user), each LOGIN, SELECT INBOX, IDLE. Once all wait
in IDLE it samples the server's process tree (RSS and PSS sums, as memsample.py does)
for a few seconds, then — if SMTP_PORT is set — sends one message to user1 over SMTP
and counts the user1 sessions that see "* n EXISTS" within 1 s. Prints a RESULT line:
  RESULT connections=.. established=.. idle_rss_mib=.. idle_pss_mib=.. base_rss_mib=..
         base_pss_mib=.. per_conn_kib=.. setup_s=.. exists_seen=../.. exists_max_ms=..
Needs `ulimit -n` above <connections> + 100 (the script raises its soft limit).
Environment: CONCURRENCY=200 (connections being set up at once), HOLD=5 (seconds to sample).
"""
import asyncio, os, resource, smtplib, sys, time

def tree(root):
    children = {}
    for d in os.listdir('/proc'):
        if d.isdigit():
            try:
                with open(f'/proc/{d}/stat') as f:
                    s = f.read()
                children.setdefault(int(s[s.rindex(')') + 2:].split()[1]), []).append(int(d))
            except (OSError, ValueError):
                pass
    out, stack = [], [root]
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(children.get(p, []))
    return out

def memory_mib(root):
    rss = pss = 0
    for p in tree(root):
        try:
            with open(f'/proc/{p}/smaps_rollup') as f:
                for line in f:
                    if line.startswith('Rss:'):
                        rss += int(line.split()[1])
                    elif line.startswith('Pss:'):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss / 1024, pss / 1024

class Session:
    def __init__(self, user, password):
        self.user, self.password = user, password
        self.reader = self.writer = None
        self.exists_at = None

    async def line(self):
        data = await self.reader.readline()
        if not data:
            raise ConnectionError('closed by server')
        return data

    async def command(self, tag, text):
        self.writer.write(f'{tag} {text}\r\n'.encode())
        while True:
            data = await self.line()
            if data.startswith(tag.encode() + b' '):
                if not data.startswith(tag.encode() + b' OK'):
                    raise ConnectionError(data.decode(errors='replace').strip())
                return

    async def open(self, port):
        self.reader, self.writer = await asyncio.open_connection('127.0.0.1', port, limit=1 << 16)
        await self.line()
        await self.command('a', f'LOGIN "{self.user}" "{self.password}"')
        await self.command('b', 'SELECT INBOX')
        self.writer.write(b'c IDLE\r\n')
        while not (await self.line()).startswith(b'+'):
            pass

    async def watch(self):
        try:
            while True:
                data = await self.line()
                if data.endswith(b' EXISTS\r\n') and self.exists_at is None:
                    self.exists_at = time.monotonic()
        except (ConnectionError, asyncio.CancelledError):
            pass

async def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(2)
    port, count, pid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    users = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    password = sys.argv[5] if len(sys.argv) > 5 else 'secret'
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + 200)), hard))
    base_rss, base_pss = memory_mib(pid)
    sessions = [Session(f'user{i % users + 1}@example.com', password) for i in range(count)]
    gate = asyncio.Semaphore(int(os.environ.get('CONCURRENCY', '200')))
    failures = []

    async def establish(s):
        async with gate:
            try:
                await s.open(port)
            except (OSError, ConnectionError) as e:
                failures.append(str(e))
                s.writer = None

    t0 = time.monotonic()
    await asyncio.gather(*(establish(s) for s in sessions))
    setup = time.monotonic() - t0
    live = [s for s in sessions if s.writer is not None]
    watchers = [asyncio.create_task(s.watch()) for s in live]
    peak_rss = peak_pss = 0.0
    until = time.monotonic() + float(os.environ.get('HOLD', '5'))
    while time.monotonic() < until:
        rss, pss = memory_mib(pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        await asyncio.sleep(0.5)
    seen = targets = 0
    worst_ms = 0
    if os.environ.get('SMTP_PORT'):
        sent = time.monotonic()
        await asyncio.to_thread(send_one, int(os.environ['SMTP_PORT']))
        await asyncio.sleep(1.5)
        for s in live:
            if s.user == 'user1@example.com':
                targets += 1
                if s.exists_at is not None and s.exists_at - sent <= 1.0:
                    seen += 1
                    worst_ms = max(worst_ms, int((s.exists_at - sent) * 1000))
    for t in watchers:
        t.cancel()
    for s in live:
        s.writer.close()
    per_conn = (peak_rss - base_rss) * 1024 / max(1, len(live))
    if failures:
        print(f'{len(failures)} sessions failed, first: {failures[0]}', file=sys.stderr)
    print(f'RESULT connections={count} established={len(live)} idle_rss_mib={peak_rss:.0f} '
          f'idle_pss_mib={peak_pss:.0f} base_rss_mib={base_rss:.0f} base_pss_mib={base_pss:.0f} '
          f'per_conn_kib={per_conn:.1f} setup_s={setup:.1f} exists_seen={seen}/{targets} exists_max_ms={worst_ms}')

def send_one(port):
    with smtplib.SMTP('127.0.0.1', port) as smtp:
        smtp.sendmail('bench@example.net', ['user1@example.com'],
                      b'From: bench@example.net\r\nTo: user1@example.com\r\nSubject: idle probe\r\n\r\nprobe\r\n')

asyncio.run(main())
