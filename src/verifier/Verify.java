import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline verifier of the Dixa GDPR erasure worker's proof: JDK 17 only, no libraries, one file, run as
 *
 * <pre>java Verify.java [--pdf-key=SHA256] audit-key.pem chain.jsonl checkpoints.jsonl certificate.json certificate.pdf</pre>
 *
 * Files are recognised by their content, in any order: the audit public key (PEM, or the JSON of
 * GET /api/v1/audit-events/public-key), a chain export (GET …/audit-events/chain, JSON lines), a checkpoint export
 * (GET …/audit-events/checkpoints, JSON lines), certificates of erasure (JSON or PDF). It checks every event's hash and
 * link (hash forms 1 and 2), every checkpoint's signature, link and position in the chain, each certificate's
 * signature, and that the audit events a certificate names sit in the verified chain. It prints each check and exits
 * 1 at the first failure (2 for a usage error). docs/verifying-proof.md, sections 5 and 6, describes every rule.
 */
public class Verify {

    static final String GENESIS = "0".repeat(64);

    private PublicKey auditKey;
    private String auditKeyId;
    private String pdfKey;
    private final Map<Long, Map<String, Object>> chain = new TreeMap<>();
    private final Map<Long, Map<String, Object>> checkpoints = new TreeMap<>();

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The exit status: 0 all checks passed, 1 a check failed, 2 a usage error. For tests, without exiting. */
    static int run(String... args) {
        try {
            new Verify().verify(args);
            System.out.println("PASSED: every check above holds.");
            return 0;
        } catch (Failure failure) {
            System.out.println("FAIL  " + failure.getMessage());
            return failure.usage ? 2 : 1;
        }
    }

    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean usage;

