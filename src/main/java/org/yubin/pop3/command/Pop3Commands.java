package org.yubin.pop3.command;

import java.util.Map;

/** Every POP3 command by its upper-case verb. */
public final class Pop3Commands {

    private static final Map<String, Pop3Command> ALL = Map.ofEntries(
            Map.entry("CAPA", new CapaCommand()),
            Map.entry("STLS", new StlsCommand()),
            Map.entry("USER", new UserCommand()),
            Map.entry("PASS", new PassCommand()),
            Map.entry("APOP", new ApopCommand()),
            Map.entry("AUTH", new AuthCommand()),
            Map.entry("STAT", new StatCommand()),
            Map.entry("LIST", new ListCommand()),
            Map.entry("RETR", new RetrCommand()),
            Map.entry("TOP", new TopCommand()),
            Map.entry("UIDL", new UidlCommand()),
            Map.entry("DELE", new DeleCommand()),
            Map.entry("NOOP", new NoopCommand()),
            Map.entry("RSET", new RsetCommand()),
            Map.entry("QUIT", new QuitCommand()));

    private Pop3Commands() {
    }

    public static Map<String, Pop3Command> all() {
        return ALL;
    }
}
