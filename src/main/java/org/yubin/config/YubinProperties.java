package org.yubin.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every {@code yubin.*} setting of {@code ../shared/CONTRACT.md}, bound from
 * {@code config/application.yaml}, the environment ({@code YUBIN_SMTP_PORT}) or
 * {@code SPRING_CONFIG_ADDITIONAL_LOCATION}.
 */
@ConfigurationProperties("yubin")
public class YubinProperties {

    /** Queue, mail store, keys, certificates, list state. */
    private Path dataDir = Path.of("data");
    /** myhostname: banner, Received, bounces. Empty means the machine's name. */
    private String hostname = "";
    /** Virtual mailbox domains; empty means the domains of the directory. */
    private List<String> domains = new ArrayList<>();
    /** Clients that may relay without AUTH. */
    private List<String> mynetworks = new ArrayList<>(List.of("127.0.0.0/8", "[::1]/128"));
    /** Largest message accepted, in bytes (SIZE in EHLO, 552 5.3.4 above it). */
    private long messageSizeLimit = 26_214_400;
    /** The aliases file ({@code name: target, target}). */
    private Path aliases = Path.of("config/aliases");
    /**
     * Listeners on Netty's native epoll transport (Linux); false means Java NIO, for
     * systems without it. The routes pass it to each netty endpoint ({@code nativeTransport}).
     */
    private boolean nativeTransport = true;

    private final Smtp smtp = new Smtp();
    /** Submission with STARTTLS (RFC 6409); production port 587. */
    private final Submission submission = new Submission();
    /** Submission over implicit TLS (RFC 8314); production port 465. */
    private final Listener smtps = new Listener(2465);
    /** IMAP with STARTTLS; production port 143. */
    private final Access imap = new Access(2143);
    /** IMAP over implicit TLS; production port 993. It shares the limits of {@link #imap}. */
    private final Listener imaps = new Listener(2993);
    /** POP3 with STLS; production port 110. */
    private final Access pop3 = new Access(2110);
    /** POP3 over implicit TLS; production port 995. It shares the limits of {@link #pop3}. */
    private final Listener pop3s = new Listener(2995);
    private final Tls tls = new Tls();
    private final Directory directory = new Directory();
    private final Queue queue = new Queue();
    private final Outbound outbound = new Outbound();
    private final Dns dns = new Dns();
    private final Auth auth = new Auth();
    private final Clamd clamd = new Clamd();
    private final Spamd spamd = new Spamd();
    private final Spf spf = new Spf();
    private final Dmarc dmarc = new Dmarc();
    private final Dkim dkim = new Dkim();

    /** {@code threads}, or twice the processors when it is 0 (the default of the event loop counts). */
    static int orTwicePerProcessor(int threads) {
        return threads > 0 ? threads : 2 * Runtime.getRuntime().availableProcessors();
    }