        Failure(String message, boolean usage) {
            super(message);
            this.usage = usage;
        }
    }

    static Failure fail(String message) {
        return new Failure(message, false);
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw fail(message);
        }
    }

    static void ok(String message) {
        System.out.println("OK    " + message);
    }

    // ------------------------------------------------------------------------------------------------ the files

    private void verify(String[] args) {
        List<Path> keys = new ArrayList<>();
        List<Path> chains = new ArrayList<>();
        List<Path> checkpointFiles = new ArrayList<>();
        List<Path> certificates = new ArrayList<>();
        List<Path> pdfs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--pdf-key=")) {
                pdfKey = arg.substring("--pdf-key=".length()).toLowerCase();
                continue;
            }
            Path file = Path.of(arg);
            byte[] bytes = read(file);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            if (startsWith(bytes, "%PDF-")) {
                pdfs.add(file);
            } else if (text.contains("-----BEGIN PUBLIC KEY-----") || text.startsWith("{") && text.contains("\"pem\"")) {
                keys.add(file);
            } else if (text.startsWith("{") && text.contains("\"ticketId\"") && text.contains("\"signature\"")) {
                certificates.add(file);
            } else if (text.startsWith("{") && text.lines().findFirst().orElse("").contains("\"hashForm\"")) {
                chains.add(file);
            } else if (text.startsWith("{") && text.lines().findFirst().orElse("").contains("\"statement\"")) {
                checkpointFiles.add(file);
            } else {
                throw new Failure(file + ": not a public key, chain export, checkpoint export or certificate", true);
            }
        }
        if (keys.size() != 1 || chains.size() + checkpointFiles.size() + certificates.size() + pdfs.size() == 0) {
            throw new Failure("usage: java Verify.java [--pdf-key=SHA256] audit-key.pem [chain.jsonl] "
                    + "[checkpoints.jsonl] [certificate.json] [certificate.pdf] (exactly one public key)", true);
        }
        naming(keys, this::readKey);
        naming(chains, this::verifyChain);
        naming(checkpointFiles, this::verifyCheckpoints);
        naming(certificates, this::verifyCertificate);
        naming(pdfs, this::verifyPdf);
        if (chain.isEmpty()) {
            System.out.println("NOTE  no chain export given: the events certificates name were not placed in a chain.");
        }
    }

    /** Runs {@code check} on each file; a failure names the file it is about. */
    private static void naming(List<Path> files, java.util.function.Consumer<Path> check) {
        for (Path file : files) {
            try {
                check.accept(file);
            } catch (Failure failure) {
                if (failure.getMessage().startsWith(file.toString())) {
                    throw failure;
                }
                throw new Failure(file + ": " + failure.getMessage(), failure.usage);
            } catch (RuntimeException unexpected) {
                throw fail(file + ": cannot be read as expected (" + unexpected + ")");
            }
        }
    }

    private void readKey(Path file) {
        String text = new String(read(file), StandardCharsets.UTF_8);
        if (text.strip().startsWith("{")) {
            text = (String) ((Map<?, ?>) Json.parse(text)).get("pem");
        }
        try {
            byte[] spki = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
            auditKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            auditKeyId = HexFormat.of().formatHex(sha256(spki), 0, 16);
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw fail(file + ": not an Ed25519 public key (X.509 SubjectPublicKeyInfo, PEM)");
        }
        ok(file + ": Ed25519 audit public key, key id " + auditKeyId);
    }

    // ------------------------------------------------------------------------------------------------ the chain

    @SuppressWarnings("unchecked")
    private void verifyChain(Path file) {
        long previousSequence = -1;
        String previousHash = null;
        int[] forms = new int[3];
        int lineNumber = 0;
        long first = 0;
        for (String line : lines(file)) {
            lineNumber++;
            Map<String, Object> event = (Map<String, Object>) Json.parse(line);
            long sequence = number(event, "sequence", file, lineNumber);
            String where = file + " event " + sequence;
            String hash = (String) event.get("hash");
            String linked = (String) event.get("previousHash");
            if (previousHash == null) {
                first = sequence;
                check(sequence != 1 || GENESIS.equals(linked), where + ": the first event's previousHash is not 64 zeros");
            } else {
                check(sequence == previousSequence + 1, where + ": follows event " + previousSequence
                        + " (the chain has a gap or is out of order)");
                check(previousHash.equals(linked), where + ": previousHash " + linked + " is not the hash of event "
                        + previousSequence + " (" + previousHash + ")");
            }
            long form = number(event, "hashForm", file, lineNumber);
            String computed = switch ((int) form) {
                case 1 -> hashForm1(event);
                case 2 -> hashForm2(event);
                default -> throw fail(where + ": unknown hashForm " + form);
            };
            check(computed.equals(hash), where + ": the hash (form " + form + ") is " + computed + ", the export says "
                    + hash + " (the event was changed)");
            forms[(int) form]++;
            chain.put(sequence, event);
            previousSequence = sequence;
            previousHash = hash;
        }
        check(lineNumber > 0, file + ": no events");
        ok(file + ": " + lineNumber + " events, sequence " + first + ".." + previousSequence + (first == 1
                ? " from the genesis" : " (starts after event " + (first - 1) + ", as the export was asked)")
                + "; every hash recomputed (form 2: " + forms[2] + ", form 1: " + forms[1] + ") and every link holds");
    }

    /** Form 2: SHA-256 of the RFC 8785 form of the event without hash and hashForm, with "form": 2. */
    static String hashForm2(Map<String, Object> event) {
        Map<String, Object> hashed = new LinkedHashMap<>(event);
        hashed.remove("hash");
        hashed.remove("hashForm");
        hashed.put("form", BigDecimal.valueOf(2));
        return hex(sha256(Json.canonical(hashed).getBytes(StandardCharsets.UTF_8)));
    }

    /** Form 1: SHA-256 of previousHash, then the fields joined by U+001F, Java's Instant text, sorted compact detail. */
    static String hashForm1(Map<String, Object> event) {
        char us = '\u001f';
        String text = event.get("sequence") + "" + us + Instant.parse((String) event.get("occurredAt")) + us
                + event.get("actor") + us + Objects.toString(event.get("requestId"), "") + us
                + Objects.toString(event.get("targetId"), "") + us + event.get("type") + us
                + Json.jackson(event.get("detail"));
        return hex(sha256(((String) event.get("previousHash")).getBytes(StandardCharsets.US_ASCII),
                text.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------------------------------------ checkpoints

    @SuppressWarnings("unchecked")
    private void verifyCheckpoints(Path file) {
        Map<String, Object> previous = null;
        int count = 0;
        int inChain = 0;
        for (String line : lines(file)) {
            Map<String, Object> checkpoint = (Map<String, Object>) Json.parse(line);
            count++;
            long sequence = number(checkpoint, "sequence", file, count);
            String where = file + " checkpoint at sequence " + sequence;
            verifyCheckpoint(checkpoint, where);
            if (previous != null) {
                check(sequence > number(previous, "sequence", file, count - 1), where
                        + ": does not come after the checkpoint before it");
            }
            if (((BigDecimal) checkpoint.get("form")).intValue() >= 2) {
                if (previous == null) {
                    long named = number(checkpoint, "previousSequence", file, count);
                    if (named != 0) {
                        System.out.println("NOTE  " + where + ": the export starts after checkpoint " + named
                                + " (not in the file)");
                    }
                } else {
                    check(number(checkpoint, "previousSequence", file, count) == number(previous, "sequence", file,
                            count - 1) && Objects.equals(checkpoint.get("previousHash"), previous.get("hash"))
                            && Objects.equals(checkpoint.get("previousSignature"), previous.get("signature")),
                            where + ": does not name the checkpoint before it (sequence " + previous.get("sequence")
                                    + "): a checkpoint was removed, or the trail was rewound");
                }
            }
            Map<String, Object> event = chain.get(sequence);
            if (event != null) {
                check(Objects.equals(event.get("hash"), checkpoint.get("hash")), where + ": signs hash "
                        + checkpoint.get("hash") + " but the verified chain's event " + sequence + " has "
                        + event.get("hash"));
                inChain++;
            }
            checkpoints.put(sequence, checkpoint);
            previous = checkpoint;
        }
        check(count > 0, file + ": no checkpoints");
        ok(file + ": " + count + " checkpoints, each signature checked with key " + auditKeyId + ", each linked to "
                + "the one before; " + inChain + " of them sign an event of the verified chain");
        if (!chain.isEmpty()) {
            long last = ((TreeMap<Long, Map<String, Object>>) chain).lastKey();
            Long signed = ((TreeMap<Long, Map<String, Object>>) checkpoints).floorKey(last);
            ok("the chain up to event " + (signed == null ? "none" : signed) + " is covered by a signed checkpoint"
                    + (signed != null && signed == last ? "" : "; " + (last - (signed == null ? 0 : signed))
                            + " later events are not signed yet (chained to it by their hashes only)"));
        }
    }

    /** The statement agrees with the checkpoint's fields and its Ed25519 signature holds. */
    private void verifyCheckpoint(Map<String, Object> checkpoint, String where) {
        check(auditKeyId.equals(checkpoint.get("keyId")), where + ": signed with key " + checkpoint.get("keyId")
                + ", not " + auditKeyId);
        String statement = (String) checkpoint.get("statement");
        check(statement != null, where + ": no statement");
        Map<String, String> lines = new LinkedHashMap<>();
        String[] parts = statement.split("\n", -1);
        int form = ((BigDecimal) checkpoint.get("form")).intValue();
        check(parts[0].equals("dixa-erasure-worker audit checkpoint v" + form) && parts.length == (form == 1 ? 5 : 8)
                && parts[parts.length - 1].isEmpty(), where + ": the statement is not a form " + form + " statement");
        for (int i = 1; i < parts.length - 1; i++) {
            int equals = parts[i].indexOf('=');
            check(equals > 0, where + ": statement line " + parts[i]);
            lines.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
        }
        List<String> names = new ArrayList<>(List.of("sequence", "hash"));
        if (form >= 2) {
            names.addAll(List.of("previousSequence", "previousHash", "previousSignature"));
        }
        for (String name : names) {
            check(lines.getOrDefault(name, "\u0000").equals(Json.text(checkpoint.get(name))), where + ": the signed "
                    + "statement says " + name + "=" + lines.get(name) + ", the checkpoint " + checkpoint.get(name));
        }
        check(Instant.parse(lines.get("signedAt")).equals(Instant.parse((String) checkpoint.get("signedAt"))),
                where + ": the signed statement's signedAt differs from the checkpoint's");
        check(ed25519(statement.getBytes(StandardCharsets.UTF_8), (String) checkpoint.get("signature")), where
                + ": the Ed25519 signature does not verify with key " + auditKeyId);
    }

    // ------------------------------------------------------------------------------------------------ certificates

    @SuppressWarnings("unchecked")
    private void verifyCertificate(Path file) {
        Map<String, Object> certificate = (Map<String, Object>) Json.parse(new String(read(file),
                StandardCharsets.UTF_8));
        Map<String, Object> signature = (Map<String, Object>) certificate.get("signature");
        check(signature != null, file + ": no signature");
        check("Ed25519".equals(signature.get("alg")) && auditKeyId.equals(signature.get("keyId")), file
                + ": signed with " + signature.get("alg") + " key " + signature.get("keyId") + ", not Ed25519 key "
                + auditKeyId);
        Map<String, Object> signed = new LinkedHashMap<>(certificate);
        signed.remove("signature");
        String digest = hex(sha256(Json.canonical(signed).getBytes(StandardCharsets.UTF_8)));
        check(digest.equals(signature.get("sha256")), file + ": the canonical form's SHA-256 is " + digest
                + ", the signature names " + signature.get("sha256") + " (the certificate was changed)");
        String statement = "dixa-erasure-worker certificate v1\nsha256=" + digest + "\n";
        check(ed25519(statement.getBytes(StandardCharsets.UTF_8), (String) signature.get("value")), file
                + ": the Ed25519 signature does not verify with key " + auditKeyId);
        ok(file + ": certificate of ticket " + certificate.get("ticketRef") + " (" + certificate.get("ticketId")
                + "), canonical SHA-256 " + digest + ", Ed25519 signature valid (key " + auditKeyId + ")");
        Map<String, Object> checkpoint = (Map<String, Object>) certificate.get("checkpoint");
        check(checkpoint != null, file + ": no checkpoint");
        verifyCheckpoint(checkpoint, file + " checkpoint");
        ok(file + ": its checkpoint (event " + checkpoint.get("sequence") + ") is signed with key " + auditKeyId);
        if (chain.isEmpty()) {
            return;
        }
        String ticket = (String) certificate.get("ticketId");
        long issued = ((BigDecimal) checkpoint.get("sequence")).longValue();
        Map<String, Object> event = inChain(file + " checkpoint", issued, (String) checkpoint.get("hash"));
        check("CERTIFICATE_ISSUED".equals(event.get("type")) && ticket.equals(event.get("requestId"))
                && "json".equals(((Map<String, Object>) event.get("detail")).get("format")), file + ": event " + issued
                + " is not this ticket's CERTIFICATE_ISSUED (json)");
        int placed = 1;
        for (String name : List.of("lastTicketEvent", "chainHeadAtIssuance")) {
            Map<String, Object> position = (Map<String, Object>) certificate.get(name);
            if (position != null) {
                Map<String, Object> named = inChain(file + " " + name, ((BigDecimal) position.get("sequence"))
                        .longValue(), (String) position.get("hash"));
                check(Objects.equals(named.get("type"), position.get("type")), file + " " + name + ": type differs");
                placed++;
            }
        }
        for (Object item : (List<Object>) certificate.get("policyDecisions")) {
            Map<String, Object> decision = (Map<String, Object>) item;
            long sequence = ((BigDecimal) decision.get("sequence")).longValue();
            Map<String, Object> named = inChain(file + " policy decision", sequence, null);
            check(Objects.equals(named.get("type"), decision.get("type")) && ticket.equals(named.get("requestId"))
                    && Objects.equals(named.get("targetId"), decision.get("targetId"))
                    && Instant.parse((String) named.get("occurredAt")).equals(Instant.parse((String) decision
                            .get("occurredAt")))
                    && Json.canonical(named.get("detail")).equals(Json.canonical(decision.get("detail"))),
                    file + " policy decision " + sequence + ": differs from the chain's event " + sequence);
            placed++;
        }
        ok(file + ": its " + placed + " audit events sit in the verified chain (issue event " + issued + ")");
    }

    private Map<String, Object> inChain(String where, long sequence, String hash) {
        Map<String, Object> event = chain.get(sequence);
        check(event != null, where + ": event " + sequence + " is not in the verified chain export");
        check(hash == null || hash.equals(event.get("hash")), where + ": event " + sequence + " has hash " + hash
                + ", the verified chain " + event.get("hash"));
        return event;
    }

    // ------------------------------------------------------------------------------------------------ PDF

    private static final Pattern BYTE_RANGE = Pattern.compile("/ByteRange\\s*\\[\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\]");
    private static final Pattern REASON = Pattern.compile("Certificate of erasure of ticket ([0-9a-f-]{36}); audit event "
            + "(\\d+) hash ([0-9a-f]{64})");

    @SuppressWarnings("unchecked")
    private void verifyPdf(Path file) {
        byte[] pdf = read(file);
        String latin = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher range = BYTE_RANGE.matcher(latin);
        long[] r = null;
        while (range.find()) {
            r = new long[] { Long.parseLong(range.group(1)), Long.parseLong(range.group(2)),
                Long.parseLong(range.group(3)), Long.parseLong(range.group(4)) };
        }
        check(r != null, file + ": no PDF signature (/ByteRange)");
        check(r[0] == 0 && r[1] < r[2] && r[2] + r[3] == pdf.length, file + ": the signature does not cover the "
                + "whole file (" + Arrays.toString(r) + ", " + pdf.length + " bytes): something was added or cut");
        String gap = latin.substring((int) r[1], (int) r[2]);
        check(gap.matches("<[0-9A-Fa-f]*>"), file + ": the signature's /Contents is not one hex string");
        byte[] contents = HexFormat.of().parseHex(gap.substring(1, gap.length() - 1));
        Der cms = Der.read(contents, 0);
        for (int i = cms.end; i < contents.length; i++) {
            check(contents[i] == 0, file + ": bytes after the CMS signature in /Contents are not zero padding");
        }
        // ContentInfo { signedData, [0] SignedData { version, digestAlgorithms, encapContentInfo, [0] certificates,
        // [1] crls?, signerInfos } }
        check(cms.child(0).oid().equals("1.2.840.113549.1.7.2"), file + ": /Contents is not CMS SignedData");
        Der signedData = cms.child(1).child(0);
        List<X509Certificate> certificates = new ArrayList<>();
        Der signerInfos = null;
        for (Der part : signedData.children()) {
            if (part.tag == 0xA0) {
                for (Der certificate : part.children()) {
                    certificates.add(x509(certificate.bytes()));
                }
            } else if (part.tag == 0x31) {
                signerInfos = part;
            }
        }
        check(signerInfos != null && signerInfos.children().size() == 1, file + ": not exactly one signer");
        Der signer = signerInfos.child(0);
        // SignerInfo { version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature }
        BigInteger serial = signer.child(1).child(1).integer();
        X509Certificate certificate = certificates.stream().filter(c -> c.getSerialNumber().equals(serial))
                .findFirst().orElseThrow(() -> fail(file + ": the signer's certificate is not in the signature"));
        String digestAlgorithm = switch (signer.child(2).child(0).oid()) {
            case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
            default -> throw fail(file + ": unknown digest algorithm " + signer.child(2).child(0).oid());
        };
        Der attributes = signer.child(3);
        check(attributes.tag == 0xA0, file + ": the signature has no signed attributes");
        byte[] messageDigest = null;
        for (Der attribute : attributes.children()) {
            if (attribute.child(0).oid().equals("1.2.840.113549.1.9.4")) {
                messageDigest = attribute.child(1).child(0).content();
            }
        }
        check(messageDigest != null, file + ": the signature has no message digest");
        MessageDigest digest = digest(digestAlgorithm);
        digest.update(pdf, 0, (int) r[1]);
        digest.update(pdf, (int) r[2], (int) r[3]);
        check(Arrays.equals(digest.digest(), messageDigest), file + ": the file's " + digestAlgorithm
                + " is not the one signed (the PDF was changed)");
        String signatureAlgorithm = switch (signer.child(4).child(0).oid()) {
            case "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4", "1.2.840.10045.2.1" ->
                digestAlgorithm.replace("-", "") + "withECDSA";
            case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13" ->
                digestAlgorithm.replace("-", "") + "withRSA";
            default -> throw fail(file + ": unsupported signature algorithm " + signer.child(4).child(0).oid());
        };
        byte[] signedAttributes = attributes.bytes();
        signedAttributes[0] = 0x31; // signed as a SET OF (RFC 5652, 5.4)
        try {
            Signature verifier = Signature.getInstance(signatureAlgorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(signedAttributes);
            check(verifier.verify(signer.child(5).content()), file + ": the CMS signature does not verify");
        } catch (GeneralSecurityException e) {
            throw fail(file + ": the CMS signature does not verify (" + e.getMessage() + ")");
        }
        String signingKey = hex(sha256(certificate.getPublicKey().getEncoded()));
        ok(file + ": PDF signature valid (" + signatureAlgorithm + ", bytes " + Arrays.toString(r) + " = the whole "
                + "file but the signature) by " + certificate.getSubjectX500Principal().getName()
                + ", signing public key SHA-256 " + signingKey);
        if (pdfKey != null) {
            check(pdfKey.equals(signingKey), file + ": signed by key " + signingKey + ", not the expected " + pdfKey);
            ok(file + ": signed by the expected key " + pdfKey);
        } else {
            System.out.println("NOTE  " + file + ": signing key not pinned (give --pdf-key=" + signingKey
                    + " to require it)");
        }
        Matcher reason = REASON.matcher(latin.substring(0, (int) r[1]) + latin.substring((int) r[2]));
        check(reason.find(), file + ": the signature does not name its audit event (/Reason)");
        long sequence = Long.parseLong(reason.group(2));
        ok(file + ": signed as the certificate of ticket " + reason.group(1) + ", audit event " + sequence);
        if (!chain.isEmpty()) {
            Map<String, Object> event = inChain(file.toString(), sequence, reason.group(3));
            check("CERTIFICATE_ISSUED".equals(event.get("type")) && reason.group(1).equals(event.get("requestId"))
                    && "pdf".equals(((Map<String, Object>) event.get("detail")).get("format")), file + ": event "
                    + sequence + " is not this ticket's CERTIFICATE_ISSUED (pdf)");
            ok(file + ": its CERTIFICATE_ISSUED event " + sequence + " sits in the verified chain");
        }
        if (!checkpoints.isEmpty()) {
            Map<String, Object> checkpoint = checkpoints.get(sequence);
            check(checkpoint != null && reason.group(3).equals(checkpoint.get("hash")), file + ": no verified "
                    + "checkpoint signs event " + sequence);
            ok(file + ": event " + sequence + " is signed by a verified checkpoint");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private boolean ed25519(byte[] message, String signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(auditKey);
            verifier.update(message);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static X509Certificate x509(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw fail("a certificate in the PDF signature cannot be read: " + e.getMessage());
        }
    }

    private static long number(Map<String, Object> object, String name, Path file, int line) {
        Object value = object.get(name);
        check(value instanceof BigDecimal, file + " line " + line + ": " + name + " is not a number");
        return ((BigDecimal) value).longValueExact();
    }

    private static List<String> lines(Path file) {
        return new String(read(file), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Failure(file + ": cannot be read (" + e.getMessage() + ")", true);
        }
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return bytes.length >= prefix.length() && new String(bytes, 0, prefix.length(), StandardCharsets.ISO_8859_1)
                .equals(prefix);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[]... parts) {
        MessageDigest digest = digest("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The JSON this service writes: a strict parser (objects keep their order, numbers stay exact as BigDecimal) and
     * the RFC 8785 serializer (members sorted by UTF-16 code units, minimal string escapes, ECMAScript numbers).
     */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            check(json.at == text.length(), "not one JSON value: text after position " + json.at);
            return value;
        }

        private Object value() {
            space();
            check(at < text.length(), "JSON ends early");
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                space();
                if (peek('}')) {
                    return object;
                }
                do {
                    space();
                    String name = string();
                    space();
                    expect(':');
                    check(!object.containsKey(name), "duplicate JSON member " + name);
                    object.put(name, value());
                    space();
                } while (peek(','));
                expect('}');
                return object;
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                space();
                if (peek(']')) {
                    return array;
                }
                do {
                    array.add(value());
                    space();
                } while (peek(','));
                expect(']');
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : List.of("true", "false", "null")) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            Matcher number = NUMBER.matcher(text).region(at, text.length());
            check(number.lookingAt(), "not JSON at position " + at);
            at = number.end();
            return new BigDecimal(number.group());
        }

        private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                check(at < text.length(), "unterminated JSON string");
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                check(c >= 0x20, "control character in a JSON string");
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw fail("bad JSON escape \\" + e);
                }
            }
        }

        private void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            check(peek(c), "expected '" + c + "' at position " + at + " of the JSON");
        }

        /** RFC 8785. */
        static String canonical(Object value) {
            StringBuilder out = new StringBuilder();
            write(out, value, false);
            return out.toString();
        }

        /** Form 1's detail: Jackson's compact JSON with sorted keys (upper-case \\u escapes, Java number text). */
        static String jackson(Object value) {
            StringBuilder out = new StringBuilder();
            write(out, value == null ? Map.of() : value, true);
            return out.toString();
        }

        /** A member as the checkpoint statement prints it. */
        static String text(Object value) {
            return value instanceof BigDecimal number ? number.toPlainString() : Objects.toString(value, "");
        }

        @SuppressWarnings("unchecked")
        private static void write(StringBuilder out, Object value, boolean jackson) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Boolean bool) {
                out.append(bool);
            } else if (value instanceof BigDecimal number) {
                out.append(jackson ? number.toString() : number(number));
            } else if (value instanceof String string) {
                string(out, string, jackson);
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(out, list.get(i), jackson);
                }
                out.append(']');
            } else {
                Map<String, Object> sorted = new TreeMap<>((Map<String, Object>) value);
                out.append('{');
                String separator = "";
                for (Map.Entry<String, Object> member : sorted.entrySet()) {
                    out.append(separator);
                    string(out, member.getKey(), jackson);
                    out.append(':');
                    write(out, member.getValue(), jackson);
                    separator = ",";
                }
                out.append('}');
            }
        }

        private static void string(StringBuilder out, String string, boolean jackson) {
            out.append('"');
            for (char c : string.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c >= 0x20 ? String.valueOf(c)
                            : String.format(jackson ? "\\u%04X" : "\\u%04x", (int) c));
                }
            }
            out.append('"');
        }

        /** ECMAScript's Number::toString for the values we write: integers exactly; others via the shortest double. */
        private static String number(BigDecimal number) {
            double d = number.doubleValue();
            check(!Double.isInfinite(d), "a JSON number out of range");
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                return new BigDecimal(d).toBigInteger().toString();
            }
            BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
            if (Math.abs(d) >= 1e-6 && Math.abs(d) < 1e21) {
                return shortest.toPlainString();
            }
            String digits = shortest.unscaledValue().abs().toString();
            int exponent = digits.length() - 1 - shortest.scale();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        }
    }

    /** Just enough DER to read a CMS SignedData: tag, length, children. */
    static final class Der {
        final byte[] source;
        final int start;
        final int tag;
        final int contentStart;
        final int end;

        private Der(byte[] source, int start, int tag, int contentStart, int end) {
            this.source = source;
            this.start = start;
            this.tag = tag;
            this.contentStart = contentStart;
            this.end = end;
        }

        static Der read(byte[] source, int start) {
            check(start + 2 <= source.length, "DER ends early");
            int tag = source[start] & 0xff;
            int length = source[start + 1] & 0xff;
            int at = start + 2;
            if (length >= 0x80) {
                int octets = length & 0x7f;
                check(octets >= 1 && octets <= 4, "unsupported DER length");
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (source[at++] & 0xff);
                }
            }
            check(length >= 0 && at + length <= source.length, "DER length beyond the data");
            return new Der(source, start, tag, at, at + length);
        }

        List<Der> children() {
            List<Der> children = new ArrayList<>();
            for (int at = contentStart; at < end; ) {
                Der child = read(source, at);
                check(child.end <= end, "DER child beyond its parent");
                children.add(child);
                at = child.end;
            }
            return children;
        }

        Der child(int index) {
            List<Der> children = children();
            check(index < children.size(), "DER structure too short");
            return children.get(index);
        }

        byte[] content() {
            return Arrays.copyOfRange(source, contentStart, end);
        }

        byte[] bytes() {
            return Arrays.copyOfRange(source, start, end);
        }

        BigInteger integer() {
            check(tag == 0x02, "expected a DER INTEGER");
            return new BigInteger(content());
        }

        String oid() {
            check(tag == 0x06, "expected a DER OBJECT IDENTIFIER");
            byte[] bytes = content();
            StringBuilder out = new StringBuilder();
            long value = 0;
            for (int i = 0; i < bytes.length; i++) {
                value = (value << 7) | (bytes[i] & 0x7f);
                if ((bytes[i] & 0x80) == 0) {
                    if (out.length() == 0) {
                        int first = (int) Math.min(value / 40, 2);
                        out.append(first).append('.').append(value - 40L * first);
                    } else {
                        out.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return out.toString();
        }
    }
}
