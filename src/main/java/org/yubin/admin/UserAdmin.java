package org.yubin.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.yubin.config.YubinProperties;
import org.yubin.directory.LdapTemplates;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;

/**
 * Mailbox users as LDAP entries, the same for the embedded and an external directory:
 * {@code cn=<address>} under {@code yubin.directory.base}, object classes inetOrgPerson,
 * posixAccount and yubinMailbox. Addresses are lower case; callers validate them.
 */
final class UserAdmin {

    /** One user as {@code user list} prints it. */
    record UserInfo(String address, String status, String home, String uid, String gid) {
        String line() {
            return address + "\t" + status + "\t" + home + "\t" + uid + ":" + gid;
        }
    }

    private final LDAPInterface ldap;
    private final YubinProperties.Directory settings;

    UserAdmin(LDAPInterface ldap, YubinProperties.Directory settings) {
        this.ldap = ldap;
        this.settings = settings;
    }

    void add(String address, String userPassword, String home, int uid, int gid) throws LDAPException, CliException {
        if (find(address).isPresent()) {
            throw new CliException("user add", address + " already exists");
        }
        String parent = LdapTemplates.dn(settings.getBase(), address);
        ensureDomainEntry(parent);
        Entry entry = new Entry(new DN(new RDN("cn", address), new DN(parent)));
        entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson",
                "posixAccount", "yubinMailbox");
        entry.addAttribute("cn", address);
        entry.addAttribute("sn", LdapTemplates.localPart(address));
        entry.addAttribute("uid", address);
        entry.addAttribute("mail", address);
        entry.addAttribute("userPassword", userPassword);
        entry.addAttribute("homeDirectory", home);
        entry.addAttribute("uidNumber", Integer.toString(uid));
        entry.addAttribute("gidNumber", Integer.toString(gid));
        entry.addAttribute("status", "valid");
        ldap.add(entry);
    }

    void replace(String where, String address, String attribute, String value) throws LDAPException, CliException {
        ldap.modify(existing(where, address), new Modification(ModificationType.REPLACE, attribute, value));
    }

    void delete(String address) throws LDAPException, CliException {
        ldap.delete(existing("user del", address));
    }

    /** Users (entries with a status) below {@code domains-base}, optionally of one domain, by address. */
    List<UserInfo> list(String domain) throws LDAPException {
        Filter filter = Filter.createANDFilter(Filter.createPresenceFilter("status"), Filter.createPresenceFilter("cn"));
        List<UserInfo> users = new ArrayList<>();
        for (SearchResultEntry e : ldap.search(settings.getDomainsBase(), SearchScope.SUB, filter,
                "cn", "status", "homeDirectory", "uidNumber", "gidNumber").getSearchEntries()) {
            String address = e.getAttributeValue("cn").toLowerCase(Locale.ROOT);
            if (domain == null || LdapTemplates.domain(address).equals(domain)) {
                users.add(new UserInfo(address, e.getAttributeValue("status"), e.getAttributeValue("homeDirectory"),
                        e.getAttributeValue("uidNumber"), e.getAttributeValue("gidNumber")));
            }
        }
        users.sort(Comparator.comparing(UserInfo::address));
        return users;
    }

    private String existing(String where, String address) throws LDAPException, CliException {
        return find(address).orElseThrow(() -> new CliException(where, "no such user " + address));
    }

    /** The DN of the entry whose cn is {@code address}, whatever its status. */
    private Optional<String> find(String address) throws LDAPException {
        String base = LdapTemplates.dn(settings.getBase(), address);
        try {
            List<SearchResultEntry> found = ldap.search(base, SearchScope.SUB,
                    Filter.createEqualityFilter("cn", address), "1.1").getSearchEntries();
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).getDN());
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the {@code dc=<domain>} entry a new user goes under, if it is missing. */
    private void ensureDomainEntry(String parent) throws LDAPException, CliException {
        if (ldap.getEntry(parent, "1.1") != null) {
            return;
        }
        DN dn = new DN(parent);
        RDN rdn = dn.getRDN();
        if (rdn == null || !rdn.hasAttribute("dc") || ldap.getEntry(dn.getParentString(), "1.1") == null) {
            throw new CliException("user add", "the directory has no entry " + parent + "; create it first");
        }
        ldap.add(new Entry(parent,
                new Attribute("objectClass", "top", "domain"),
                new Attribute("dc", rdn.getAttributeValues()[0])));
    }
}