    public String effectiveHostname() {
        if (hostname != null && !hostname.isBlank()) {
            return hostname;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The MX listener and the limits every SMTP listener shares. */
    public static class Smtp {
        private String bind = "0.0.0.0";
        private int port = 2525;
        /** Longest command line, CRLF included (RFC 5321 4.5.3.1.4 says 512). */
        private int maxLineLength = 512;
        private int maxRecipients = 1000;
        /** Concurrent connections one client address may hold. */
        private int maxConnectionsPerClient = 50;
        /** How long a client may stay silent, between commands and inside DATA. */
        private Duration idleTimeout = Duration.ofMinutes(5);
        /** Errors (bad commands, refused recipients) before the session is closed. */
        private int maxErrors = 20;
        /** SMTP's own event loops, which run the sessions; 0 means twice the processors. */
        private int workerThreads = 0;
        /**
         * On every listener, refuse a sender whose domain has neither MX nor A/AAAA records
         * with 450 4.1.8 (Postfix's {@code reject_unknown_sender_domain}); the null sender and
         * hosted domains are not looked up.
         */
        private boolean rejectUnknownSenderDomain = true;

        public String getBind() { return bind; }
        public void setBind(String bind) { this.bind = bind; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public int getMaxLineLength() { return maxLineLength; }
        public void setMaxLineLength(int maxLineLength) { this.maxLineLength = maxLineLength; }
        public int getMaxRecipients() { return maxRecipients; }
        public void setMaxRecipients(int maxRecipients) { this.maxRecipients = maxRecipients; }
        public int getMaxConnectionsPerClient() { return maxConnectionsPerClient; }
        public void setMaxConnectionsPerClient(int n) { this.maxConnectionsPerClient = n; }
        public Duration getIdleTimeout() { return idleTimeout; }
        public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
        public int getMaxErrors() { return maxErrors; }
        public void setMaxErrors(int maxErrors) { this.maxErrors = maxErrors; }
        public int getWorkerThreads() { return workerThreads; }
        public void setWorkerThreads(int workerThreads) { this.workerThreads = workerThreads; }

        /** {@code worker-threads}, with 0 resolved to twice the processors. */
        public int effectiveWorkerThreads() {
            return orTwicePerProcessor(workerThreads);
        }

        public boolean isRejectUnknownSenderDomain() { return rejectUnknownSenderDomain; }
        public void setRejectUnknownSenderDomain(boolean reject) { this.rejectUnknownSenderDomain = reject; }
    }

    /** The submission listener and the policy of both submission listeners (submission, smtps). */
    public static class Submission extends Listener {
        /** Offer AUTH on the submission port before STARTTLS (passwords in clear: for tests and old clients only). */
        private boolean authBeforeTls = false;
        /**
         * The envelope sender must be the login, {@code mail} or an extra address of the
         * authenticated user, else 553 5.7.1 (Postfix's {@code reject_sender_login_mismatch}).
         */
        private boolean senderLoginMatch = true;

        public Submission() {
            super(2587);
        }

        public boolean isAuthBeforeTls() { return authBeforeTls; }
        public void setAuthBeforeTls(boolean authBeforeTls) { this.authBeforeTls = authBeforeTls; }
        public boolean isSenderLoginMatch() { return senderLoginMatch; }
        public void setSenderLoginMatch(boolean senderLoginMatch) { this.senderLoginMatch = senderLoginMatch; }
    }

    /** Logins (SMTP AUTH, later IMAP and POP3): SASL mechanisms, the login cache, failures. */
    public static class Auth {
        /**
         * SASL mechanisms offered, space or comma separated: PLAIN, LOGIN, CRAM-MD5,
         * SCRAM-SHA-1, SCRAM-SHA-256. CRAM-MD5 and SCRAM need the users' passwords stored
         * as {@code {PLAIN}} in the directory; users with hashed passwords cannot use them.
         */
        private String mechanisms = "PLAIN LOGIN";
        /** How long a successful password check is reused (Dovecot's auth_cache_ttl); 0 turns caching off. */
        private Duration cacheTtl = Duration.ofMinutes(30);
        /** How long a failed password check is reused (auth_cache_negative_ttl); 0 turns it off. */
        private Duration cacheNegativeTtl = Duration.ofHours(1);
        /** Wait before answering a failed login; no thread is blocked meanwhile. */
        private Duration failureDelay = Duration.ofSeconds(2);
        /** Failed logins of one client address per minute; beyond them it gets 454 4.7.0 without a check. */
        private int maxFailuresPerMinute = 10;

        public String getMechanisms() { return mechanisms; }
        public void setMechanisms(String mechanisms) { this.mechanisms = mechanisms; }
        public Duration getCacheTtl() { return cacheTtl; }
        public void setCacheTtl(Duration cacheTtl) { this.cacheTtl = cacheTtl; }
        public Duration getCacheNegativeTtl() { return cacheNegativeTtl; }
        public void setCacheNegativeTtl(Duration cacheNegativeTtl) { this.cacheNegativeTtl = cacheNegativeTtl; }
        public Duration getFailureDelay() { return failureDelay; }
        public void setFailureDelay(Duration failureDelay) { this.failureDelay = failureDelay; }
        public int getMaxFailuresPerMinute() { return maxFailuresPerMinute; }
        public void setMaxFailuresPerMinute(int n) { this.maxFailuresPerMinute = n; }
    }

    /** An extra SMTP listener; it shares the limits of {@link Smtp}. */
    public static class Listener {
        private String bind = "0.0.0.0";
        private int port;

        public Listener(int port) {
            this.port = port;
        }

        public String getBind() { return bind; }
        public void setBind(String bind) { this.bind = bind; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
    }

    /** A mail access listener (IMAP, POP3) and the limits it shares with its implicit-TLS twin. */
    public static class Access extends Listener {
        /** Longest command line in bytes, literals not counted; longer gets BAD / -ERR. */
        private int maxLineLength = 65_536;
        /** Sessions one user may have open at once per protocol (Dovecot's mail_max_userip_connections). */
        private int maxSessionsPerUser = 20;
        /** A session silent this long is logged out (RFC 3501 5.4: at least 30 minutes for IMAP). */
        private Duration idleTimeout = Duration.ofMinutes(30);
        /** Refuse LOGIN, plaintext AUTH and USER/PASS before TLS (Dovecot's disable_plaintext_auth; the seed has no). */
        private boolean loginDisabledBeforeTls = false;
        /**
         * Threads that run sessions (file I/O, directory look-ups block them): IMAP's own event
         * loops, POP3's session threads; 0 means twice the processors.
         */
        private int workerThreads = 0;

        public Access(int port) {
            super(port);
        }

        public int getMaxLineLength() { return maxLineLength; }
        public void setMaxLineLength(int maxLineLength) { this.maxLineLength = maxLineLength; }
        public int getMaxSessionsPerUser() { return maxSessionsPerUser; }
        public void setMaxSessionsPerUser(int n) { this.maxSessionsPerUser = n; }
        public Duration getIdleTimeout() { return idleTimeout; }
        public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
        public boolean isLoginDisabledBeforeTls() { return loginDisabledBeforeTls; }
        public void setLoginDisabledBeforeTls(boolean disabled) { this.loginDisabledBeforeTls = disabled; }
        public int getWorkerThreads() { return workerThreads; }
        public void setWorkerThreads(int workerThreads) { this.workerThreads = workerThreads; }

        /** {@code worker-threads}, with 0 resolved to twice the processors. */
        public int effectiveWorkerThreads() {
            return orTwicePerProcessor(workerThreads);
        }
    }

    /** Server certificates; with none configured a self-signed one for the host name is made in the data dir. */
    public static class Tls {
        /** The SNI map: the first entry is also served to clients that name no known host. */
        private List<Certificate> certificates = new ArrayList<>();
        /** How often the certificate files are checked for changes; 0 turns reloading off. */
        private Duration reloadInterval = Duration.ofSeconds(30);

        public List<Certificate> getCertificates() { return certificates; }
        public void setCertificates(List<Certificate> certificates) { this.certificates = certificates; }
        public Duration getReloadInterval() { return reloadInterval; }
        public void setReloadInterval(Duration reloadInterval) { this.reloadInterval = reloadInterval; }

        /** One PEM chain and key, and the host names it serves ({@code *.example.com} allowed). */
        public static class Certificate {
            private List<String> hostnames = new ArrayList<>();
            /** PEM certificate chain, leaf first. */
            private Path cert;
            /** PEM private key, RSA or EC, PKCS#8 or traditional, not encrypted. */
            private Path key;

            public List<String> getHostnames() { return hostnames; }
            public void setHostnames(List<String> hostnames) { this.hostnames = hostnames; }
            public Path getCert() { return cert; }
            public void setCert(Path cert) { this.cert = cert; }
            public Path getKey() { return key; }
            public void setKey(Path key) { this.key = key; }
        }
    }

    /** Where users and domains come from: the embedded LDAP server or an external one. */
    public static class Directory {
        private Path ldif = Path.of("config/directory.ldif");
        /** External LDAP ({@code ldap://host:389}); when set it replaces the embedded server. */
        private String url;
        private String bindDn;
        private String bindPassword;
        /** Search base; {@code %d} domain, {@code %n} local part, {@code %u} whole login. */
        private String base = "dc=%d,dc=control,dc=isp";
        /** Finds a user by login, as in the seed's dovecot-ldap.conf. */
        private String userFilter = "(&(cn=%u)(status=valid))";
        /** Finds the mailbox of a recipient address: its login, mail or an extra address. */
        private String recipientFilter = "(&(|(cn=%u)(mail=%u)(mailAlternateAddress=%u))(status=valid))";
        /** Where the domains live: one {@code dc=<domain>} entry below it per hosted domain. */
        private String domainsBase = "dc=control,dc=isp";
        /** How long a recipient look-up (found or not) is reused; a reload of the embedded directory forgets them. */
        private Duration cacheTtl = Duration.ofSeconds(60);

        public Path getLdif() { return ldif; }
        public void setLdif(Path ldif) { this.ldif = ldif; }
        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getBindDn() { return bindDn; }
        public void setBindDn(String bindDn) { this.bindDn = bindDn; }
        public String getBindPassword() { return bindPassword; }
        public void setBindPassword(String bindPassword) { this.bindPassword = bindPassword; }
        public String getBase() { return base; }
        public void setBase(String base) { this.base = base; }
        public String getUserFilter() { return userFilter; }
        public void setUserFilter(String userFilter) { this.userFilter = userFilter; }
        public String getRecipientFilter() { return recipientFilter; }
        public void setRecipientFilter(String recipientFilter) { this.recipientFilter = recipientFilter; }
        public String getDomainsBase() { return domainsBase; }
        public void setDomainsBase(String domainsBase) { this.domainsBase = domainsBase; }
        public Duration getCacheTtl() { return cacheTtl; }
        public void setCacheTtl(Duration cacheTtl) { this.cacheTtl = cacheTtl; }
    }

    /** The durable queue between acceptance and delivery. */
    public static class Queue {
        /** External Artemis broker ({@code tcp://host:61616}); unset runs one embedded in the data dir. */
        private String brokerUrl;
        private String user;
        private String password;
        /** First wait before a temporarily failed delivery is tried again. */
        private Duration retryDelay = Duration.ofSeconds(60);
        /** Each further wait is this many times the one before. */
        private double retryMultiplier = 2.0;
        private Duration maxRetryDelay = Duration.ofHours(1);
        /** How long a message may keep failing temporarily before it is given up. */
        private Duration lifetime = Duration.ofDays(5);
        /** Parallel deliveries from the queue. */
        private int deliveryConcurrency = 32;
        /**
         * Embedded broker: how long the journal gathers the writes of concurrent transactions
         * into one fdatasync. Longer saves syncs on slow disks; each commit may wait this long.
         */
        private Duration journalSyncDelay = Duration.ofNanos(100_000);

        public String getBrokerUrl() { return brokerUrl; }
        public void setBrokerUrl(String brokerUrl) { this.brokerUrl = brokerUrl; }
        public String getUser() { return user; }
        public void setUser(String user) { this.user = user; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public Duration getRetryDelay() { return retryDelay; }
        public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }
        public double getRetryMultiplier() { return retryMultiplier; }
        public void setRetryMultiplier(double retryMultiplier) { this.retryMultiplier = retryMultiplier; }
        public Duration getMaxRetryDelay() { return maxRetryDelay; }
        public void setMaxRetryDelay(Duration maxRetryDelay) { this.maxRetryDelay = maxRetryDelay; }
        public Duration getLifetime() { return lifetime; }
        public void setLifetime(Duration lifetime) { this.lifetime = lifetime; }
        public int getDeliveryConcurrency() { return deliveryConcurrency; }
        public void setDeliveryConcurrency(int deliveryConcurrency) { this.deliveryConcurrency = deliveryConcurrency; }
        public Duration getJournalSyncDelay() { return journalSyncDelay; }
        public void setJournalSyncDelay(Duration journalSyncDelay) { this.journalSyncDelay = journalSyncDelay; }
    }

    /** Delivery of remote recipients over SMTP, from the queue {@code yubin.outbound}. */
    public static class Outbound {
        /**
         * Send all remote mail to this host instead of looking up MX records:
         * {@code [host]:port} (no MX look-up, as Postfix's brackets), {@code host:port} or
         * {@code host} (MX look-up of host). Unset means MX delivery.
         */
        private String relayhost;
        /** Port of the MX hosts (and of a relayhost given without one). */
        private int smtpPort = 25;
        /** Parallel outbound deliveries (consumers of the outbound queue). */
        private int concurrency = 32;
        /** Parallel connections to one destination (domain, or the relayhost). */
        private int destinationConcurrency = 20;
        /** Connection set-up (Postfix smtp_connect_timeout). */
        private Duration connectTimeout = Duration.ofSeconds(30);
        /** Waiting for the reply to one command, and for the server while sending data. */
        private Duration commandTimeout = Duration.ofSeconds(300);
        /** Waiting for the reply after the final dot (Postfix smtp_data_done_timeout). */
        private Duration dataDoneTimeout = Duration.ofSeconds(600);
        /** How long an idle connection is kept for the next message to the same destination. */
        private Duration connectionReuseTime = Duration.ofSeconds(5);
        /** Deferred this long, the sender gets one delay warning (a DSN with Action: delayed); 0 turns it off. */
        private Duration delayWarning = Duration.ofHours(4);
        /** Name given in EHLO; empty means {@code yubin.hostname}. */
        private String heloName = "";

        public String getRelayhost() { return relayhost; }
        public void setRelayhost(String relayhost) { this.relayhost = relayhost; }
        public int getSmtpPort() { return smtpPort; }
        public void setSmtpPort(int smtpPort) { this.smtpPort = smtpPort; }
        public int getConcurrency() { return concurrency; }
        public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
        public int getDestinationConcurrency() { return destinationConcurrency; }
        public void setDestinationConcurrency(int n) { this.destinationConcurrency = n; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getCommandTimeout() { return commandTimeout; }
        public void setCommandTimeout(Duration commandTimeout) { this.commandTimeout = commandTimeout; }
        public Duration getDataDoneTimeout() { return dataDoneTimeout; }
        public void setDataDoneTimeout(Duration dataDoneTimeout) { this.dataDoneTimeout = dataDoneTimeout; }
        public Duration getConnectionReuseTime() { return connectionReuseTime; }
        public void setConnectionReuseTime(Duration time) { this.connectionReuseTime = time; }
        public Duration getDelayWarning() { return delayWarning; }
        public void setDelayWarning(Duration delayWarning) { this.delayWarning = delayWarning; }
        public String getHeloName() { return heloName; }
        public void setHeloName(String heloName) { this.heloName = heloName; }
    }

    /** DNS for MX, A and AAAA look-ups. */
    public static class Dns {
        /** Resolvers as {@code host:port} (port 53 when left out); empty means the system's resolvers. */
        private List<String> servers = new ArrayList<>();
        /** How long one query may take, all retries included; a timeout is a temporary failure. */
        private Duration timeout = Duration.ofSeconds(10);

        public List<String> getServers() { return servers; }
        public void setServers(List<String> servers) { this.servers = servers; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
    }

    /** The virus scan step {@code clamdScan} (docs/filters.md). */
    public static class Clamd {
        /** {@code unix:/path} or {@code tcp:host:port}; unset turns scanning off (the step passes mail on). */
        private String address = "";
        /** Connect, send and answer together, per scan; running out is a failure ({@link #onFailure}). */
        private Duration timeout = Duration.ofSeconds(30);
        /**
         * Largest message sent to clamd, in bytes; keep it at most clamd's StreamMaxLength.
         * Larger messages are not scanned and get {@code X-Virus-Scan: skipped}.
         */
        private long maxStreamLength = 26_214_400;
        /** Infected mail: {@code reject} (554 5.7.1 in the session) or {@code tag} (X-Virus-Status: Yes, accepted). */
        private String action = "reject";
        /** clamd down or too slow: {@code accept} (no header), {@code tempfail} (451 4.7.1) or {@code reject} (554 5.7.1). */
        private String onFailure = "accept";

        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public long getMaxStreamLength() { return maxStreamLength; }
        public void setMaxStreamLength(long maxStreamLength) { this.maxStreamLength = maxStreamLength; }
        public String getAction() { return action; }
        public void setAction(String action) { this.action = action; }
        public String getOnFailure() { return onFailure; }
        public void setOnFailure(String onFailure) { this.onFailure = onFailure; }
    }

    /** The spam check step {@code spamdCheck} (docs/filters.md). */
    public static class Spamd {
        /** {@code unix:/path} or {@code tcp:host:port}; unset turns the check off (the step passes mail on). */
        private String address = "";
        /** Connect, send and answer together, per check; running out is a failure ({@link #onFailure}). */
        private Duration timeout = Duration.ofSeconds(30);
        /** Larger messages are not checked (spamc's default limit, 500 KB). */
        private long maxSize = 512_000;
        /** Reject (554 5.7.1) mail scoring at least this; unset never rejects. */
        private Double rejectScore;
        /** spamd down or too slow: {@code accept} (no header), {@code tempfail} (451 4.7.1) or {@code reject} (554 5.7.1). */
        private String onFailure = "accept";
        /**
         * spamd's {@code User:}: {@code recipient} sends the login of the only local recipient
         * (none when there are several), {@code none} never sends one.
         */
        private String user = "recipient";

        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public long getMaxSize() { return maxSize; }
        public void setMaxSize(long maxSize) { this.maxSize = maxSize; }
        public Double getRejectScore() { return rejectScore; }
        public void setRejectScore(Double rejectScore) { this.rejectScore = rejectScore; }
        public String getOnFailure() { return onFailure; }
        public void setOnFailure(String onFailure) { this.onFailure = onFailure; }
        public String getUser() { return user; }
        public void setUser(String user) { this.user = user; }
    }

    /** The SPF step {@code spfCheck} (docs/filters.md); DNS through {@code yubin.dns.*}. */
    public static class Spf {
        /** Check the MAIL FROM (or HELO) domain of mail from other servers; false skips the step. */
        private boolean enabled = true;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
    }

    /** The DMARC step {@code dmarcCheck} (docs/filters.md); DNS through {@code yubin.dns.*}. */
    public static class Dmarc {
        /** Look up the From: domain's policy and check alignment; false skips the step. */
        private boolean enabled = true;
        /**
         * Apply the policy of a failing message: {@code p=reject} refuses it
         * ({@code 550 5.7.1}), {@code p=quarantine} adds {@code X-Yubin-Quarantine: dmarc}.
         * False (the default) only reports the result in {@code Authentication-Results}.
         */
        private boolean enforce = false;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public boolean isEnforce() { return enforce; }
        public void setEnforce(boolean enforce) { this.enforce = enforce; }
    }

    /** DKIM signing ({@code dkimSign}) and verification ({@code dkimVerify}); keys in {@code <data-dir>/dkim/} (docs/filters.md). */
    public static class Dkim {
        /** The selector {@code yubin dkim keygen} makes by default, and the one a domain signs with when it has that key (else its newest key). */
        private String selector = "mx0";
        /** {@code header/body} canonicalization of new signatures: {@code relaxed} or {@code simple} each. */
        private String canonicalization = "relaxed/relaxed";
        /** Header fields signed when present; From is always signed, once more than it occurs. */
        private List<String> headers = new ArrayList<>(List.of("From", "To", "Cc", "Subject", "Date",
                "Message-ID", "References", "In-Reply-To", "MIME-Version", "Content-Type"));
        /** At most this many DKIM-Signature fields of a message are verified (the rest are ignored). */
        private int maxSignatures = 5;

        public String getSelector() { return selector; }
        public void setSelector(String selector) { this.selector = selector; }
        public String getCanonicalization() { return canonicalization; }
        public void setCanonicalization(String canonicalization) { this.canonicalization = canonicalization; }
        public List<String> getHeaders() { return headers; }
        public void setHeaders(List<String> headers) { this.headers = headers; }
        public int getMaxSignatures() { return maxSignatures; }
        public void setMaxSignatures(int maxSignatures) { this.maxSignatures = maxSignatures; }
    }

    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public String getHostname() { return hostname; }
    public void setHostname(String hostname) { this.hostname = hostname; }
    public List<String> getDomains() { return domains; }
    public void setDomains(List<String> domains) { this.domains = domains; }
    public List<String> getMynetworks() { return mynetworks; }
    public void setMynetworks(List<String> mynetworks) { this.mynetworks = mynetworks; }
    public long getMessageSizeLimit() { return messageSizeLimit; }
    public void setMessageSizeLimit(long messageSizeLimit) { this.messageSizeLimit = messageSizeLimit; }
    public Path getAliases() { return aliases; }
    public void setAliases(Path aliases) { this.aliases = aliases; }
    public Smtp getSmtp() { return smtp; }
    public Submission getSubmission() { return submission; }
    public Listener getSmtps() { return smtps; }
    public boolean isNativeTransport() { return nativeTransport; }
    public void setNativeTransport(boolean nativeTransport) { this.nativeTransport = nativeTransport; }
    public Access getImap() { return imap; }
    public Listener getImaps() { return imaps; }
    public Access getPop3() { return pop3; }
    public Listener getPop3s() { return pop3s; }
    public Tls getTls() { return tls; }
    public Directory getDirectory() { return directory; }
    public Queue getQueue() { return queue; }
    public Outbound getOutbound() { return outbound; }
    public Dns getDns() { return dns; }
    public Auth getAuth() { return auth; }
    public Clamd getClamd() { return clamd; }
    public Spamd getSpamd() { return spamd; }
    public Spf getSpf() { return spf; }
    public Dmarc getDmarc() { return dmarc; }
    public Dkim getDkim() { return dkim; }
}
