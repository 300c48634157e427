"""What an IMAP server shows of a user's mail, as JSON on stdout, for interop tests.

Usage: imap_state.py PORT USER PASSWORD
Prints {"MAILBOX": {"uidvalidity": N, "uidnext": N,
                    "messages": [[UID, [FLAG, ...], "SUBJECT"], ...]}, ...}
for every mailbox LIST shows, read-only (EXAMINE), flags sorted, \\Recent left out
(it belongs to a session, not to the mailbox).
"""
import imaplib, json, re, sys

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
imap = imaplib.IMAP4('127.0.0.1', port)
imap.login(user, password)
typ, listing = imap.list('""', '*')
names = []
for line in listing:
    match = re.match(rb'\((.*?)\) (?:"."|NIL) (.*)$', line)
    name = match.group(2).decode()
    if name.startswith('"'):
        name = name[1:-1]
    if '\\Noselect' not in match.group(1).decode():
        names.append(name)
state = {}
for name in sorted(names):
    typ, data = imap.status(f'"{name}"', '(UIDVALIDITY UIDNEXT)')
    status = data[0].decode()
    uidvalidity = int(re.search(r'UIDVALIDITY (\d+)', status).group(1))
    uidnext = int(re.search(r'UIDNEXT (\d+)', status).group(1))
    imap.select(f'"{name}"', readonly=True)
    typ, data = imap.uid('FETCH', '1:*', '(UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])')
    messages = []
    for item in data:
        if not isinstance(item, tuple):
            continue
        head, body = item
        uid = int(re.search(rb'UID (\d+)', head).group(1))
        flags = sorted(f.decode() for f in re.search(rb'FLAGS \((.*?)\)', head).group(1).split() if f != b'\\Recent')
        subject = body.decode().replace('\r\n', '').replace('Subject: ', '', 1).strip()
        messages.append([uid, flags, subject])
    messages.sort()
    state[name] = {'uidvalidity': uidvalidity, 'uidnext': uidnext, 'messages': messages}
    imap.close()
imap.logout()
print(json.dumps(state, sort_keys=True))
