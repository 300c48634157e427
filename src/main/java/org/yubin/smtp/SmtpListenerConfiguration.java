package org.yubin.smtp;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yubin.auth.Authenticator;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.remote.MxLookup;
import org.yubin.directory.Directory;
import org.yubin.directory.RecipientResolver;
import org.yubin.listener.EventLoops;
import org.yubin.smtp.hook.AuthenticationRequiredHook;
import org.yubin.smtp.hook.MailHook;
import org.yubin.smtp.hook.SenderLoginMatchHook;
import org.yubin.smtp.hook.SmtpPolicy;
import org.yubin.smtp.hook.UnknownSenderDomainHook;
import org.yubin.tls.ListenerTls;

/**
 * The SMTP listeners' pipeline factories, named for the routes that use them
 * ({@code serverInitializerFactory=#mxServerInitializer}). Each listener gets its own
 * bean, differing in the name ({@code YubinListener} of its messages), the TLS mode,
 * AUTH and the policy:
 * <table>
 * <caption>listeners</caption>
 * <tr><th>listener</th><th>AUTH</th><th>MAIL hooks</th><th>relay</th></tr>
 * <tr><td>mx</td><td>no</td><td>unknown sender domain</td><td>mynetworks</td></tr>
 * <tr><td>submission</td><td>after STARTTLS</td><td>AUTH required, sender owned by the login,
 *     unknown sender domain</td><td>authenticated users, mynetworks</td></tr>
 * <tr><td>smtps</td><td>yes (TLS from the start)</td><td>as submission</td><td>as submission</td></tr>
 * </table>
 * The sender checks follow {@code yubin.smtp.reject-unknown-sender-domain} and
 * {@code yubin.submission.sender-login-match}.
 */
@Configuration(proxyBeanMethods = false)
public class SmtpListenerConfiguration {

    private static final int LOOKUP_THREADS = 32;

    /**
     * SMTP's own event loops, the {@code workerGroup} of the three SMTP routes: sessions run
     * on them (see {@link SmtpServerInitializer}); {@code yubin.smtp.worker-threads} of them.
     */
    @Bean(destroyMethod = "shutdownGracefully")
    public EventLoopGroup smtpEventLoops(YubinProperties properties) {
        return EventLoops.create("smtp", properties.getSmtp().effectiveWorkerThreads(),
                properties.isNativeTransport());
    }

    /**
     * Threads for the MAIL checks that ask DNS (the sender domain), so that a slow name
     * server holds up the sessions that wait for it and not an event loop. As many as
     * lookups may run at once; idle threads end after a minute.
     */
    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService smtpLookups() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("smtp-lookup", true));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Port 25 style MX: STARTTLS offered, no AUTH; relaying only for {@code yubin.mynetworks}. */
    @Bean
    public SmtpServerInitializer mxServerInitializer(YubinProperties properties, RecipientResolver resolver,
                                                     SslContext serverSslContext, Directory directory,
                                                     MxLookup mxLookup, ExecutorService smtpLookups) {
        SmtpListenerSettings settings = SmtpListenerSettings.from("mx", properties);
        return new SmtpServerInitializer(settings, resolver, ListenerTls.startTls(serverSslContext), SmtpAuth.NONE,
                policy(settings, List.of(), properties, directory, mxLookup, smtpLookups), Clock.systemDefaultZone());
    }

    /** Submission (RFC 6409) with STARTTLS; AUTH once TLS is on, unless {@code yubin.submission.auth-before-tls}. */
    @Bean
    public SmtpServerInitializer submissionServerInitializer(YubinProperties properties, RecipientResolver resolver,
                                                             SslContext serverSslContext, Directory directory,
                                                             MxLookup mxLookup, Authenticator authenticator,
                                                             ExecutorService smtpLookups) {
        SmtpListenerSettings settings = SmtpListenerSettings.from("submission", properties);
        SmtpAuth auth = new SmtpAuth(authenticator, !properties.getSubmission().isAuthBeforeTls());
        return new SmtpServerInitializer(settings, resolver, ListenerTls.startTls(serverSslContext), auth,
                policy(settings, submissionHooks(properties), properties, directory, mxLookup, smtpLookups),
                Clock.systemDefaultZone());
    }

    /** Submission over implicit TLS (RFC 8314); the same policy as submission. */
    @Bean
    public SmtpServerInitializer smtpsServerInitializer(YubinProperties properties, RecipientResolver resolver,
                                                        SslContext serverSslContext, Directory directory,
                                                        MxLookup mxLookup, Authenticator authenticator,
                                                        ExecutorService smtpLookups) {
        SmtpListenerSettings settings = SmtpListenerSettings.from("smtps", properties);
        return new SmtpServerInitializer(settings, resolver, ListenerTls.implicit(serverSslContext),
                new SmtpAuth(authenticator, true),
                policy(settings, submissionHooks(properties), properties, directory, mxLookup, smtpLookups),
                Clock.systemDefaultZone());
    }

    private static List<MailHook> submissionHooks(YubinProperties properties) {
        List<MailHook> hooks = new ArrayList<>();
        hooks.add(new AuthenticationRequiredHook());
        if (properties.getSubmission().isSenderLoginMatch()) {
            hooks.add(new SenderLoginMatchHook());
        }
        return hooks;
    }

    /** {@code first} MAIL hooks, then the sender domain check; the standard RCPT hooks. */
    private static SmtpPolicy policy(SmtpListenerSettings settings, List<MailHook> first, YubinProperties properties,
                                     Directory directory, MxLookup mxLookup, Executor lookups) {
        List<MailHook> mailHooks = new ArrayList<>(first);
        if (properties.getSmtp().isRejectUnknownSenderDomain()) {
            mailHooks.add(new UnknownSenderDomainHook(new DnsSenderDomainLookup(mxLookup), directory::isLocalDomain));
        }
        return new SmtpPolicy(mailHooks, SmtpPolicy.standard(settings).rcptHooks(), lookups);
    }
}
