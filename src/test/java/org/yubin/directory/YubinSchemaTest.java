package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The schema ships three times; the copies must not drift apart. */
class YubinSchemaTest {

    @Test
    void theOpenLdapSchemaFileHasTheEmbeddedServersDefinitions() throws Exception {
        String text = Files.readString(Path.of("config/yubin.schema"));
        assertThat(definitions(text, "attributetype")).isEqualTo(normalized(YubinSchema.ATTRIBUTE_TYPES));
        assertThat(definitions(text, "objectclass")).isEqualTo(normalized(YubinSchema.OBJECT_CLASSES));
    }

    @Test
    void theCnConfigLdifHasTheEmbeddedServersDefinitions() throws Exception {
        // LDIF continuation: a line starting with one space continues the previous one
        String text = Files.readString(Path.of("config/yubin-schema.ldif")).replace("\n ", "");
        assertThat(definitions(text, "olcAttributeTypes:")).isEqualTo(normalized(YubinSchema.ATTRIBUTE_TYPES));
        assertThat(definitions(text, "olcObjectClasses:")).isEqualTo(normalized(YubinSchema.OBJECT_CLASSES));
    }

    @Test
    void theEmbeddedSchemaKnowsTheSeedsObjectClasses() {
        var schema = YubinSchema.forEmbeddedServer();
        for (String objectClass : List.of("inetOrgPerson", "posixAccount", "yubinMailbox", "domain")) {
            assertThat(schema.getObjectClass(objectClass)).as(objectClass).isNotNull();
        }
    }

    private static List<String> definitions(String text, String keyword) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(keyword) + "\\s*(\\(.*?\\))\\s*$", Pattern.DOTALL)
                .matcher(text.replaceAll("\\n[ \\t]+", " "));
        while (m.find()) {
            found.add(m.group(1).replaceAll("\\s+", " "));
        }
        return found;
    }

    private static List<String> normalized(List<String> definitions) {
        return definitions.stream().map(d -> d.replaceAll("\\s+", " ")).toList();
    }
}
