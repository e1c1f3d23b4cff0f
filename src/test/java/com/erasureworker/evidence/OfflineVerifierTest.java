package com.erasureworker.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ticket run end to end, then everything an auditor downloads: the public key, the chain and checkpoint exports,
 * the certificate as JSON and as PDF. The offline verifier (src/verifier/Verify.java, run as its own {@code java}
 * process, as an auditor runs it) passes on them and fails on one changed byte in each file; the PDF's signature is
 * also checked with PDFBox and BouncyCastle (the CMS over the byte range) and with poppler's {@code pdfsig}.
 */
@QuarkusTest
class OfflineVerifierTest {

    private static final String TICKETS = "/api/v1/erasure-requests";
    private static final Path VERIFIER = Path.of("src/verifier/Verify.java").toAbsolutePath();

    @Inject
    DixaSimulator simulator;

    @Inject
    ManualPipeline pipeline;

    @TempDir
    Path files;

    /** Issued once for the class: a ticket run end to end takes a while. */
    private static UUID ticket;
    private static byte[] pdf;
    private static byte[] json;
    private Path key;
    private Path chain;
    private Path checkpoints;

    @BeforeEach
    void issueCertificatesOnce() {
        if (ticket != null) {
            return;
        }
        simulator.reset();
        simulator.disableRateLimit();
        UUID user = simulator.addEndUser("verify.me.offline@example.com", "+4520304050");
        simulator.addConversation(user, ConversationState.Open, "Email", Instant.now());
        simulator.addConversation(user, ConversationState.Closed, "Email", Instant.now());
        String id = as("dpo").contentType(ContentType.JSON).body(Map.of("ticketRef", "VERIFY-" + UUID.randomUUID(),
                "subject", Map.of("email", "verify.me.offline@example.com"), "closePolicy", "FORCE_NOW"))
                .post(TICKETS).then().statusCode(202).extract().path("id");
        assertThat(pipeline.runUntilSettled(UUID.fromString(id))).isEqualTo(RequestState.COMPLETED);
        assertThat(pipeline.captureEvidence()).isEqualTo(1);
        json = as("auditor").get(TICKETS + "/" + id + "/certificate").then().statusCode(200).extract().asByteArray();
        pdf = as("dpo").accept("application/pdf").get(TICKETS + "/" + id + "/certificate").then().statusCode(200)
                .extract().asByteArray();
        ticket = UUID.fromString(id);
    }

    private void download() throws IOException {
        key = write("audit-key.pem", as("auditor").get("/api/v1/audit-events/public-key").then().statusCode(200)
                .extract().path("pem").toString().getBytes(StandardCharsets.US_ASCII));
        chain = write("chain.jsonl", as("auditor").get("/api/v1/audit-events/chain?fromSequence=1").then()
                .statusCode(200).extract().asByteArray());
        checkpoints = write("checkpoints.jsonl", as("auditor").get("/api/v1/audit-events/checkpoints").then()
                .statusCode(200).extract().asByteArray());
    }

    @Test
    void theVerifierPassesOnTheExportsAndBothCertificatesAndSaysWhatItChecked() throws Exception {
        download();
        Run run = verify(key, chain, checkpoints, write("certificate.json", json), write("certificate.pdf", pdf));

        assertThat(run.status).as(run.output).isZero();
        String pinned = as("auditor").get("/api/v1/certificate-signing-key").then().statusCode(200).extract()
                .path("publicKeySha256");
        assertThat(run.output).contains("signing public key SHA-256 " + pinned);
        Run pinnedRun = verify(Path.of("--pdf-key=" + pinned), key, files.resolve("certificate.pdf"));
        assertThat(pinnedRun.output).as(pinnedRun.output).contains("signed by the expected key " + pinned, "PASSED");
        assertThat(run.output).contains("every hash recomputed", "each signature checked with key",
                "Ed25519 signature valid", "audit events sit in the verified chain", "PDF signature valid",
                "sits in the verified chain", "is signed by a verified checkpoint", "PASSED");
        assertThat(run.output).doesNotContain("FAIL");
        keepForALook(key, chain, checkpoints, files.resolve("certificate.json"), files.resolve("certificate.pdf"));
    }

