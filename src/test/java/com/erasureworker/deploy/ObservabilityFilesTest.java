package com.erasureworker.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.erasureworker.dixa.DixaClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules (deploy/prometheus/alerts.yml) and the dashboard (deploy/grafana/erasure-worker.json) parse, name
 * only metrics the running application exposes on /q/metrics, and every alert has its runbook section.
 */
@QuarkusTest
class ObservabilityFilesTest {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL = Set.of("by", "without", "or", "and", "unless", "on", "ignoring",
            "offset", "bool", "group_left", "group_right");

    @Inject
    DixaClient dixa;

    @Test
    void everyAlertNamesExistingMetricsAndHasARunbookSection() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/prometheus/alerts.yml").toFile());
        String runbook = Files.readString(Path.of("docs/runbook.md"));
        List<String> expressions = new ArrayList<>();
        rules.at("/groups").forEach(group -> group.at("/rules").forEach(rule -> {
            String alert = rule.at("/alert").asText();
            assertThat(runbook).as("runbook section of " + alert).contains("\n## " + alert + "\n");
            assertThat(rule.at("/annotations/runbook_url").asText())
                    .isEqualTo("docs/runbook.md#" + alert.toLowerCase(Locale.ROOT));
            expressions.add(rule.at("/expr").asText());
        }));
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
        assertThat(exposed()).containsAll(metricsIn(expressions));
    }

    @Test
    void everyDashboardPanelNamesExistingMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("deploy/grafana/erasure-worker.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.at("/panels").forEach(panel -> panel.at("/targets").forEach(t -> expressions.add(t.at("/expr").asText())));
        assertThat(expressions).isNotEmpty();
        assertThat(exposed()).containsAll(metricsIn(expressions));
    }

    /** Metric names in PromQL: identifiers that are not functions, keywords, label matchers, groupings or ranges. */
    static Set<String> metricsIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            String bare = expression.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                    .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ").replaceAll("\"[^\"]*\"", " ");
            Matcher matcher = NAME.matcher(bare);
            while (matcher.find()) {
                String name = matcher.group();
                boolean function = bare.substring(matcher.end()).stripLeading().startsWith("(");
                boolean number = matcher.start() > 0 && Character.isDigit(bare.charAt(matcher.start() - 1));
                if (!function && !number && !PROMQL.contains(name)) {
                    names.add(name);
                }
            }
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    /** Series names on /q/metrics, after one Dixa call (the dixa_calls_* series appear with the first). */
    private Set<String> exposed() {
        dixa.getConversation(424242);
        Set<String> names = new TreeSet<>();
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
