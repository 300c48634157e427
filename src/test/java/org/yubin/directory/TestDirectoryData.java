package org.yubin.directory;

/**
 * The directory the tests run against, embedded and in slapd alike. The password
 * hashes come from independent implementations: slappasswd ({SSHA}), glibc/libxcrypt
 * crypt(3) ($6$, $2y$, $2b$) and Python's hashlib ({SSHA512}).
 */
public final class TestDirectoryData {

    public static final String ROOT = """
            dn: dc=control,dc=isp
            objectClass: top
            objectClass: domain
            dc: control

            """;

    public static final String LDIF = ROOT + domain("example.com") + domain("example.org")
            + user("alice@example.com", "{PLAIN}alice-pw", "valid", "mail/example.com/alice",
                    "mail: alice.smith@example.com\nmailAlternateAddress: al@example.com\nmailQuota: 512M\n")
            + user("bob@example.com", "{PLAIN}bob-pw", "invalid", "mail/example.com/bob", "")
            + user("plain@example.com", "plain-pw", "valid", "mail/example.com/plain", "")
            + user("ssha@example.com", "{SSHA}KXrzWCu1nYc8OkS6u3Cklv1T0iV+uXmv", "valid", "mail/example.com/ssha", "")
            + user("ssha512@example.com", "{SSHA512}ZPcFYTW/ZmgkZ/MdDVtAkkuEJKiY/L4i5Ngzvd093UvbEZWwHK5DdSlZQYjZvo+0M/"
                    + "SF6vqD5tGesWUvRz5d6JF1RpKSVr4S", "valid", "mail/example.com/ssha512", "")
            + user("crypt@example.com", "{CRYPT}$6$SBZmjezRGTdH2TiS$X6AsupplN5h25QQRRgB7Q3d/APE8SNvAiSTiMb3hfMnPZO4bH4"
                    + "XSJ0nNVyja1rzC3EkEuP3Jz4imrwobNaxTJ1", "valid", "mail/example.com/crypt", "")
            + user("bcrypt@example.com", "{BCRYPT}$2y$05$abcdefghijklmnopqrstuufhXdHJtkiUiNQ6n8/s9Kw6bfnPI6Ytq",
                    "valid", "mail/example.com/bcrypt", "")
            + user("blf@example.com", "{BLF-CRYPT}$2b$05$ABCDEFGHIJKLMNOPQRSTUuvk064DufHicc96CqCgpYYR4pql8UQvC",
                    "valid", "mail/example.com/blf", "")
            + user("carol@example.org", "{PLAIN}carol-pw", "valid", "/var/mail/carol", "");

    private TestDirectoryData() {
    }

    public static String domain(String name) {
        return "dn: dc=" + name + ",dc=control,dc=isp\nobjectClass: top\nobjectClass: domain\ndc: " + name + "\n\n";
    }

    public static String user(String address, String userPassword, String status, String home, String extra) {
        return "dn: cn=" + address + ",dc=" + address.substring(address.indexOf('@') + 1) + ",dc=control,dc=isp\n"
                + "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\n"
                + "objectClass: inetOrgPerson\nobjectClass: posixAccount\nobjectClass: yubinMailbox\n"
                + "cn: " + address + "\nsn: " + address.substring(0, address.indexOf('@')) + "\nuid: " + address + "\n"
                + "userPassword: " + userPassword + "\nhomeDirectory: " + home + "\n"
                + "uidNumber: 5001\ngidNumber: 5002\nstatus: " + status + "\n" + extra + "\n";
    }
}
