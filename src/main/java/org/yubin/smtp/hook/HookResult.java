package org.yubin.smtp.hook;

import java.util.Objects;

import org.yubin.smtp.SmtpReply;

/**
 * A policy hook's verdict: {@link #DECLINED} passes to the next hook, {@link #OK}
 * accepts at once, {@link #deny}/{@link #denySoft} refuse with a 5xx/4xx reply.
 */
public record HookResult(Verdict verdict, SmtpReply reply) {

    public enum Verdict { DECLINED, OK, DENY, DENYSOFT }

    public static final HookResult DECLINED = new HookResult(Verdict.DECLINED, null);
    public static final HookResult OK = new HookResult(Verdict.OK, null);

    public HookResult {
        Objects.requireNonNull(verdict, "verdict");
        boolean refusal = verdict == Verdict.DENY || verdict == Verdict.DENYSOFT;
        if (refusal != (reply != null)) {
            throw new IllegalArgumentException(verdict + " and reply " + reply + " do not go together");
        }
    }

    public static HookResult deny(SmtpReply reply) {
        if (reply.code() / 100 != 5) {
            throw new IllegalArgumentException("DENY needs a 5xx reply: " + reply);
        }
        return new HookResult(Verdict.DENY, reply);
    }

    public static HookResult denySoft(SmtpReply reply) {
        if (reply.code() / 100 != 4) {
            throw new IllegalArgumentException("DENYSOFT needs a 4xx reply: " + reply);
        }
        return new HookResult(Verdict.DENYSOFT, reply);
    }

    public boolean isRefusal() {
        return reply != null;
    }
}
