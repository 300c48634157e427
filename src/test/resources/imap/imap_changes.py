"""Changes a user's mail over IMAP the way a mail client does, for interop tests.

Usage: imap_changes.py PORT USER PASSWORD TAG
Appends two messages to INBOX ("TAG one" with \\Seen $Work, "TAG two" unflagged),
creates the folder "TAG-Sent" and appends "TAG sent" there with \\Seen, then in INBOX
flags "TAG one" \\Flagged, marks the oldest message \\Answered and expunges the
second-oldest message that is not the TAG's own. Prints "ok".
"""
import imaplib, sys, time

port, user, password, tag = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
imap = imaplib.IMAP4('127.0.0.1', port)
imap.login(user, password)

def message(subject):
    return (f'From: client@example.net\r\nTo: {user}\r\nSubject: {subject}\r\n'
            f'Message-ID: <{subject.replace(" ", ".")}@example.net>\r\n\r\n{subject} body\r\n').encode()

def check(result):
    typ, data = result
    if typ != 'OK':
        raise SystemExit(f'{typ} {data}')
    return data

check(imap.append('INBOX', r'(\Seen $Work)', imaplib.Time2Internaldate(time.time()), message(f'{tag} one')))
check(imap.append('INBOX', None, None, message(f'{tag} two')))
check(imap.create(f'{tag}-Sent'))
check(imap.append(f'{tag}-Sent', r'(\Seen)', None, message(f'{tag} sent')))
check(imap.select('INBOX'))
uids = check(imap.uid('SEARCH', None, 'ALL'))[0].split()
own = check(imap.uid('SEARCH', None, 'SUBJECT', f'"{tag} one"'))[0].split()
check(imap.uid('STORE', own[0], '+FLAGS', r'(\Flagged)'))
check(imap.uid('STORE', uids[0], '+FLAGS', r'(\Answered)'))
mine = set(check(imap.uid('SEARCH', None, 'SUBJECT', f'"{tag}"'))[0].split())
others = [u for u in uids if u not in mine]
if len(others) > 1:
    check(imap.uid('STORE', others[1], '+FLAGS', r'(\Deleted)'))
    check(imap.expunge())
imap.close()
imap.logout()
print('ok')
