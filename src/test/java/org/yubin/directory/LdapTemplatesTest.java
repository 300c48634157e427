package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LdapTemplatesTest {

    @Test
    void theSeedsTemplatesAreFilledWithLoginLocalPartAndDomain() {
        assertThat(LdapTemplates.dn("dc=%d,dc=control,dc=isp", "a@example.com")).isEqualTo("dc=example.com,dc=control,dc=isp");
        assertThat(LdapTemplates.filter("(&(cn=%u)(uid=%n)(x=100%%))", "a@b.c")).isEqualTo("(&(cn=a@b.c)(uid=a)(x=100%))");
    }

    @Test
    void filterValuesAreEscapedSoTheyCannotWidenTheFilter() {
        assertThat(LdapTemplates.filter("(cn=%u)", "*)(cn=*")).isEqualTo("(cn=\\2a\\29\\28cn=\\2a)");
    }

    @Test
    void dnValuesAreEscapedSoTheyCannotMoveTheBase() {
        assertThat(LdapTemplates.dn("dc=%d,dc=isp", "a@x,dc=evil")).isEqualTo("dc=x\\,dc\\=evil,dc=isp");
        assertThat(LdapTemplates.escapeDnValue(" #a+b\"<>;\\ ")).isEqualTo("\\ #a\\+b\\\"\\<\\>\\;\\\\\\ ");
    }

    @Test
    void addressesAreComparedInLowerCaseWithoutBrackets() {
        assertThat(LdapTemplates.normalize(" <Alice@Example.COM> ")).isEqualTo("alice@example.com");
    }
}
