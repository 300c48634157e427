package org.yubin.smtp.hook;

import org.yubin.directory.Recipient;
import org.yubin.smtp.ClientNetworks;
import org.yubin.smtp.SmtpReply;

/**
 * No open relay: a recipient in a domain this server does not host is accepted only
 * from an authenticated user (SMTP AUTH) or a client inside {@code yubin.mynetworks};
 * others get 554 5.7.1.
 */
public final class RelayControlHook implements RcptHook {

    private final ClientNetworks mynetworks;

    public RelayControlHook(ClientNetworks mynetworks) {
        this.mynetworks = mynetworks;
    }

    @Override
    public HookResult onRcpt(RcptRequest request) {
        if (request.authenticated() == null && request.recipient() instanceof Recipient.Remote
                && !mynetworks.contains(request.clientAddress())) {
            return HookResult.deny(new SmtpReply(554, "5.7.1",
                    "<" + request.address() + ">: Relay access denied"));
        }
        return HookResult.DECLINED;
    }
}