    /** The files stay in target/verifier-example, to try the commands of docs/verifying-proof.md on. */
    private static void keepForALook(Path... kept) throws IOException {
        Path example = Files.createDirectories(Path.of("target", "verifier-example"));
        for (Path file : kept) {
            Files.copy(file, example.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void oneChangedByteInAnEventFailsTheChain() throws Exception {
        download();
        String text = Files.readString(chain);
        int line = text.indexOf("\"requestId\":\"" + ticket + "\"");
        int digit = text.indexOf("\"occurredAt\":\"", text.lastIndexOf('\n', line)) + "\"occurredAt\":\"".length() + 18;
        Run run = verify(key, changed(chain, digit), checkpoints, write("certificate.json", json));

        assertThat(run.status).as(run.output).isEqualTo(1);
        assertThat(run.output).containsPattern("FAIL  .*chain.jsonl event \\d+: the hash \\(form 2\\) is");
    }

    @Test
    void oneChangedByteInACheckpointFailsItsSignature() throws Exception {
        download();
        String text = Files.readString(checkpoints);
        int last = text.lastIndexOf("\"signedAt\":\"") + "\"signedAt\":\"".length() + 18;
        Run run = verify(key, chain, changed(checkpoints, last));

        assertThat(run.status).as(run.output).isEqualTo(1);
        assertThat(run.output).containsPattern("FAIL  .*checkpoints.jsonl checkpoint at sequence \\d+: the signed "
                + "statement's signedAt differs");
    }

    @Test
    void aCheckpointLeftOutOfTheExportBreaksTheirContinuity() throws Exception {
        as("auditor").get(TICKETS + "/" + ticket + "/certificate").then().statusCode(200); // one more checkpoint
        download();
        List<String> lines = new ArrayList<>(Files.readAllLines(checkpoints));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        lines.remove(lines.size() - 2);
        Path cut = Files.write(files.resolve("cut-checkpoints.jsonl"), lines);

        Run run = verify(key, chain, cut);

        assertThat(run.status).as(run.output).isEqualTo(1);
        assertThat(run.output).containsPattern("FAIL  .*cut-checkpoints.jsonl checkpoint at sequence \\d+: does not "
                + "name the checkpoint before it .*: a checkpoint was removed, or the trail was rewound");
    }

    @Test
    void oneChangedByteInTheJsonCertificateFailsItsSignature() throws Exception {
        download();
        int at = new String(json, StandardCharsets.UTF_8).indexOf("VERIFY-") + "VERIFY-".length();
        Run run = verify(key, chain, checkpoints, changed(write("certificate.json", json), at));

        assertThat(run.status).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("FAIL", "certificate.json: the canonical form's SHA-256 is",
                "(the certificate was changed)");
    }

    @Test
    void oneChangedByteInThePdfFailsItsSignature() throws Exception {
        download();
        Path inPage = changed(write("certificate.pdf", pdf), byteRange(pdf)[1] / 2);
        Path inSignature = changed(write("signature-changed.pdf", pdf), byteRange(pdf)[1] + 1 + 200);

        Run page = verify(key, chain, checkpoints, inPage);
        Run signature = verify(key, chain, checkpoints, inSignature);

        assertThat(page.status).as(page.output).isEqualTo(1);
        assertThat(page.output).contains("FAIL", "certificate.pdf: the file's SHA-256 is not the one signed");
        assertThat(signature.status).as(signature.output).isEqualTo(1);
        assertThat(signature.output).contains("FAIL", "signature-changed.pdf");
    }

    /** The CMS signature over the byte range verifies with PDFBox and BouncyCastle, not only with our verifier. */
    @Test
    void thePdfSignatureVerifiesWithPdfboxAndBouncyCastleAndTheVerificationPageIsThere() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            assertThat(signatures).hasSize(1);
            PDSignature signature = signatures.get(0);
            assertThat(signature.getSubFilter()).isEqualTo(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED.getName());
            int[] range = signature.getByteRange();
            assertThat(range[0]).isZero();
            assertThat(range[2] + range[3]).as("the byte range covers the whole file").isEqualTo(pdf.length);
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)),
                    signature.getContents(pdf));
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            X509CertificateHolder certificate = (X509CertificateHolder) cms.getCertificates()
                    .getMatches(signer.getSID()).iterator().next();
            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))).isTrue();
            assertThat(signature.getReason()).startsWith("Certificate of erasure of ticket " + ticket + "; audit event ");

            String lastPage = text(document, document.getNumberOfPages());
            assertThat(lastPage).contains("How to verify this certificate", "/audit-events/public-key",
                    "java Verify.java audit-key.pem chain.jsonl checkpoints.jsonl certificate.pdf",
                    JsonPath.from(new String(json, StandardCharsets.UTF_8)).getString("signature.keyId"));
        }
    }

    /** poppler's pdfsig (the engine of Evince, Okular and other poppler-based readers) reports the signature valid. */
    @Test
    void popplerReportsThePdfSignatureValid() throws Exception {
        Path file = write("certificate.pdf", pdf);
        Process pdfsig = new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
        String output = new String(pdfsig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pdfsig.waitFor();

        assertThat(output).contains("Signature Validation: Signature is Valid.",
                "Signature Type: adbe.pkcs7.detached", "Total document signed");
        Path changed = changed(file, byteRange(pdf)[1] / 2);
        Process broken = new ProcessBuilder("pdfsig", changed.toString()).redirectErrorStream(true).start();
        assertThat(new String(broken.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .doesNotContain("Signature is Valid.");
        broken.waitFor();
    }

    private static String text(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }

    /** The signature's byte range: [0, length of the first signed part, start of the second, its length]. */
    private static int[] byteRange(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getSignatureDictionaries().get(0).getByteRange();
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(files.resolve(name), bytes);
    }

    /** A copy of {@code file} with the byte at {@code at} changed (to another digit or letter, so it still parses). */
    private static Path changed(Path file, int at) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte old = bytes[at];
        bytes[at] = (byte) (old == '1' ? '2' : Character.isDigit(old) ? '1' : old == 'A' ? 'B' : old == 'a' ? 'b'
                : Character.isLetter(old) ? 'a' : old ^ 0x01);
        Path copy = file.resolveSibling("changed-" + file.getFileName());
        return Files.write(copy, bytes);
    }

    record Run(int status, String output) {
    }

    private static Run verify(Path... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), VERIFIER.toString()));
        for (Path argument : arguments) {
            command.add(argument.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
