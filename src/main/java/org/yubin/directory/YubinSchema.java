package org.yubin.directory;

import java.util.List;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;

/**
 * yubin's own LDAP schema, for the embedded server. The same definitions ship for
 * OpenLDAP in {@code config/yubin.schema} (slapd.conf {@code include}) and
 * {@code config/yubin-schema.ldif} (cn=config); a test keeps the three equal.
 *
 * <p>The OID arc {@value #ARC} is a UUID-derived OID under {@code 2.25} (ITU-T X.667),
 * which anyone may allocate without registration; it belongs to yubin. {@code .1.n}
 * are attribute types, {@code .2.n} object classes.
 */
public final class YubinSchema {

    public static final String ARC = "2.25.6550788290842484893472235026986313426";

    /** yubin's own attribute types, as in config/yubin.schema. */
    public static final List<String> ATTRIBUTE_TYPES = List.of(
            "( " + ARC + ".1.1 NAME 'status' DESC 'valid or invalid: an invalid user can neither log in nor receive'"
                    + " EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{32} SINGLE-VALUE )",
            "( " + ARC + ".1.2 NAME 'mailAlternateAddress' DESC 'another address that reaches this mailbox'"
                    + " EQUALITY caseIgnoreIA5Match SUBSTR caseIgnoreIA5SubstringsMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.26{256} )",
            "( " + ARC + ".1.3 NAME 'mailQuota' DESC 'storage limit of the mailbox in bytes; suffix K, M, G or T for binary multiples'"
                    + " EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{32} SINGLE-VALUE )");

    /** yubin's own object classes, as in config/yubin.schema. */
    public static final List<String> OBJECT_CLASSES = List.of(
            "( " + ARC + ".2.1 NAME 'yubinMailbox' DESC 'a mailbox user of yubin'"
                    + " SUP top AUXILIARY MAY ( status $ mailAlternateAddress $ mailQuota ) )");

    /**
     * RFC 2307 posixAccount, which UnboundID's standard schema lacks (OpenLDAP has it in
     * nis.schema / as built-ins): the seed's users carry homeDirectory and uid/gid.
     */
    private static final List<String> RFC2307_ATTRIBUTE_TYPES = List.of(
            "( 1.3.6.1.1.1.1.0 NAME 'uidNumber' EQUALITY integerMatch ORDERING integerOrderingMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
            "( 1.3.6.1.1.1.1.1 NAME 'gidNumber' EQUALITY integerMatch ORDERING integerOrderingMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
            "( 1.3.6.1.1.1.1.2 NAME 'gecos' EQUALITY caseIgnoreIA5Match SUBSTR caseIgnoreIA5SubstringsMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.26 SINGLE-VALUE )",
            "( 1.3.6.1.1.1.1.3 NAME 'homeDirectory' EQUALITY caseExactIA5Match"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.26 SINGLE-VALUE )",
            "( 1.3.6.1.1.1.1.4 NAME 'loginShell' EQUALITY caseExactIA5Match"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.26 SINGLE-VALUE )");

    private static final List<String> RFC2307_OBJECT_CLASSES = List.of(
            "( 1.3.6.1.1.1.2.0 NAME 'posixAccount' SUP top AUXILIARY"
                    + " MUST ( cn $ uid $ uidNumber $ gidNumber $ homeDirectory )"
                    + " MAY ( userPassword $ loginShell $ gecos $ description ) )");

    private YubinSchema() {
    }

    /** UnboundID's standard schema plus posixAccount plus yubin's own definitions. */
    public static Schema forEmbeddedServer() {
        Entry entry = new Entry("cn=schema");
        entry.addAttribute("objectClass", "top", "ldapSubentry", "subschema");
        entry.addAttribute(Schema.ATTR_ATTRIBUTE_TYPE, RFC2307_ATTRIBUTE_TYPES);
        entry.addAttribute(Schema.ATTR_ATTRIBUTE_TYPE, ATTRIBUTE_TYPES);
        entry.addAttribute(Schema.ATTR_OBJECT_CLASS, RFC2307_OBJECT_CLASSES);
        entry.addAttribute(Schema.ATTR_OBJECT_CLASS, OBJECT_CLASSES);
        try {
            return Schema.mergeSchemas(Schema.getDefaultStandardSchema(), new Schema(entry));
        } catch (LDAPException e) {
            throw new IllegalStateException("UnboundID's standard schema does not load", e);
        }
    }
}
