package org.yubin.filter.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which key a domain signs with, and when a key added or removed while running counts. */
class DkimKeyStoreTest {

    @TempDir
    Path dkimDir;

    private final AtomicLong now = new AtomicLong();

    private DkimKeyStore store() {
        return new DkimKeyStore(dkimDir, "mx0", now::get);
    }

    private void write(String domain, String selector) throws Exception {
        DkimKeys.write(dkimDir, domain, selector, DkimKeys.generate(DkimAlgorithm.ED25519_SHA256).getPrivate(), "", false);
    }

    private void aSecondLater() {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1001));
    }

    @Test
    void theKeyOfThePreferredSelectorElseTheNewestAnyCaseOfTheDomain() throws Exception {
        write("example.com", "old");
        write("example.com", "mx0");
        write("example.org", "a2026");
        DkimKeyStore keys = store();
        assertThat(keys.isEmpty()).isFalse();
        assertThat(keys.keyFor("Example.COM")).hasValueSatisfying(k -> assertThat(k.selector()).isEqualTo("mx0"));
        assertThat(keys.keyFor("example.org")).hasValueSatisfying(k -> assertThat(k.selector()).isEqualTo("a2026"));
        assertThat(keys.keyFor("example.net")).isEmpty();
        assertThat(keys.keyFor("../example.com")).isEmpty();
    }

    @Test
    void aMissingDirectoryHasNoKeys() {
        DkimKeyStore keys = new DkimKeyStore(dkimDir.resolve("absent"), "mx0", now::get);
        assertThat(keys.isEmpty()).isTrue();
        assertThat(keys.keyFor("example.com")).isEmpty();
    }

    @Test
    void aDomainAddedOrRemovedWhileRunningCountsFromTheNextSecond() throws Exception {
        DkimKeyStore keys = store();
        assertThat(keys.isEmpty()).isTrue();

        write("example.com", "mx0");
        assertThat(keys.keyFor("example.com")).as("looked at less than a second ago").isEmpty();
        aSecondLater();
        assertThat(keys.isEmpty()).isFalse();
        assertThat(keys.keyFor("example.com")).isPresent();

        for (String file : new String[] {"mx0.key", "mx0.txt", ""}) {
            Files.delete(dkimDir.resolve("example.com").resolve(file));
        }
        assertThat(keys.keyFor("example.com")).isPresent();
        aSecondLater();
        assertThat(keys.keyFor("example.com")).isEmpty();
        assertThat(keys.isEmpty()).isTrue();
    }

    @Test
    void aKeyAddedToADomainWhileRunningIsUsedFromTheNextSecond() throws Exception {
        write("example.com", "old");
        DkimKeyStore keys = store();
        assertThat(keys.keyFor("example.com")).hasValueSatisfying(k -> assertThat(k.selector()).isEqualTo("old"));

        // at once, in the same tick of the file system's clock as the look before
        write("example.com", "mx0");
        assertThat(keys.keyFor("example.com")).hasValueSatisfying(k -> assertThat(k.selector()).isEqualTo("old"));
        aSecondLater();
        assertThat(keys.keyFor("example.com")).hasValueSatisfying(k -> assertThat(k.selector()).isEqualTo("mx0"));
    }
}
