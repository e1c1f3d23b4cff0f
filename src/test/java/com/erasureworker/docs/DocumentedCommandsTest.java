package com.erasureworker.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@code sh} block holding a {@code curl} in README.md and docs/ runs as written against the test application
 * and every curl in it answers 2xx. The examples are written for the local run on {@code localhost:8080} with the demo
 * users and the seeded simulator ({@link DocumentedCommandsProfile} gives the test application the same); only the
 * port is replaced. Each block runs in {@code bash} with {@code set -euo pipefail} and {@code curl} standing for
 * {@code curl -fsS}, so any non-2xx answer fails it. A block whose first line is {@code # docs-test: skip (<reason>)}
 * is not run (production-only commands, or ones needing hours of pipeline work); the reason is required.
 *
 * <p>Blocks run in document order, except that those starting a canary run last: a canary keeps working in the
 * background after its block, and another example meanwhile (the emergency pause) would make it fail and turn the
 * contract self-check red for the examples after it.
 */
@QuarkusTest
@TestProfile(DocumentedCommandsProfile.class)
class DocumentedCommandsTest {

    private static final String LOCAL_BASE = "localhost:8080";
    private static final Pattern SKIP = Pattern.compile("^#\\s*docs-test:\\s*skip\\s*\\((.*)\\)\\s*$");
    private static final Pattern CURL = Pattern.compile("(^|[\\s;|&(`$])curl\\s");
    private static final Pattern STARTS_CANARY = Pattern.compile("/api/v1/canary(?![\\w/])");
    private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(120);

    @BeforeEach
    void dixaContractIsGreen() {
        // E-mail submissions answer 503 until the contract self-check, run at start-up, has passed.
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().preemptive()
                .basic("admin", "admin-demo-password").get("/api/v1/dixa/contract").then().extract()
                .jsonPath().getBoolean("passed"));
    }

    @Test
    void everyDocumentedCurlExampleAnswers2xxAsWritten() throws Exception {
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (Markdown.Block block : curlBlocks()) {
            if (skipReason(block) != null) {
                continue;
            }
            ran++;
            long started = System.nanoTime();
            String failure = run(block);
            System.out.printf("%s: %s in %d ms%n", where(block), failure == null ? "passed" : "FAILED",
                    (System.nanoTime() - started) / 1_000_000);
            if (failure != null) {
                failures.add(failure);
            }
        }
        assertThat(ran).as("documented curl examples run").isGreaterThanOrEqualTo(10);
        assertThat(failures).as("documented commands that failed").isEmpty();
    }

    @Test
    void everySkippedExampleSaysWhy() {
        List<String> unexplained = new ArrayList<>();
        for (Markdown.Block block : curlBlocks()) {
            String reason = skipReason(block);
            if (reason != null && reason.isBlank()) {
                unexplained.add(where(block));
            }
        }
        assertThat(unexplained).as("skipped examples without a reason").isEmpty();
    }

    @Test
    void theReadmeHasARunnableExample() {
        assertThat(curlBlocks()).anySatisfy(block -> {
            assertThat(block.file().getFileName().toString()).isEqualTo("README.md");
            assertThat(skipReason(block)).isNull();
        });
    }

    private static List<Markdown.Block> curlBlocks() {
        List<Markdown.Block> blocks = new ArrayList<>();
        for (Path file : Markdown.documents()) {
            for (Markdown.Block block : Markdown.blocks(file)) {
                if (block.language().equals("sh") && CURL.matcher(block.text()).find()) {
                    blocks.add(block);
                }
            }
        }
        blocks.sort(Comparator.comparing(block -> STARTS_CANARY.matcher(block.text()).find()));
        return blocks;
    }

    /** The reason of a {@code # docs-test: skip (…)} first line, or null when the block is to run. */
    private static String skipReason(Markdown.Block block) {
        String first = block.lines().stream().filter(line -> !line.isBlank()).findFirst().orElse("");
        Matcher skip = SKIP.matcher(first.strip());
        return skip.matches() ? skip.group(1).strip() : null;
    }

    private static String where(Markdown.Block block) {
        return Markdown.root().relativize(block.file()) + ":" + block.line();
    }

    /** Runs one block in a scratch directory; null when it passed, else what went wrong. */
    private static String run(Markdown.Block block) throws IOException, InterruptedException {
        String script = "set -euo pipefail\n"
                + "curl() { command curl -fsS --max-time 60 \"$@\"; }\n"
                + block.text().replace(LOCAL_BASE, "localhost:" + RestAssured.port);
        Path scratch = Files.createTempDirectory("docs-command");
        Path output = scratch.resolve("output.txt");
        Process process = new ProcessBuilder("bash", "-c", script).directory(scratch.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(BLOCK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return where(block) + ": still running after " + BLOCK_TIMEOUT;
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() == 0) {
            return null;
        }
        String tail = printed.length() > 2000 ? "…" + printed.substring(printed.length() - 2000) : printed;
        return where(block) + ": exit " + process.exitValue() + "\n" + tail;
    }
}
