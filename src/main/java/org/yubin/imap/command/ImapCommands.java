package org.yubin.imap.command;

import java.util.HashMap;
import java.util.Map;

/** The commands by name ({@code UID FETCH} for the UID forms); shared by all sessions. Immutable. */
public final class ImapCommands {

    private final Map<String, ImapCommand> byName;

    private ImapCommands(Map<String, ImapCommand> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Every command yubin implements. */
    public static ImapCommands standard() {
        Map<String, ImapCommand> commands = new HashMap<>();
        commands.put("CAPABILITY", new CapabilityCommand());
        commands.put("NOOP", new NoopCommand(ImapCommand.ANY, "NOOP"));
        commands.put("LOGOUT", new LogoutCommand());
        commands.put("STARTTLS", new StartTlsCommand());
        commands.put("AUTHENTICATE", new AuthenticateCommand());
        commands.put("LOGIN", new LoginCommand());
        commands.put("ENABLE", new EnableCommand());
        commands.put("ID", new IdCommand());
        commands.put("NAMESPACE", new NamespaceCommand());
        commands.put("SELECT", new SelectCommand(false));
        commands.put("EXAMINE", new SelectCommand(true));
        commands.put("CREATE", new CreateCommand());
        commands.put("DELETE", new DeleteCommand());
        commands.put("RENAME", new RenameCommand());
        commands.put("SUBSCRIBE", new SubscribeCommand(true));
        commands.put("UNSUBSCRIBE", new SubscribeCommand(false));
        commands.put("LIST", new ListCommand(false));
        commands.put("LSUB", new ListCommand(true));
        commands.put("STATUS", new StatusCommand());
        commands.put("APPEND", new AppendCommand());
        commands.put("IDLE", new IdleCommand());
        commands.put("GETQUOTA", new QuotaCommand(QuotaCommand.Kind.GET));
        commands.put("GETQUOTAROOT", new QuotaCommand(QuotaCommand.Kind.GET_ROOT));
        commands.put("SETQUOTA", new QuotaCommand(QuotaCommand.Kind.SET));
        commands.put("CHECK", new NoopCommand(ImapCommand.SELECTED, "CHECK"));
        commands.put("CLOSE", new CloseCommand(true));
        commands.put("UNSELECT", new CloseCommand(false));
        commands.put("EXPUNGE", new ExpungeCommand(false));
        commands.put("UID EXPUNGE", new ExpungeCommand(true));
        commands.put("COPY", new CopyCommand(false, false));
        commands.put("UID COPY", new CopyCommand(true, false));
        commands.put("MOVE", new CopyCommand(false, true));
        commands.put("UID MOVE", new CopyCommand(true, true));
        commands.put("FETCH", new FetchCommand(false));
        commands.put("UID FETCH", new FetchCommand(true));
        commands.put("STORE", new StoreCommand(false));
        commands.put("UID STORE", new StoreCommand(true));
        commands.put("SEARCH", new SearchCommand(false));
        commands.put("UID SEARCH", new SearchCommand(true));
        return new ImapCommands(commands);
    }

    /** The command called {@code name} (upper case), or null. */
    public ImapCommand get(String name) {
        return byName.get(name);
    }
}
