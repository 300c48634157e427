package org.yubin.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * The IMAP server end to end: the whole application on free ports, Python's imaplib as
 * the client, SMTP for deliveries. Each test logs in as its own user.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ImapServerTest {

    static final Path ROOT = Temp.dir("imap-server");
    static final TestMailSystem MAIL = new TestMailSystem(ROOT,
            List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "kate", "lena", "mike", "nina"), List.of(), "");

    /** Shared by the scripts: connect, print a response as one line. */
    static final String PRELUDE = """
            import imaplib, os, ssl, socket, time
            H = os.environ['HOST']; P = int(os.environ['PORT']); U = os.environ['USER']; W = os.environ['PASS']
            def connect(port=P):
                return imaplib.IMAP4(H, port, timeout=30)
            def text(d):
                if isinstance(d, tuple):
                    return ' '.join(text(x) for x in d)
                return d.decode('utf-8', 'replace') if isinstance(d, bytes) else repr(d)
            def show(label, r):
                print(label, r[0], ' | '.join(text(d) for d in r[1]))
            def raw(M, tag_text):
                tag = M._new_tag()
                M.send(tag + b' ' + tag_text.encode() + b'\\r\\n')
                lines = []
                while True:
                    line = M._get_line()
                    lines.append(line.decode('utf-8', 'replace'))
                    if line.startswith(tag):
                        return lines
            """;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> "0");
        registry.add("yubin.auth.failure-delay", () -> "1500ms");
    }

    static String python(String user, String script) throws Exception {
        return python(user, MAIL.imapPort(), script);
    }

    static String python(String user, int port, String script) throws Exception {
        return ImapPython.run(PRELUDE + script, Map.of("HOST", "127.0.0.1", "PORT", Integer.toString(port),
                "USER", user + "@example.com", "PASS", TestMailSystem.PASSWORD));
    }

    @Test
    void theGreetingCapabilitiesIdNamespaceEnableAndLogoutWork() throws Exception {
        String out = python("alice", """
                M = connect()
                print('WELCOME', M.welcome.decode())
                show('CAP', M.capability())
                show('ID', M.xatom('ID', '("name" "imaplib")'))
                show('LOGIN', M.login(U, W))
                show('CAP2', M.capability())
                show('NS', M.namespace())
                show('ENABLE', M.xatom('ENABLE', 'CONDSTORE'))
                print('ENABLED', M.untagged_responses.get('ENABLED'))
                show('NOOP', M.noop())
                try:
                    M.xatom('FROBNICATE')
                except imaplib.IMAP4.error as e:
                    print('BOGUS', e)
                show('LOGOUT', M.logout())
                """);
        assertThat(out).contains("WELCOME * OK [CAPABILITY IMAP4rev1 ")
                .containsPattern("CAP OK IMAP4rev1 LITERAL\\+ SASL-IR ID ENABLE IDLE STARTTLS AUTH=PLAIN")
                .contains("ID OK")
                .contains("LOGIN OK [CAPABILITY IMAP4rev1")
                .containsPattern("CAP2 OK .*UIDPLUS MOVE NAMESPACE SPECIAL-USE CONDSTORE QUOTA QUOTA=RES-STORAGE CHILDREN UNSELECT")
                .contains("NS OK ((\"\" \".\")) NIL NIL")
                .contains("ENABLED [b'CONDSTORE']")
                .contains("BOGUS FROBNICATE command error: BAD")
                .contains("LOGOUT BYE");
    }

    @Test
    void mailboxesAreCreatedListedSubscribedRenamedAndDeletedWithModifiedUtf7Names() throws Exception {
        String out = python("bob", """
                M = connect(); M.login(U, W)
                show('CREATE1', M.create('Lists.yubin'))
                show('CREATE2', M.create('Entw&APw-rfe'))
                show('CREATE3', M.create('Sent'))
                show('CREATEDUP', M.create('Sent'))
                show('DELIM', M.list('""', '""'))
                show('ALL', M.list('""', '*'))
                show('TOP', M.list('""', '%'))
                show('REF', M.list('Lists.', '%'))
                show('SPECIAL', M._simple_command('LIST', '(SPECIAL-USE)', '""', '"*"') and M._untagged_response('OK', [None], 'LIST'))
                show('SUB', M.subscribe('Lists.yubin'))
                show('LSUB', M.lsub('""', '*'))
                show('LSUBTOP', M.lsub('""', '%'))
                show('STATUS', M.status('Entw&APw-rfe', '(MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)'))
                show('RENAME', M.rename('Lists.yubin', 'Archive.yubin'))
                show('AFTER', M.list('""', 'Archive*'))
                show('UNSUB', M.unsubscribe('Lists.yubin'))
                show('DELETE', M.delete('Entw&APw-rfe'))
                show('DELETEINBOX', M.delete('INBOX'))
                show('GONE', M.status('Entw&APw-rfe', '(MESSAGES)'))
                M.logout()
                """);
        assertThat(out).contains("CREATE1 OK").contains("CREATE2 OK").contains("CREATEDUP NO [ALREADYEXISTS]")
                .contains("DELIM OK (\\Noselect) \".\" \"\"")
                .contains("ALL OK (\\HasNoChildren) \".\" \"INBOX\" | (\\HasNoChildren) \".\" \"Entw&APw-rfe\" | (\\HasNoChildren) \".\" \"Lists.yubin\" |")
                .contains("(\\HasNoChildren) \".\" \"Entw&APw-rfe\"")
                .contains("(\\HasNoChildren) \".\" \"Lists.yubin\"")
                .contains("(\\HasNoChildren \\Sent) \".\" \"Sent\"")
                .containsPattern("TOP OK .*\\(\\\\Noselect \\\\HasChildren\\) \".\" \"Lists\"")
                .doesNotContain("TOP OK (\\HasNoChildren) \".\" \"Lists.yubin\"")
                .containsPattern("REF OK [^\\n]*\"Lists.yubin\"")
                .containsPattern("SPECIAL OK [^\\n]*\"Sent\"")
                .contains("LSUB OK () \".\" \"Lists.yubin\"\n")
                .contains("LSUBTOP OK (\\Noselect) \".\" \"Lists\"")
                .containsPattern("STATUS OK \"Entw&APw-rfe\" \\(MESSAGES 0 RECENT 0 UIDNEXT 1 UIDVALIDITY \\d+ UNSEEN 0 HIGHESTMODSEQ \\d+\\)")
                .contains("RENAME OK")
                .contains("\"Archive.yubin\"")
                .contains("DELETE OK").contains("DELETEINBOX NO").contains("GONE NO [NONEXISTENT]");
        Path maildir = MAIL.maildir("bob");
        assertThat(maildir.resolve(".Archive.yubin")).isDirectory();
        assertThat(maildir.resolve(".Entw&APw-rfe")).doesNotExist();
        assertThat(maildir.resolve(".Sent")).isDirectory();
    }

    @Test
    void messagesAreAppendedSelectedCopiedMovedAndExpunged() throws Exception {
        String out = python("carol", """
                M = connect(); M.login(U, W)
                msg = b'From: a@example.com\\r\\nSubject: one\\r\\n\\r\\nbody one\\r\\n'
                show('APPEND1', M.append('INBOX', '(\\\\Seen)', '"01-Jan-2024 10:00:00 +0000"', msg))
                show('APPEND2', M.append('INBOX', '(\\\\Deleted $Label1)', None, msg))
                show('APPEND3', M.append('INBOX', None, None, msg))
                show('APPENDNONE', M.append('Nowhere', None, None, msg))
                M.create('Keep')
                show('EXAMINE', M.select('INBOX', readonly=True))
                print('RO', M.untagged_responses.get('READ-ONLY'))
                show('EXPUNGERO', M.expunge())
                show('SELECT', M.select('INBOX'))
                for key in ('FLAGS', 'PERMANENTFLAGS', 'UIDVALIDITY', 'UIDNEXT', 'UNSEEN', 'RECENT', 'HIGHESTMODSEQ', 'READ-WRITE'):
                    print(key, M.untagged_responses.get(key))
                show('COPY', M.copy('1:2', 'Keep'))
                show('UIDCOPY', M.uid('COPY', '3', 'Keep'))
                show('COPYNONE', M.copy('1', 'Nowhere'))
                show('MOVE', M._simple_command('MOVE', '1', 'Keep'))
                print('MOVED', M.untagged_responses.get('EXPUNGE'), M.untagged_responses.get('COPYUID'))
                show('EXPUNGE', M.expunge())
                show('STATUSKEEP', M.status('Keep', '(MESSAGES UNSEEN)'))
                show('CHECK', M.check())
                show('UIDEXPUNGE', M.uid('EXPUNGE', '1:*'))
                show('UNSELECT', M.unselect())
                show('SELECTKEEP', M.select('Keep'))
                show('CLOSE', M.close())
                show('STATUSINBOX', M.status('INBOX', '(MESSAGES)'))
                M.logout()
                """);
        assertThat(out).containsPattern("APPEND1 OK \\[APPENDUID \\d+ 1\\]")
                .containsPattern("APPEND2 OK \\[APPENDUID \\d+ 2\\]")
                .containsPattern("APPEND3 OK \\[APPENDUID \\d+ 3\\]")
                .contains("APPENDNONE NO [TRYCREATE]")
                .contains("RO [b'']").contains("EXPUNGERO NO [READ-ONLY]")
                .contains("SELECT OK 3")
                .contains("FLAGS [b'(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft)']")
                .contains("UIDNEXT [b'4']").contains("UNSEEN [b'2']").contains("READ-WRITE [b'']")
                .containsPattern("COPY OK \\[COPYUID \\d+ 1:2 1:2\\]")
                .contains("UIDCOPY OK")
                .contains("COPYNONE NO [TRYCREATE]")
                .containsPattern("MOVE OK")
                .containsPattern("MOVED \\[b'1'\\] \\[b'\\d+ 1:2 1:2', b'\\d+ 3 3', b'\\d+ 1 4'\\]")
                .contains("EXPUNGE OK 1 | 1")
                .contains("STATUSKEEP OK \"Keep\" (MESSAGES 4 UNSEEN 2)")
                .contains("CHECK OK").contains("UIDEXPUNGE OK").contains("UNSELECT OK")
                .contains("CLOSE OK")
                .contains("STATUSINBOX OK \"INBOX\" (MESSAGES 1)");
    }

    @Test
    void quotaRootsAreReportedAndCannotBeSet() throws Exception {
        String out = python("dave", """
                M = connect(); M.login(U, W)
                show('ROOT', M.getquotaroot('INBOX'))
                show('QUOTA', M.getquota('""'))
                show('SET', M.setquota('""', '(STORAGE 10)'))
                M.logout()
                """);
        assertThat(out).contains("ROOT OK [b'\"INBOX\" \"\"'] | [b'\"\" ()']")
                .contains("QUOTA OK \"\" ()").contains("SET NO [CANNOT]");
    }

    @Test
    void idleSeesAMessageDeliveredOverSmtpWithinOneSecond() throws Exception {
        String script = """
                M = connect(); M.login(U, W)
                M.select('INBOX')
                tag = M._new_tag()
                M.send(tag + b' IDLE\\r\\n')
                print('CONT', M._get_line().decode())
                open(os.environ['READY'], 'w').close()
                M.sock.settimeout(10)
                print('EVENT', M._get_line().decode(), time.time())
                M.send(b'DONE\\r\\n')
                while True:
                    line = M._get_line().decode()
                    if line.startswith(tag.decode()):
                        print('DONE', line)
                        break
                M.logout()
                """;
        Path ready = ROOT.resolve("idle-ready");
        String[] output = new String[1];
        Throwable[] failure = new Throwable[1];
        Thread client = new Thread(() -> {
            try {
                output[0] = ImapPython.run(PRELUDE + script, Map.of("HOST", "127.0.0.1",
                        "PORT", Integer.toString(MAIL.imapPort()), "USER", "erin@example.com",
                        "PASS", TestMailSystem.PASSWORD, "READY", ready.toString()));
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        client.start();
        for (int i = 0; i < 300 && !Files.exists(ready); i++) {
            Thread.sleep(50);
        }
        assertThat(ready).exists();
        Thread.sleep(200);
        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.test");
            smtp.command("MAIL FROM:<someone@example.com>");
            smtp.command("RCPT TO:<erin@example.com>");
            smtp.command("DATA");
            smtp.command("Subject: wake up\r\n\r\nhello\r\n.");
            long delivered = System.currentTimeMillis();
            client.join(20_000);
            assertThat(failure[0]).isNull();
            assertThat(output[0]).contains("CONT + idling").contains("DONE").contains("OK Idle completed");
            String event = output[0].lines().filter(l -> l.startsWith("EVENT")).findFirst().orElseThrow();
            assertThat(event).contains("* 1 EXISTS");
            double seen = Double.parseDouble(event.substring(event.lastIndexOf(' ') + 1));
            assertThat((long) (seen * 1000) - delivered).isLessThan(1000);
        }
    }

    @Test
    void starttlsAndImplicitTlsBothCarryALogin() throws Exception {
        String out = python("frank", """
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                M = connect()
                show('STARTTLS', M.starttls(ssl_context=ctx))
                show('CAP', M.capability())
                show('LOGIN', M.login(U, W))
                M.logout()
                S = imaplib.IMAP4_SSL(H, int(os.environ['IMAPS']), ssl_context=ctx, timeout=30)
                print('WELCOME', S.welcome.decode())
                show('LOGINS', S.login(U, W))
                S.logout()
                # a command pipelined after STARTTLS in plain text is never run
                s = socket.create_connection((H, P), timeout=30)
                s.recv(4096)
                s.sendall(b'a STARTTLS\\r\\nb LOGIN frank@example.com secret\\r\\n')
                print('PIPELINED', s.recv(4096).decode().strip())
                t = ctx.wrap_socket(s)
                t.sendall(b'c NOOP\\r\\n')
                print('AFTER', t.recv(4096).decode().strip())
                t.close()
                """.replace("int(os.environ['IMAPS'])", Integer.toString(MAIL.imapsPort())));
        assertThat(out).contains("STARTTLS OK").doesNotContain("CAP OK IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE STARTTLS")
                .contains("LOGIN OK").contains("WELCOME * OK [CAPABILITY").contains("LOGINS OK")
                .contains("PIPELINED a OK Begin TLS negotiation now").contains("AFTER c OK NOOP completed");
    }

    @Test
    void authenticatePlainWithAndWithoutInitialResponseAndLogin() throws Exception {
        String out = python("grace", """
                import base64
                M = connect()
                show('PLAIN', M.authenticate('PLAIN', lambda c: ('\\0' + U + '\\0' + W).encode()))
                M.logout()
                lines = raw(connect(), 'AUTHENTICATE PLAIN ' + base64.b64encode(('\\0' + U + '\\0' + W).encode()).decode())
                print('SASLIR', lines[-1])
                M = connect()
                answers = iter([U.encode(), W.encode()])
                show('LOGINMECH', M.authenticate('LOGIN', lambda c: next(answers)))
                M.logout()
                """);
        assertThat(out).contains("PLAIN OK").containsPattern("SASLIR \\S+ OK \\[CAPABILITY").contains("LOGINMECH OK");
    }

    @Test
    void pathTraversalCreatesNothingOutsideTheMaildir() throws Exception {
        String out = python("heidi", """
                M = connect(); M.login(U, W)
                for name in ('../x', '/etc/x', '..', '.hidden', 'a..b', 'a/b', '~/x', '.'):
                    show('CREATE ' + name, M.create('"' + name + '"'))
                show('SELECT ..', M.select('..'))
                show('RENAME', M.rename('INBOX', '../../x'))
                lines = raw(M, 'CREATE {5+}\\r\\nab\\x00cd')
                print('NUL', lines[-1])
                lines = raw(M, 'CREATE "&Ai4-..&Ai4-"')
                print('UTF7DOTS', lines[-1])
                M.logout()
                """);
        assertThat(out).doesNotContain(" OK").contains("CREATE ../x NO").contains("SELECT .. NO")
                .contains("RENAME NO").contains("NUL ").containsPattern("NUL \\S+ NO");
        Path home = MAIL.maildir("heidi").getParent();
        try (Stream<Path> files = Files.walk(ROOT)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith("/x") || p.endsWith("/etc"));
        }
        if (Files.exists(MAIL.maildir("heidi"))) {
            try (Stream<Path> files = Files.list(MAIL.maildir("heidi"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
            }
        }
        assertThat(home.resolve("x")).doesNotExist();
    }

    @Test
    void aBadPasswordIsAnsweredAfterTheFailureDelay() throws Exception {
        String out = python("alice", """
                M = connect()
                t = time.time()
                try:
                    M.login(U, 'wrong')
                except imaplib.IMAP4.error as e:
                    print('FAILED', str(e), round(time.time() - t, 1))
                show('LOGIN', M.login(U, W))
                M.logout()
                """);
        assertThat(out).contains("[AUTHENTICATIONFAILED] Authentication failed.").contains("LOGIN OK");
        String failed = out.lines().filter(l -> l.startsWith("FAILED")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(failed.substring(failed.lastIndexOf(' ') + 1))).isGreaterThanOrEqualTo(1.4);
    }

    @Test
    void literalsBeyondTheLimitsAreRefusedWithoutBeingRead() throws Exception {
        String out = python("bob", """
                M = connect(); M.login(U, W)
                print('BIG', raw(M, 'APPEND INBOX {999999999}')[-1])
                print('BIGLOGIN', raw(M, 'CREATE {70000}')[-1])
                show('NOOP', M.noop())
                M.logout()
                """);
        assertThat(out).containsPattern("BIG \\S+ NO \\[TOOBIG\\]").containsPattern("BIGLOGIN \\S+ BAD")
                .contains("NOOP OK");
    }

    @Test
    void messagesAreFetchedStoredAndSearchedWithModSeqs() throws Exception {
        String out = python("ivan", """
                M = connect(); M.login(U, W)
                for i in range(1, 4):
                    M.append('INBOX', None, '"0%d-Feb-2024 10:00:00 +0000"' % i,
                             ('From: a@example.com\\r\\nSubject: number %d\\r\\n\\r\\nbody %d\\r\\n' % (i, i)).encode())
                M.select('INBOX')
                show('FLAGS', M.fetch('1:*', '(UID FLAGS RFC822.SIZE)'))
                show('BODY', M.uid('FETCH', '2', '(BODY[])'))
                show('SEEN', M.fetch('2', '(FLAGS)'))
                show('HEADER', M.fetch('3', '(BODY.PEEK[HEADER.FIELDS (Subject)])'))
                show('STORE', M.store('1', '+FLAGS', '(\\\\Flagged)'))
                show('SILENT', M.store('1', '-FLAGS.SILENT', '(\\\\Flagged)'))
                show('UIDSTORE', M.uid('STORE', '3', 'FLAGS', '(\\\\Answered $Work)'))
                show('SEARCHSEEN', M.search(None, 'SEEN'))
                show('SEARCHTEXT', M.search(None, 'SUBJECT', '"number 3"'))
                show('UIDSEARCH', M.uid('SEARCH', 'KEYWORD', '$Work'))
                show('MODSEQ', M.fetch('3', '(MODSEQ)'))
                ms = int(M.fetch('3', '(MODSEQ)')[1][0].decode().split('MODSEQ (')[1].split(')')[0])
                print('COND', raw(M, 'STORE 2:3 (UNCHANGEDSINCE %d) +FLAGS (\\\\Deleted)' % (ms - 1))[-1])
                print('SEARCHMODSEQ', raw(M, 'SEARCH MODSEQ 1')[0])
                print('CHANGED', raw(M, 'FETCH 1:* (FLAGS) (CHANGEDSINCE %d)' % (ms - 1)))
                print('BADSEQ', raw(M, 'FETCH 9 (FLAGS)')[-1])
                print('BADITEM', raw(M, 'FETCH 1 (NOSUCHITEM)')[-1])
                M.logout()
                """);
        assertThat(out).contains("FLAGS OK 1 (UID 1 FLAGS () RFC822.SIZE ")
                .contains("BODY OK 2 (UID 2 BODY[] {").contains("body 2")
                .contains("SEEN OK 2 (FLAGS (\\Seen))")
                .contains("Subject: number 3")
                .contains("STORE OK 1 (UID 1 FLAGS (\\Flagged)")
                .contains("SILENT OK None")
                .contains("SEARCHSEEN OK 2").contains("SEARCHTEXT OK 3").contains("UIDSEARCH OK 3")
                .containsPattern("COND \\S+ OK \\[MODIFIED 3\\]")
                .containsPattern("SEARCHMODSEQ \\* SEARCH 1 2 3 \\(MODSEQ \\d+\\)")
                .containsPattern("CHANGED \\['\\* 2 FETCH \\(FLAGS \\(\\\\\\\\Deleted \\\\\\\\Seen\\) MODSEQ")
                .containsPattern("BADSEQ \\S+ BAD").containsPattern("BADITEM \\S+ BAD");
    }

    @Test
    void aMultipartMessageShowsItsStructureAndSectionsAndIsFoundByAUtf8Search() throws Exception {
        String out = python("nina", """
                import base64
                body = base64.b64encode('こんにちは世界 yubin\\r\\n'.encode()).decode()
                msg = ('From: =?ISO-2022-JP?B?GyRCJEskWyRzGyhC?= <taro@example.jp>\\r\\n'
                       'To: nina@example.com\\r\\nSubject: =?UTF-8?B?5pel5pys6Kqe?= report\\r\\n'
                       'Date: Mon, 05 Feb 2024 10:00:00 +0900\\r\\nMessage-ID: <mp-1@example.jp>\\r\\n'
                       'MIME-Version: 1.0\\r\\nContent-Type: multipart/mixed; boundary="b1"\\r\\n\\r\\n'
                       'preamble\\r\\n--b1\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\n'
                       'Content-Transfer-Encoding: base64\\r\\n\\r\\n' + body + '\\r\\n'
                       '--b1\\r\\nContent-Type: application/octet-stream; name="data.bin"\\r\\n'
                       'Content-Disposition: attachment; filename="data.bin"\\r\\n\\r\\nBINARYDATA\\r\\n--b1--\\r\\n')
                M = connect(); M.login(U, W)
                M.append('INBOX', None, None, msg.encode())
                M.append('INBOX', None, None, b'Subject: other\\r\\n\\r\\nnothing here\\r\\n')
                M.select('INBOX')
                show('STRUCT', M.fetch('1', '(BODYSTRUCTURE)'))
                show('ENV', M.fetch('1', '(ENVELOPE)'))
                show('PART1', M.fetch('1', '(BODY.PEEK[1])'))
                show('MIME2', M.fetch('1', '(BODY.PEEK[2.MIME])'))
                show('PARTIAL', M.fetch('1', '(BODY.PEEK[2]<0.6>)'))
                M.literal = '世界'.encode()
                show('UTF8BODY', M.search('UTF-8', 'BODY'))
                M.literal = '日本語'.encode()
                show('UTF8SUBJECT', M.search('UTF-8', 'SUBJECT'))
                show('COMBINED', M.search(None, 'OR', 'FROM', 'taro', 'SMALLER', '10', 'SENTSINCE', '1-Feb-2024',
                                          'NOT', 'DELETED', 'HEADER', 'Message-ID', 'mp-1'))
                print('BADCHARSET', raw(M, 'SEARCH CHARSET KOI8-R BODY x')[-1])
                M.logout()
                """);
        String lower = out.toLowerCase(java.util.Locale.ROOT);
        assertThat(lower).contains("(\"text\" \"plain\" (\"charset\" \"utf-8\") nil nil \"base64\"")
                .contains("\"mixed\" (\"boundary\" \"b1\")")
                .contains("(\"attachment\" (\"filename\" \"data.bin\"))");
        assertThat(out).contains("\"=?ISO-2022-JP?B?GyRCJEskWyRzGyhC?=\" NIL \"taro\" \"example.jp\"")
                .contains("<mp-1@example.jp>")
                .contains("PART1 OK").contains("44GT44KT44Gr44Gh44Gv5LiW55WMIHl1YmluDQo=")
                .contains("Content-Disposition: attachment; filename=\"data.bin\"")
                .contains("BODY[2]<0> {6} BINARY |")
                .contains("UTF8BODY OK 1\n").contains("UTF8SUBJECT OK 1\n").contains("COMBINED OK 1\n")
                .containsPattern("BADCHARSET \\S+ NO \\[BADCHARSET");
    }

    @Test
    void aLargeMailboxIsDownloadedWhole() throws Exception {
        String out = python("judy", """
                M = connect(); M.login(U, W)
                body = ('x' * 998 + '\\r\\n') * 200
                for i in range(60):
                    M.append('INBOX', None, None, ('Subject: big %d\\r\\n\\r\\n' % i + body).encode())
                M.select('INBOX', readonly=True)
                typ, data = M.uid('FETCH', '1:*', '(BODY.PEEK[])')
                sizes = [len(d[1]) for d in data if isinstance(d, tuple)]
                print('GOT', typ, len(sizes), min(sizes), max(sizes))
                # pipelined single fetches, as mbsync sends them
                tags = []
                for uid in range(1, 61):
                    tag = M._new_tag(); tags.append(tag)
                    M.send(tag + b' UID FETCH %d (BODY.PEEK[])\\r\\n' % uid)
                done = 0
                while done < 60:
                    line = M._get_line()
                    if line.endswith(b'}'):
                        M._get_response  # literal follows
                        size = int(line[line.rindex(b'{') + 1:-1])
                        M.file.read(size)
                    elif line.split(b' ')[0] in tags:
                        done += 1
                print('PIPELINED', done)
                M.logout()
                """);
        assertThat(out).contains("GOT OK 60 200018 200019").contains("PIPELINED 60");
    }

    @Test
    void mbsyncSyncsFlagsNewFoldersAndDeletionsBothWays() throws Exception {
        python("kate", """
                M = connect(); M.login(U, W)
                M.append('INBOX', '(\\\\Seen)', None, b'Subject: seen\\r\\n\\r\\nold\\r\\n')
                M.append('INBOX', None, None, b'Subject: new\\r\\n\\r\\nnew\\r\\n')
                M.logout()
                """);
        Path local = ROOT.resolve("kate-local");
        Path projects = local.resolve("Projects");
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(projects.resolve(sub));
        }
        Files.writeString(projects.resolve("cur/1700000000.1.local:2,F"), "Subject: mine\n\nlocal\n");
        Path config = ROOT.resolve("kate-mbsyncrc");
        Files.writeString(config, """
                FSync no
                IMAPAccount yubin
                Host 127.0.0.1
                Port %d
                User kate@example.com
                Pass "%s"
                SSLType None
                AuthMechs PLAIN

                IMAPStore remote
                Account yubin

                MaildirStore local
                Path %s/
                Inbox %s/INBOX
                SubFolders Verbatim

                Channel all
                Far :remote:
                Near :local:
                Patterns *
                Sync All
                Create Both
                Remove None
                Expunge Both
                SyncState *
                """.formatted(MAIL.imapPort(), TestMailSystem.PASSWORD, local, local));
        mbsync(config);
        assertThat(files(local.resolve("INBOX/cur"))).singleElement()
                .matches(file -> file.getFileName().toString().endsWith(":2,S"));
        assertThat(files(local.resolve("INBOX/new"))).hasSize(1);
        String afterPush = python("kate", """
                M = connect(); M.login(U, W)
                show('LIST', M.list('""', '*'))
                M.select('Projects')
                show('PROJECTS', M.fetch('1:*', '(FLAGS BODY.PEEK[HEADER.FIELDS (Subject)])'))
                M.logout()
                """);
        assertThat(afterPush).contains("\"Projects\"").contains("FLAGS (\\Flagged)").contains("Subject: mine");

        // locally: read the new message and delete the read one, then sync again
        for (Path file : files(local.resolve("INBOX/cur"))) {
            Files.move(file, file.resolveSibling(file.getFileName() + "T"));
        }
        for (Path file : files(local.resolve("INBOX/new"))) {
            Files.move(file, local.resolve("INBOX/cur").resolve(file.getFileName() + ":2,S"));
        }
        mbsync(config);
        String afterFlags = python("kate", """
                M = connect(); M.login(U, W)
                M.select('INBOX')
                show('INBOX', M.fetch('1:*', '(FLAGS BODY.PEEK[HEADER.FIELDS (Subject)])'))
                M.logout()
                """);
        assertThat(afterFlags).contains("FLAGS (\\Seen)").contains("Subject: new").doesNotContain("Subject: seen");

        // on the server: new mail arrives and another client answers "new"; both come down
        assertThat(MAIL.sendOverSmtp("kate@example.com", "Subject: arrived\r\n\r\nlater\r\n")).startsWith("250");
        MAIL.onlyFileContaining("kate", "Subject: arrived");
        python("kate", """
                M = connect(); M.login(U, W)
                M.select('INBOX')
                typ, data = M.search(None, 'SUBJECT', '"new"')
                M.store(data[0].decode(), '+FLAGS', '(\\\\Answered)')
                M.logout()
                """);
        mbsync(config);
        List<String> names = files(local.resolve("INBOX/cur")).stream().map(f -> f.getFileName().toString()).toList();
        assertThat(names).singleElement().matches(name -> name.endsWith(":2,RS"));
        assertThat(files(local.resolve("INBOX/new"))).singleElement()
                .satisfies(file -> assertThat(Files.readString(file)).contains("Subject: arrived"));
    }

    @Test
    void fetchmailDownloadsOverImap() throws Exception {
        python("lena", """
                M = connect(); M.login(U, W)
                for i in range(3):
                    M.append('INBOX', None, None, ('Subject: fetch %d\\r\\n\\r\\nbody\\r\\n' % i).encode())
                M.logout()
                """);
        Path out = ROOT.resolve("lena-fetched");
        Path rc = ROOT.resolve("lena-fetchmailrc");
        Files.writeString(rc, "poll 127.0.0.1 service %d protocol IMAP auth password user \"lena@example.com\" password \"%s\" sslproto '' mda \"/bin/sh -c 'cat >> %s'\"\n"
                .formatted(MAIL.imapPort(), TestMailSystem.PASSWORD, out));
        Files.setPosixFilePermissions(rc, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Process process = new ProcessBuilder("fetchmail", "-f", rc.toString(), "--nosyslog", "--nodetach", "-i",
                ROOT.resolve("lena-fetchids").toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(Files.readString(out)).contains("Subject: fetch 0").contains("Subject: fetch 1").contains("Subject: fetch 2");
        String after = python("lena", """
                M = connect(); M.login(U, W)
                show('STATUS', M.status('INBOX', '(MESSAGES)'))
                M.logout()
                """);
        assertThat(after).contains("(MESSAGES 0)");
    }

    @Test
    void aSelectedSessionHearsOfAnotherSessionsChangesAtNoopButNotDuringFetch() throws Exception {
        String out = python("mike", """
                A = connect(); A.login(U, W)
                for i in range(3):
                    A.append('INBOX', None, None, ('Subject: m%d\\r\\n\\r\\nx\\r\\n' % i).encode())
                A.select('INBOX')
                B = connect(); B.login(U, W); B.select('INBOX')
                B.store('1', '+FLAGS', '(\\\\Deleted)'); B.expunge()
                B.store('1', '+FLAGS', '(\\\\Flagged)')
                B.append('INBOX', None, None, b'Subject: m3\\r\\n\\r\\nx\\r\\n')
                time.sleep(0.5)
                print('DURINGFETCH', raw(A, 'FETCH 1 (UID)'))
                print('NOOP', raw(A, 'NOOP'))
                A.logout(); B.logout()
                """);
        assertThat(out).contains("DURINGFETCH ['* 1 FETCH (UID 1)',").doesNotContain("DURINGFETCH ['* 1 EXPUNGE'")
                .containsPattern("NOOP \\['\\* 1 EXPUNGE', '\\* 1 FETCH \\(UID 2 FLAGS \\(\\\\\\\\Flagged\\)\\)', '\\* 3 EXISTS'");
    }

    private static List<Path> files(Path directory) throws java.io.IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static void mbsync(Path config) throws Exception {
        Process process = new ProcessBuilder("mbsync", "-c", config.toString(), "-q", "all")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
