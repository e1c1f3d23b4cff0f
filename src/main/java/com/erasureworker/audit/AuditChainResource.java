package com.erasureworker.audit;

import com.erasureworker.api.Problem.FieldError;
import com.erasureworker.api.ProblemException;
import com.erasureworker.api.QueryParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For auditors: recompute the chain, read its head to copy it somewhere independent, and get the checkpoint key. */
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit trail")
public class AuditChainResource {

    public record Head(long sequence, String hash, Instant updatedAt, AuditCheckpoint latestCheckpoint) {
    }

    public record PublicKey(String algorithm, String keyId, String publicKey, String pem) {
    }

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HELD = Pattern.compile("([0-9]{1,18}):([0-9a-f]{64})");

    private final AuditChainExport export;
    private final AuditChainVerifier verifier;
    private final AuditCheckpoints checkpoints;
    private final AuditSigningKey key;

    AuditChainResource(AuditChainExport export, AuditChainVerifier verifier, AuditCheckpoints checkpoints,
            AuditSigningKey key) {
        this.export = export;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.key = key;
    }

    @GET
    @Path("/verify")
    @RolesAllowed({"auditor", "admin"})
    @Operation(summary = "Recompute the hash chain (optionally a range of sequences), check every signed checkpoint and "
            + "their continuity, and the positions you hold (expectSequence + expectHash, or expect=sequence:hash, "
            + "repeatable, e.g. checkpoints you downloaded), and report the first event that cannot be trusted",
            description = "Roles: auditor, admin. 400 when a held position lies outside fromSequence..toSequence.")
    public ChainVerification verify(@QueryParam("fromSequence") String fromSequence,
            @QueryParam("toSequence") String toSequence, @QueryParam("expectSequence") String expectSequence,
            @QueryParam("expectHash") String expectHash, @QueryParam("expect") List<String> expect) {
        List<FieldError> errors = new ArrayList<>();
        Long from = QueryParameters.value("fromSequence", fromSequence, Long::valueOf, "a whole number", errors);
        Long to = QueryParameters.value("toSequence", toSequence, Long::valueOf, "a whole number", errors);
        Long anchorSequence = QueryParameters.value("expectSequence", expectSequence, Long::valueOf, "a whole number",
                errors);
        boolean hashGiven = expectHash != null && !expectHash.isBlank();
        if (hashGiven && !HASH.matcher(expectHash.trim()).matches()) {
            errors.add(new FieldError("expectHash", "must be 64 lowercase hex characters"));
        }
        if ((anchorSequence == null) != !hashGiven) {
            errors.add(new FieldError(anchorSequence == null ? "expectSequence" : "expectHash",
                    "expectSequence and expectHash go together"));
        }
        List<AuditChainVerifier.Anchor> anchors = new ArrayList<>();
        if (anchorSequence != null && hashGiven) {
            anchors.add(new AuditChainVerifier.Anchor(anchorSequence, expectHash.trim()));
            outOfRange("expectSequence", anchorSequence, from, to, errors);
        }
        for (String held : expect == null ? List.<String>of() : expect) {
            java.util.regex.Matcher position = HELD.matcher(held == null ? "" : held.trim());
            if (!position.matches()) {
                errors.add(new FieldError("expect", "must be sequence:hash (a whole number, a colon, 64 lowercase hex "
                        + "characters)"));
                continue;
            }
            long sequence = Long.parseLong(position.group(1));
            anchors.add(new AuditChainVerifier.Anchor(sequence, position.group(2)));
            outOfRange("expect", sequence, from, to, errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters are not readable.", errors);
        }
        return verifier.verifyHeld(from, to, anchors);
    }

    /** A held position outside the range asked for would not be checked: say so instead of answering valid. */
    private static void outOfRange(String field, long sequence, Long from, Long to, List<FieldError> errors) {
        if ((from != null && sequence < from) || (to != null && sequence > to) || sequence < 1) {
            errors.add(new FieldError(field, "lies outside fromSequence..toSequence, so it would not be checked"));
        }
    }

    @GET
    @Path("/chain")
    @Produces(AuditChainExport.MEDIA_TYPE)
    @RolesAllowed({"auditor", "admin"})
    @Operation(summary = "The chain itself for offline checking: every hashed field of each event with its previousHash, "
            + "hash and hashForm, as JSON lines in sequence order, streamed (docs/verifying-proof.md)")
    public Response chain(@QueryParam("fromSequence") String fromSequence,
            @QueryParam("toSequence") String toSequence) {
        long[] range = range(fromSequence, toSequence);
        StreamingOutput body = output -> export.events(range[0], range[1], output);
        return Response.ok(body, AuditChainExport.MEDIA_TYPE).build();
    }

    @GET
    @Path("/checkpoints")
    @Produces(AuditChainExport.MEDIA_TYPE)
    @RolesAllowed({"auditor", "admin"})
    @Operation(summary = "Every signed checkpoint with its signed statement and its link to the previous one, as JSON "
            + "lines in sequence order, streamed: keep a copy, and hand it back to verify (expect=sequence:hash)")
    public Response checkpoints(@QueryParam("fromSequence") String fromSequence,
            @QueryParam("toSequence") String toSequence) {
        long[] range = range(fromSequence, toSequence);
        StreamingOutput body = output -> export.checkpoints(range[0], range[1], output);
        return Response.ok(body, AuditChainExport.MEDIA_TYPE).build();
    }

    /** fromSequence..toSequence, both optional (1 and the largest sequence). */
    static long[] range(String fromSequence, String toSequence) {
        List<FieldError> errors = new ArrayList<>();
        Long from = QueryParameters.value("fromSequence", fromSequence, Long::valueOf, "a whole number", errors);
        Long to = QueryParameters.value("toSequence", toSequence, Long::valueOf, "a whole number", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters are not readable.", errors);
        }
        return new long[] { from == null ? 1 : from, to == null ? Long.MAX_VALUE : to };
    }

    @GET
    @Path("/head")
    @RolesAllowed({"auditor", "admin"})
    @Transactional
    @Operation(summary = "The chain's latest sequence and hash, to be copied somewhere independent, with the latest "
            + "signed checkpoint")
    public Head head() {
        AuditChainHead head = AuditChainHead.findById(AuditChainHead.ID);
        return new Head(head.lastSequence, head.lastHash, head.updatedAt, checkpoints.latest().orElse(null));
    }

    @GET
    @Path("/public-key")
    @RolesAllowed({"auditor", "admin", "dpo"})
    @Operation(summary = "The Ed25519 public key that verifies the chain's signed checkpoints (X.509 SPKI, base64 and "
            + "PEM), so checkpoints can be checked without trusting this service")
    public PublicKey publicKey() {
        return new PublicKey(AuditSigningKey.ALGORITHM, key.keyId(), key.publicKeyBase64(), key.publicKeyPem());
    }
}
