package com.erasureworker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reviewed manifests under deploy/kubernetes/ (copied from quarkus-kubernetes' output, target/kubernetes/): more
 * than one replica, probes on the management port 9000, every setting from the Secret or the ConfigMap, a disruption
 * budget, and a grace period that outlasts the worker's own shutdown.
 */
class KubernetesManifestTest {

    private static final Path MANIFEST = Path.of("deploy/kubernetes/kubernetes.yml");

    @Test
    void theDeploymentRunsSeveralReplicasProbedOnTheManagementPortWithSettingsFromSecretAndConfigMap()
            throws IOException {
        JsonNode deployment = kind("Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThan(1);
        assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isGreaterThan(30);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isIn("9000", "management");
            assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(probe).startsWith("/q/health");
        }
        assertThat(container.at("/ports")).anySatisfy(port -> assertThat(port.at("/containerPort").asInt())
                .isEqualTo(9000));
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        List<String> from = new ArrayList<>();
        container.at("/envFrom").forEach(source -> from.add(source.has("secretRef")
                ? "secret:" + source.at("/secretRef/name").asText() : "configmap:" + source.at("/configMapRef/name").asText()));
        assertThat(from).contains("secret:erasure-worker-secrets", "configmap:erasure-worker-config");
        assertThat(container.at("/env")).as("no setting written into the manifest itself")
                .allSatisfy(env -> assertThat(env.has("value") && !env.at("/name").asText().startsWith("KUBERNETES"))
                        .as(env.at("/name").asText()).isFalse());
    }

    @Test
    void aDisruptionBudgetKeepsOneReplicaOfTheDeploymentRunning() throws IOException {
        JsonNode budget = kind("PodDisruptionBudget");
        assertThat(budget.at("/spec/minAvailable").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode podLabels = kind("Deployment").at("/spec/template/metadata/labels");
        budget.at("/spec/selector/matchLabels").fields().forEachRemaining(label ->
                assertThat(podLabels.path(label.getKey()).asText()).as(label.getKey()).isEqualTo(label.getValue().asText()));
    }

    private static JsonNode kind(String kind) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (YAMLParser parser = new YAMLFactory().createParser(MANIFEST.toFile())) {
            for (JsonNode document : yaml.readValues(parser, JsonNode.class).readAll()) {
                if (kind.equals(document.path("kind").asText())) {
                    return document;
                }
            }
        }
        throw new AssertionError(kind + " missing from " + MANIFEST);
    }
}
