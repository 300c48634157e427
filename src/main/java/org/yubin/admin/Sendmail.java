package org.yubin.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.yubin.config.YubinProperties;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.queue.QueueClient;
import org.yubin.queue.QueueNames;
import org.yubin.smtp.QueueIdGenerator;

/**
 * {@code ops/sendmail}: sendmail-compatible local submission. The message (standard
 * input) goes with its envelope and a fresh queue id as one persistent entry onto
 * {@link QueueNames#SUBMIT}; the server's route {@code local-submission}
 * ({@code routes/local.yaml}) adds the Received line and splits it like SMTP mail. With
 * the server down the entry waits in the journal until it starts (Postfix's maildrop).
 *
 * <p>Options: {@code -t} (recipients from To/Cc/Bcc, added to those given as
 * arguments), {@code -f}/{@code -r} sender, {@code -F} full name, {@code -i} and
 * {@code -oi} (a lone dot does not end the input), {@code -bm} (the default mode);
 * {@code -o*}, {@code -v}, {@code -N/-R/-V/-B/-C/-L/-X arg} are accepted and ignored,
 * as sendmail does. Exit status: 0 queued, sysexits.h codes otherwise.
 */
public final class Sendmail {

    static final int EX_OK = 0;
    static final int EX_USAGE = 64;
    static final int EX_DATAERR = 65;
    static final int EX_SOFTWARE = 70;
    static final int EX_TEMPFAIL = 75;

