package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PasswordSchemesTest {

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SSHA", "SSHA512", "CRYPT", "BCRYPT", "BLF-CRYPT", "ssha512"})
    void aNewHashVerifiesItsPasswordAndNoOther(String scheme) {
        String stored = PasswordSchemes.hash(scheme, "grüße 123");
        assertThat(stored).startsWith("{" + scheme.toUpperCase() + "}");
        assertThat(PasswordSchemes.verify(stored, "grüße 123")).isTrue();
        assertThat(PasswordSchemes.verify(stored, "grüße 124")).isFalse();
    }

    @Test
    void newHashesAreSaltedAndInTheFormatsDovecotWrites() {
        assertThat(PasswordSchemes.hash("SSHA512", "x")).isNotEqualTo(PasswordSchemes.hash("SSHA512", "x"));
        assertThat(PasswordSchemes.hash("CRYPT", "x")).startsWith("{CRYPT}$6$");
        assertThat(PasswordSchemes.hash("BLF-CRYPT", "x")).startsWith("{BLF-CRYPT}$2y$");
    }

    @Test
    void malformedOrUnknownStoredValuesNeverMatch() {
        assertThat(PasswordSchemes.verify("{SSHA}not-base64!", "x")).isFalse();
        assertThat(PasswordSchemes.verify("{SSHA512}c2hvcnQ=", "x")).isFalse();
        assertThat(PasswordSchemes.verify("{CRYPT}", "x")).isFalse();
        assertThat(PasswordSchemes.verify("{BCRYPT}$6$abc", "x")).isFalse();
        assertThat(PasswordSchemes.verify("{MD5}x", "x")).isFalse();
        assertThat(PasswordSchemes.verify(null, "x")).isFalse();
    }

    @Test
    void aCryptValueMayHoldBcryptAsGlibcAllows() {
        assertThat(PasswordSchemes.verify("{CRYPT}$2y$05$abcdefghijklmnopqrstuufhXdHJtkiUiNQ6n8/s9Kw6bfnPI6Ytq",
                "bcrypt-pw")).isTrue();
    }

    @Test
    void anUnknownSchemeCannotBeHashed() {
        assertThatThrownBy(() -> PasswordSchemes.hash("MD5", "x")).hasMessageContaining("MD5");
    }
}
