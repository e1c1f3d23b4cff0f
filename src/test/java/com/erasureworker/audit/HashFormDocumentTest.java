package com.erasureworker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/verifying-proof.md is enough to recompute an event's hash: this test follows the page (the worked example
 * and the rule) with its own RFC 8785 serializer, never the service's hashing code, and reproduces both the page's
 * example and an event the running service stored.
 */
@QuarkusTest
class HashFormDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AuditTrail trail;

    @Test
    void theDocumentedWorkedExampleReproducesItsCanonicalFormAndHash() throws Exception {
        String page = Files.readString(Path.of("docs/verifying-proof.md"));
        JsonNode line = JSON.readTree(block(page, "json event-example"));
        String canonical = block(page, "text canonical-example");

        assertThat(canonicalForm(line)).isEqualTo(canonical);
        assertThat(sha256(canonical)).isEqualTo(documentedHash(page)).isEqualTo(line.get("hash").asText());
    }

    @Test
    void theDocumentedRuleReproducesTheHashOfAnEventTheServiceStored() throws Exception {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("zeta", "last key first");
        detail.put("count", 3);
        detail.put("nested", Map.of("b", List.of(1, 2), "a", "quote \" backslash \\ tab \t é"));
        long sequence = QuarkusTransaction.requiringNew().call(() -> trail.record(AuditType.TARGET_STATE_CHANGED,
                "doc-reader", UUID.randomUUID(), null, detail).sequence);

        String exported = given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/chain?fromSequence=" + sequence + "&toSequence=" + sequence)
                .then().statusCode(200).contentType("application/jsonl").extract().asString();
        JsonNode line = JSON.readTree(exported.strip());

        assertThat(line.get("hashForm").asInt()).isEqualTo(2);
        assertThat(sha256(canonicalForm(line))).isEqualTo(line.get("hash").asText());
    }

    /** Step 1 of the page: drop hash and hashForm, add form; step 2: RFC 8785. */
    private static String canonicalForm(JsonNode line) {
        ObjectNode hashed = line.deepCopy();
        hashed.remove("hash");
        hashed.remove("hashForm");
        hashed.put("form", line.get("hashForm").asInt());
        StringBuilder out = new StringBuilder();
        write(hashed, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null); // String order is UTF-16 code unit order, as RFC 8785 sorts
            out.append('{');
            for (Iterator<String> name = names.iterator(); name.hasNext();) {
                String each = name.next();
                string(each, out);
                out.append(':');
                write(node.get(each), out);
                if (name.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.asText(), out);
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else {
            out.append(node); // null, true, false
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }

    private static String block(String page, String info) {
        Matcher block = Pattern.compile("```" + Pattern.quote(info) + "\\n(.*?)\\n```", Pattern.DOTALL).matcher(page);
        assertThat(block.find()).as("a ``` %s block in the page", info).isTrue();
        return block.group(1);
    }

    private static String documentedHash(String page) {
        Matcher hash = Pattern.compile("hash: ([0-9a-f]{64})").matcher(page);
        assertThat(hash.find()).isTrue();
        return hash.group(1);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