    /** A mailbox in an envelope: no spaces, brackets or controls; local@domain or a local name. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]\\\\,;:\"@]+(@[A-Za-z0-9.-]+)?"
            + "|\"[^\"\\\\\\r\\n]*\"@[A-Za-z0-9.-]+");
    private static final Set<String> IGNORED_WITH_ARGUMENT = Set.of("-N", "-R", "-V", "-B", "-C", "-L", "-X", "-h", "-O");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final int MAX_ADDRESS = 254;
    private static final int MAX_RECIPIENTS = 1000;

    private Sendmail() {
    }

    public static void main(String[] args) {
        System.exit(run(args, CliConfiguration::load, System.in, System.err));
    }

    /** Runs one submission; returns the exit status (never calls System.exit). */
    public static int run(String[] args, Supplier<YubinProperties> properties, InputStream in, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("sendmail: " + e.getMessage());
            return EX_USAGE;
        }
        try {
            YubinProperties settings = properties.get();
            return submit(options, settings, in, err);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            err.println("sendmail: " + root.getMessage());
            return EX_TEMPFAIL;
        }
    }

    private static int submit(Options options, YubinProperties settings, InputStream in, PrintStream err) {
        String hostname = settings.effectiveHostname();
        LocalMessage message;
        try {
            message = LocalMessage.read(in, !options.ignoreDots, settings.getMessageSizeLimit());
        } catch (LocalMessage.TooBig e) {
            err.println("sendmail: " + e.getMessage());
            return EX_DATAERR;
        } catch (IOException e) {
            err.println("sendmail: cannot read the message: " + e.getMessage());
            return EX_SOFTWARE;
        }
        String login = System.getProperty("user.name", "nobody");
        String sender;
        Set<String> recipients = new LinkedHashSet<>();
        try {
            sender = options.sender == null ? qualify(login, hostname) : envelopeSender(options.sender, hostname);
            List<String> given = new ArrayList<>(options.recipients);
            if (options.extractRecipients) {
                given.addAll(message.headerRecipients());
            }
            for (String recipient : given) {
                recipients.add(qualify(checked(recipient), hostname));
            }
        } catch (IllegalArgumentException e) {
            err.println("sendmail: " + e.getMessage());
            return EX_DATAERR;
        }
        if (recipients.isEmpty()) {
            err.println("sendmail: no recipients" + (options.extractRecipients ? " in the To, Cc and Bcc headers" : ""));
            return EX_USAGE;
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            err.println("sendmail: too many recipients (at most " + MAX_RECIPIENTS + ")");
            return EX_DATAERR;
        }
        String queueId = new QueueIdGenerator().next();
        ZonedDateTime now = ZonedDateTime.now();
        if (!message.has("From")) {
            String name = options.fullName == null ? "" : options.fullName.replaceAll("[\\p{Cntrl}\"\\\\]", "");
            String address = sender.isEmpty() ? "MAILER-DAEMON@" + hostname : sender;
            message.add("From: " + (name.isBlank() ? address : "\"" + name + "\" <" + address + ">"));
        }
        if (!message.has("Date")) {
            message.add("Date: " + DATE.format(now));
        }
        if (!message.has("Message-ID")) {
            message.add("Message-ID: <" + queueId + "@" + hostname + ">");
        }
        try (QueueClient client = QueueClient.open(settings, QueueCommand.LOCK_WAIT)) {
            ClientMessage entry = client.session().createMessage(Message.BYTES_TYPE, true);
            entry.putStringProperty(EnvelopeHeaders.QUEUE_ID, queueId);
            entry.putStringProperty(EnvelopeHeaders.MAIL_FROM, sender);
            entry.putStringProperty(EnvelopeHeaders.RECIPIENTS, String.join("\n", recipients));
            entry.putLongProperty(EnvelopeHeaders.ARRIVAL_TIME, now.toInstant().toEpochMilli());
            entry.putStringProperty(EnvelopeHeaders.LISTENER, "local");
            entry.putStringProperty(EnvelopeHeaders.CLIENT_ADDRESS, "");
            entry.putStringProperty(EnvelopeHeaders.HELO, "");
            entry.putStringProperty(EnvelopeHeaders.LOCAL_USER, localUser(login));
            entry.getBodyBuffer().writeBytes(message.bytes());
            client.send(QueueNames.SUBMIT, entry);
            return EX_OK;
        } catch (IOException | ActiveMQException e) {
            err.println("sendmail: cannot queue the message: " + e.getMessage());
            return EX_TEMPFAIL;
        }
    }

    /** {@code -f <>} and {@code -f ""} are the null sender. */
    private static String envelopeSender(String raw, String hostname) {
        String stripped = raw.strip();
        if (stripped.startsWith("<") && stripped.endsWith(">")) {
            stripped = stripped.substring(1, stripped.length() - 1).strip();
        }
        return stripped.isEmpty() ? "" : qualify(checked(stripped), hostname);
    }

    private static String checked(String address) {
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.isEmpty() || a.length() > MAX_ADDRESS || !ADDRESS.matcher(a).matches()) {
            throw new IllegalArgumentException("bad address syntax '" + address.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return a;
    }

    /** A bare local name gets {@code @hostname}, as Postfix appends myorigin. */
    private static String qualify(String address, String hostname) {
        return address.contains("@") ? address : address + "@" + hostname;
    }

    /** The numeric uid of this process where the system tells it (Linux), the login name otherwise. */
    private static String localUser(String login) {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return login;
        }
    }

    /** The parsed command line. */
    static final class Options {
        boolean extractRecipients;
        boolean ignoreDots;
        String sender;
        String fullName;
        final List<String> recipients = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            int i = 0;
            for (; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--")) {
                    i++;
                    break;
                }
                if (!a.startsWith("-") || a.length() == 1) {
                    break;
                }
                switch (a.substring(0, 2)) {
                    case "-t" -> o.extractRecipients = flag(a);
                    case "-i" -> o.ignoreDots = flag(a);
                    case "-f", "-r" -> {
                        o.sender = a.length() > 2 ? a.substring(2) : value(args, ++i, a);
                    }
                    case "-F" -> o.fullName = a.length() > 2 ? a.substring(2) : value(args, ++i, a);
                    case "-o" -> {
                        if (a.equals("-oi")) {
                            o.ignoreDots = true;
                        }
                        // other -o options (-oem, -odb, -oQ...) are ignored, as sendmail does
                    }
                    case "-b" -> {
                        if (!a.equals("-bm")) {
                            throw new IllegalArgumentException("mode " + a + " is not supported (only -bm)");
                        }
                    }
                    case "-v", "-U", "-G" -> {
                        // verbose, initial user submission, gateway: nothing to do
                    }
                    default -> {
                        if (!IGNORED_WITH_ARGUMENT.contains(a.substring(0, 2))) {
                            throw new IllegalArgumentException("unknown option " + a.replaceAll("\\p{Cntrl}", "?"));
                        }
                        if (a.length() == 2) {
                            value(args, ++i, a);
                        }
                    }
                }
            }
            for (; i < args.length; i++) {
                // "a@x, b@y" as one argument is allowed by sendmail
                o.recipients.addAll(AddressList.parse(args[i]));
            }
            return o;
        }

        private static boolean flag(String a) {
            if (a.length() != 2) {
                throw new IllegalArgumentException("unknown option " + a.replaceAll("\\p{Cntrl}", "?"));
            }
            return true;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            return args[i];
        }
    }
}
