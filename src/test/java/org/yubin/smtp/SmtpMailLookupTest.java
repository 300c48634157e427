package org.yubin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.yubin.smtp.hook.HookResult;
import org.yubin.smtp.hook.MailHook;
import org.yubin.smtp.hook.MailRequest;
import org.yubin.smtp.hook.SmtpPolicy;
import org.yubin.tls.ListenerTls;

/**
 * MAIL hooks that ask DNS run on the policy's look-up executor: the session answers
 * nothing and reads nothing meanwhile, then goes on in order. The executor here is run by
 * hand on the test thread, so each step is seen.
 */
class SmtpMailLookupTest {

    /** Runs nothing until the test says so. */
    private static final class HeldExecutor implements Executor {
        final Queue<Runnable> held = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            held.add(task);
        }

        void runAll() {
            while (!held.isEmpty()) {
                held.poll().run();
            }
        }
    }

    private record DnsHook(Function<MailRequest, HookResult> answer) implements MailHook {
        @Override
        public HookResult onMail(MailRequest request) {
            return answer.apply(request);
        }

        @Override
        public boolean blocks() {
            return true;
        }
    }

    private final HeldExecutor lookups = new HeldExecutor();

    private EmbeddedSmtpSession session(MailHook hook) {
        SmtpListenerSettings settings = EmbeddedSmtpSession.settings();
        SmtpPolicy policy = new SmtpPolicy(List.of(hook), SmtpPolicy.standard(settings).rcptHooks(), lookups);
        SmtpServerInitializer initializer = new SmtpServerInitializer(settings, new FakeRecipientResolver(),
                ListenerTls.NONE, policy, EmbeddedSmtpSession.CLOCK);
        EmbeddedSmtpSession session = new EmbeddedSmtpSession(initializer, "192.0.2.1", message -> "queued");
        session.replies();
        session.send("EHLO client.test\r\n");
        session.replies();
        return session;
    }

    @Test
    void pipelinedCommandsWaitForTheLookupAndAreAnsweredInOrder() {
        try (EmbeddedSmtpSession c = session(new DnsHook(request -> HookResult.DECLINED))) {
            c.send("MAIL FROM:<a@remote.test>\r\nRCPT TO:<alice@example.com>\r\n");
            assertThat(c.replies()).isEmpty();
            assertThat(c.channel.config().isAutoRead()).isFalse();
            assertThat(lookups.held).hasSize(1);

            lookups.runAll();
            c.channel.runPendingTasks();
            assertThat(c.replies()).isEqualTo("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n");
            assertThat(c.channel.config().isAutoRead()).isTrue();
        }
    }

    @Test
    void aRefusalFromTheLookupIsTheReplyToMail() {
        SmtpReply notFound = new SmtpReply(450, "4.1.8", "<a@nowhere.test>: Sender address rejected: Domain not found");
        try (EmbeddedSmtpSession c = session(new DnsHook(request -> HookResult.denySoft(notFound)))) {
            c.send("MAIL FROM:<a@nowhere.test>\r\nRCPT TO:<alice@example.com>\r\n");
            lookups.runAll();
            c.channel.runPendingTasks();
            assertThat(c.replies()).isEqualTo(notFound.toWireString() + "503 5.5.1 Error: need MAIL command\r\n");
        }
    }

    @Test
    void aLookupThatFailsIsATemporaryRefusal() {
        try (EmbeddedSmtpSession c = session(new DnsHook(request -> {
            throw new IllegalStateException("resolver gone");
        }))) {
            c.send("MAIL FROM:<a@remote.test>\r\n");
            lookups.runAll();
            c.channel.runPendingTasks();
            assertThat(c.replies()).isEqualTo("451 4.3.0 <a@remote.test>: Temporary lookup failure\r\n");
        }
    }

    @Test
    void aSyntaxErrorIsAnsweredWithoutALookup() {
        try (EmbeddedSmtpSession c = session(new DnsHook(request -> HookResult.DECLINED))) {
            c.send("MAIL FROM:<a@remote.test> FOO=1\r\n");
            assertThat(c.replies()).startsWith("555 5.5.4");
            assertThat(lookups.held).isEmpty();
        }
    }

    @Test
    void hooksThatDoNotBlockRunOnTheEventLoop() {
        try (EmbeddedSmtpSession c = session(request -> HookResult.DECLINED)) {
            c.send("MAIL FROM:<a@remote.test>\r\n");
            assertThat(c.replies()).isEqualTo("250 2.1.0 Ok\r\n");
            assertThat(lookups.held).isEmpty();
        }
    }
}
