package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus alerting rules in {@code dashboards/alerts.yml}: promtool accepts them and runs
 * their scenarios ({@code dashboards/alerts-test.yml}: each alert fires on the series it is meant
 * for and stays quiet on healthy ones), every metric they read is one the inspection app or
 * camera-ingest serves (the gate's: GateIT), and every alert has a scenario that fires it and a
 * row in the operators' table that its runbook names.
 */
class AlertRulesTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:tessera|kafka|jvm)_[a-zA-Z0-9_]+)");
    private static final Path DASHBOARDS = Path.of(System.getProperty("tessera.root", ".."), "dashboards")
            .toAbsolutePath().normalize();

    private final YAMLMapper yaml = new YAMLMapper();

    @Test
    void promtoolAcceptsTheRulesAndTheirScenariosPass() throws Exception {
        String check = promtool("check", "rules", "alerts.yml");
        assertThat(check).contains("SUCCESS: " + rules().size() + " rules found");
        String scenarios = promtool("test", "rules", "alerts-test.yml");
        assertThat(scenarios).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyMetricARuleReadsIsServedByAnApp(@TempDir Path stateDir) throws Exception {
        Set<String> served = new TreeSet<>();
        served.addAll(GrafanaDashboardTest.families(GrafanaDashboardTest.streamAppMetrics(stateDir)));
        served.addAll(GrafanaDashboardTest.families(GrafanaDashboardTest.cameraIngestMetrics()));

        List<String> read = new ArrayList<>();
        for (JsonNode rule : rules()) {
            Matcher m = METRIC.matcher(rule.get("expr").asText());
            while (m.find()) {
                if (!m.group(1).startsWith("tessera_gate_")) { // the gate's: GateIT checks them on a running gate
                    read.add(m.group(1));
                }
            }
        }

        assertThat(read).as("metrics the rules read").hasSizeGreaterThan(10);
        assertThat(served).as("metric families the apps serve").containsAll(read);
    }

    @Test
    void everyAlertHasASeverityARunbookRowAndAScenarioThatFiresIt() throws Exception {
        String operatorsGuide = Files.readString(DASHBOARDS.resolve("README.md"));
        Set<String> fired = new TreeSet<>();
        for (JsonNode test : yaml.readTree(DASHBOARDS.resolve("alerts-test.yml").toFile()).get("tests")) {
            for (JsonNode expectation : test.path("alert_rule_test")) {
                if (!expectation.path("exp_alerts").isEmpty()) {
                    fired.add(expectation.get("alertname").asText());
                }
            }
        }

        List<String> alerts = new ArrayList<>();
        for (JsonNode rule : rules()) {
            if (!rule.has("alert")) {
                continue;
            }
            String name = rule.get("alert").asText();
            alerts.add(name);
            assertThat(rule.at("/labels/severity").asText()).as(name).isIn("critical", "warning");
            assertThat(rule.at("/annotations/summary").asText()).as(name).isNotBlank().doesNotContain("$value");
            assertThat(rule.at("/annotations/runbook").asText()).as(name)
                    .isEqualTo("dashboards/README.md, Alerts: " + name);
            assertThat(operatorsGuide).as("a row for " + name + " in dashboards/README.md").contains("| " + name + " |");
        }
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        assertThat(fired).as("alerts a scenario fires").containsExactlyInAnyOrderElementsOf(alerts);
    }

    private List<JsonNode> rules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : yaml.readTree(DASHBOARDS.resolve("alerts.yml").toFile()).get("groups")) {
            group.get("rules").forEach(rules::add);
        }
        return rules;
    }

    /** Runs promtool in the dashboards folder (the rule files name each other relative to it). */
    private static String promtool(String... args) throws Exception {
        String binary = promtoolBinary();
        List<String> command = new ArrayList<>(List.of(binary));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(DASHBOARDS.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("the alerting rules' test needs promtool (" + binary + " cannot run: "
                    + e.getMessage() + "): ./tessera test unpacks it from Debian's prometheus package into"
                    + " target/tools; or install it (apt-get install prometheus) or point -Dpromtool.binary at one", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("promtool " + String.join(" ", args) + ":\n" + text).isZero();
        return text;
    }

    private static String promtoolBinary() {
        String configured = System.getProperty("promtool.binary");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path fetched = DASHBOARDS.resolveSibling("target/tools/promtool");
        return Files.isExecutable(fetched) ? fetched.toString() : "promtool";
    }
}
