"""aiosmtpd handler for yubin's outbound tests: a sink that stores what it gets.

Run as: python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c sink.Sink [--tlscert C --tlskey K] DIR
(with this folder on PYTHONPATH). Every accepted message becomes DIR/NNNN.eml (the
bytes after un-dot-stuffing) and DIR/NNNN.meta (envelope, TLS, session), written
before the 250 so a test that sees the file knows the transaction is complete.
Recipients steer the answers by their local part:
  reject*        550 5.1.1 at RCPT
  defer-once*    451 4.3.0 at the first RCPT for that address, then accepted
  defer-always*  451 4.3.0 at every RCPT
"""
import itertools
import os


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.attempts = {}
        self.counter = itertools.count(1)

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split('@')[0]
        seen = self.attempts.get(address, 0) + 1
        self.attempts[address] = seen
        if local.startswith('reject'):
            return '550 5.1.1 <%s>: Recipient address rejected: User unknown' % address
        if local.startswith('defer-always') or (local.startswith('defer-once') and seen == 1):
            return '451 4.3.0 <%s>: Temporary failure, try again later' % address
        envelope.rcpt_tos.append(address)
        return '250 2.1.5 Ok'

    async def handle_DATA(self, server, session, envelope):
        number = next(self.counter)
        base = os.path.join(self.directory, '%04d' % number)
        with open(base + '.meta', 'w') as meta:
            meta.write('from=%s\nto=%s\ntls=%s\nsession=%d\n' % (
                envelope.mail_from, ','.join(envelope.rcpt_tos),
                'yes' if session.ssl is not None else 'no', id(session)))
        with open(base + '.tmp', 'wb') as content:
            content.write(envelope.original_content)
        os.rename(base + '.tmp', base + '.eml')
        return '250 2.0.0 Ok: queued as S%04d' % number
