package org.yubin.pop3.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

/** LIST [msg] (RFC 1939 5): the sizes of all messages not marked deleted, or of one. */
final class ListCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        String[] words = MessageNumbers.words(argument);
        if (words.length > 1) {
            session.error(Pop3Reply.err("Syntax: LIST [msg]"));
        } else if (words.length == 1) {
            int number = MessageNumbers.existing(session, words[0]);
            if (number != MessageNumbers.INVALID) {
                session.reply(Pop3Reply.ok(number + " " + session.maildrop().sizeOf(number)));
            }
        } else {
            List<String> lines = new ArrayList<>();
            for (int number = 1; number <= session.maildrop().size(); number++) {
                if (session.maildrop().exists(number)) {
                    lines.add(number + " " + session.maildrop().sizeOf(number));
                }
            }
            session.reply(Pop3Reply.multiLine(session.maildrop().count() + " messages ("
                    + session.maildrop().octets() + " octets)", lines));
        }
    }
}
