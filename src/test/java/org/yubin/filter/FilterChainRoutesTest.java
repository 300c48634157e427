package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yubin.filter.FilterTestSupport.DIRECTORY;
import static org.yubin.filter.FilterTestSupport.EICAR;
import static org.yubin.filter.FilterTestSupport.body;
import static org.yubin.filter.FilterTestSupport.exchange;
import static org.yubin.filter.FilterTestSupport.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yubin.config.YubinProperties;
import org.yubin.filter.dkim.DkimSignProcessor;
import org.yubin.filter.dkim.DkimVerifyProcessor;
import org.yubin.smtp.SmtpRejectException;
import org.yubin.testsupport.Temp;

/**
 * The chain is data: the shipped {@code routes/filters.yaml}, and copies of it with the
 * steps swapped or one removed, loaded into a CamelContext with the same beans, behave
 * differently — no code changes. The daemons are fakes that count what reaches them.
 */
class FilterChainRoutesTest {

    private static final Path SHIPPED = Path.of("routes/filters.yaml");

    private final FakeClamd clamd = new FakeClamd();
    private final FakeSpamd spamd = new FakeSpamd();
    private DefaultCamelContext camel;

    @AfterEach
    void stop() throws IOException {
        if (camel != null) {
            camel.stop();
        }
        clamd.close();
        spamd.close();
    }

    /** Runs an infected message through {@code direct:filters} as {@code routesYaml} defines it. */
    private Exchange runInfectedMessageThrough(String routesYaml) throws Exception {
        YubinProperties properties = new YubinProperties();
        properties.getClamd().setAddress(clamd.address().toString());
        properties.getSpamd().setAddress(spamd.address().toString());
        clamd.answer = "stream: Test.EICAR.UNOFFICIAL FOUND";

        Path routes = Temp.dir("filter-routes").resolve("filters.yaml");
        Files.writeString(routes, routesYaml, StandardCharsets.UTF_8);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("clamdScan", new ClamdScanProcessor(properties));
        camel.getRegistry().bind("spamdCheck", new SpamdProcessor(properties, DIRECTORY));
        // the authentication steps have their own tests (AuthenticationResultsProcessorTest); here they pass mail on
        for (String step : List.of("spfCheck", "dmarcCheck", "authenticationResults")) {
            camel.getRegistry().bind(step, (Processor) exchange -> { });
        }
        camel.getRegistry().bind("dkimVerify", new DkimVerifyProcessor(properties));
        camel.getRegistry().bind("dkimSign", new DkimSignProcessor(properties));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + routes));
        camel.start();
        return camel.createProducerTemplate().send("direct:filters",
                exchange(camel, message("eicar", EICAR), "alice@example.com"));
    }

    @Test
    void theShippedOrderScansForVirusesFirstSoSpamdNeverSeesInfectedMail() throws Exception {
        Exchange result = runInfectedMessageThrough(Files.readString(SHIPPED));

        assertThat(SmtpRejectException.find(result.getException()).reply().toString())
                .isEqualTo("554 5.7.1 Virus found: Test.EICAR.UNOFFICIAL");
        assertThat(clamd.connections()).isEqualTo(1);
        assertThat(spamd.requests()).isZero();
    }

    @Test
    void swappingTheStepsInTheYamlAsksSpamdBeforeTheVirusReject() throws Exception {
        String shipped = Files.readString(SHIPPED);
        String swapped = shipped.replace("ref: clamdScan", "ref: SWAP").replace("ref: spamdCheck", "ref: clamdScan")
                .replace("ref: SWAP", "ref: spamdCheck");
        assertThat(swapped).isNotEqualTo(shipped);

        Exchange result = runInfectedMessageThrough(swapped);

        assertThat(SmtpRejectException.find(result.getException()).reply().code()).isEqualTo(554);
        assertThat(spamd.requests()).isEqualTo(1);
        assertThat(spamd.bodies.get(0)).isEqualTo(message("eicar", EICAR));
    }

    @Test
    void removingTheVirusStepFromTheYamlLetsInfectedMailThroughWithSpamHeaders() throws Exception {
        String shipped = Files.readString(SHIPPED);
        String withoutClamd = shipped.replaceAll("(?m)^ *- process:\\n *ref: clamdScan\\n", "");
        assertThat(withoutClamd).doesNotContain("ref: clamdScan");

        Exchange result = runInfectedMessageThrough(withoutClamd);

        assertThat(result.getException()).isNull();
        assertThat(body(result)).contains("X-Spam-Status: No").doesNotContain("X-Virus");
        assertThat(clamd.connections()).isZero();
    }
}
