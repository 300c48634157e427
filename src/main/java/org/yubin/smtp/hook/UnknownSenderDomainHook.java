package org.yubin.smtp.hook;

import java.net.IDN;
import java.util.function.Predicate;

import org.yubin.smtp.SmtpReply;

/**
 * Postfix's {@code reject_unknown_sender_domain}: mail from a domain that has neither
 * MX nor A/AAAA records cannot be answered, so it is refused with 450 4.1.8 (temporary,
 * as Postfix's {@code unknown_address_reject_code}, in case DNS was wrong); a null MX gets
 * 550 5.7.27 (RFC 7505); a DNS failure 451 4.4.3. The null sender, hosted domains and
 * address literals are not looked up.
 */
public final class UnknownSenderDomainHook implements MailHook {

    private final SenderDomainLookup dns;
    private final Predicate<String> hostedDomain;

    public UnknownSenderDomainHook(SenderDomainLookup dns, Predicate<String> hostedDomain) {
        this.dns = dns;
        this.hostedDomain = hostedDomain;
    }

    /** It asks DNS, which may take up to {@code yubin.dns.timeout}. */
    @Override
    public boolean blocks() {
        return true;
    }

    @Override
    public HookResult onMail(MailRequest request) {
        String sender = request.mailFrom();
        int at = sender.lastIndexOf('@');
        if (at < 0) {
            return HookResult.DECLINED;
        }
        String domain = sender.substring(at + 1);
        if (domain.startsWith("[") || hostedDomain.test(domain)) {
            return HookResult.DECLINED;
        }
        SenderDomainLookup.Status status;
        try {
            status = dns.lookup(IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException notAName) {
            status = SenderDomainLookup.Status.NOT_FOUND;
        }
        return switch (status) {
            case EXISTS -> HookResult.DECLINED;
            case NOT_FOUND -> HookResult.denySoft(new SmtpReply(450, "4.1.8",
                    "<" + sender + ">: Sender address rejected: Domain not found"));
            case NULL_MX -> HookResult.deny(new SmtpReply(550, "5.7.27",
                    "<" + sender + ">: Sender address rejected: Domain " + domain + " does not accept mail (nullMX)"));
            case TEMPORARY_FAILURE -> HookResult.denySoft(new SmtpReply(451, "4.4.3",
                    "<" + sender + ">: Sender address rejected: Domain lookup failed, try again later"));
        };
    }
}
