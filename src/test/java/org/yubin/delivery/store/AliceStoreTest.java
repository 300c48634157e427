package org.yubin.delivery.store;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.delivery.Maildir;
import org.yubin.directory.MailUser;

/**
 * The fixture of the store tests: a {@link MaildirMailStore} with one user, alice, whose
 * home is a temporary directory; her INBOX is not created. Closed after each test (after
 * the subclass's own {@code @AfterEach}).
 */
abstract class AliceStoreTest {

    @TempDir
    Path home;

    MaildirMailStore store;
    UserStore user;
    Maildir inbox;

    @BeforeEach
    void openAlicesStore() throws Exception {
        store = new MaildirMailStore("mx.example.test");
        user = store.open(new MailUser("alice@example.test", "cn=alice", home, 1000, 1000, List.of("alice@example.test")));
        inbox = Maildir.at(home.resolve("Maildir"));
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }
}
