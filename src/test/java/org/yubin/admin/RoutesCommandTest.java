package org.yubin.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.yubin.config.YubinProperties;

class RoutesCommandTest {

    private static final Path SHIPPED_FILTERS = Path.of("routes/filters.yaml");

    @TempDir
    Path dir;

    @Test
    void theShippedRoutesPrintTheFilterChainInTheOrderOfFiltersYaml() throws IOException {
        CliRunner.Result result = new CliRunner(new YubinProperties()).run("routes");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(refsIn(Files.readString(SHIPPED_FILTERS)), filterSteps(result.out()));
        assertTrue(result.out().contains("route inbound-mx"), result.out());
        assertTrue(result.out().contains("route local-delivery"), result.out());
    }

    @Test
    void fromEndpointsShowTheirPlaceholdersResolvedFromTheSettings() throws Exception {
        Files.writeString(dir.resolve("mx.yaml"), """
                - route:
                    id: mx
                    from:
                      uri: "netty:tcp://{{yubin.smtp.bind}}:{{yubin.smtp.port}}"
                      parameters:
                        sync: true
                        concurrentConsumers: "{{yubin.unset:3}}"
                      steps:
                        - to: "direct:filters"
                """);

        String out = run(Map.of("yubin.smtp.bind", "127.0.0.1", "yubin.smtp.port", "2525"), new YubinProperties());

        assertTrue(out.contains("  from netty:tcp://127.0.0.1:2525?sync=true&concurrentConsumers=3\n"), out);
        assertTrue(out.contains("  1. to direct:filters\n"), out);
    }

    @Test
    void aRoutesDirectoryWithTwoStepsSwappedPrintsThemSwapped() throws Exception {
        String shipped = Files.readString(SHIPPED_FILTERS);
        String swapped = shipped.replace("ref: clamdScan", "ref: SWAP").replace("ref: spamdCheck", "ref: clamdScan")
                .replace("ref: SWAP", "ref: spamdCheck");
        Files.writeString(dir.resolve("filters.yaml"), swapped);

        List<String> printed = filterSteps(run(Map.of(), new YubinProperties()));

        assertEquals(refsIn(swapped), printed);
        assertTrue(printed.indexOf("spamdCheck") < printed.indexOf("clamdScan"), printed.toString());
    }

    @Test
    void eachFilterStepShowsItsPolicyAndActionFromTheSettings() throws Exception {
        Files.copy(SHIPPED_FILTERS, dir.resolve("filters.yaml"));
        YubinProperties properties = new YubinProperties();
        properties.getClamd().setAddress("tcp:127.0.0.1:3310");
        properties.getClamd().setOnFailure("tempfail");
        properties.getClamd().setAction("tag");
        properties.getDmarc().setEnforce(true);
        properties.getDkim().setSelector("s2024");

        String out = run(Map.of(), properties);

        assertTrue(out.contains(". clamdScan  on-failure=tempfail action=tag address=tcp:127.0.0.1:3310 timeout=30s\n"), out);
        assertTrue(out.contains(". spamdCheck  off (yubin.spamd.address unset)\n"), out);
        assertTrue(out.contains(". dmarcCheck  enforce=true\n"), out);
        assertTrue(out.contains(". dkimSign  selector=s2024 canonicalization=relaxed/relaxed\n"), out);
        assertTrue(out.contains(". dkimVerify  never refuses"), out);
    }

    @Test
    void aRouteFileThatDoesNotParseFailsNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "- route:\n    id: x\n  from: [unclosed\n");

        CliException e = assertThrows(CliException.class, () -> run(Map.of(), new YubinProperties()));

        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains(dir.resolve("broken.yaml").toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private String run(Map<String, Object> settings, YubinProperties properties) throws CliException {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> all = new java.util.HashMap<>(settings);
        all.put("camel.main.routes-include-pattern", "file:" + dir + "/*.yaml");
        environment.getPropertySources().addFirst(new MapPropertySource("test", all));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext context = new CliContext(properties, new BufferedReader(new StringReader("")),
                new PrintStream(out, true, StandardCharsets.UTF_8), null);
        new RoutesCommand(() -> environment).run(List.of(), context);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> refsIn(String filtersYaml) {
        List<String> refs = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*ref: (\\w+)\\s*$").matcher(filtersYaml);
        while (m.find()) {
            refs.add(m.group(1));
        }
        return refs;
    }

    /** The bean names of the numbered steps of the route "filters", in printed order. */
    private static List<String> filterSteps(String out) {
        int start = out.indexOf("route filters ");
        assertTrue(start >= 0, out);
        int end = out.indexOf("\n\n", start);
        List<String> steps = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  \\d+\\. (\\w+)").matcher(out.substring(start, end));
        while (m.find()) {
            steps.add(m.group(1));
        }
        return steps;
    }
}
