package com.erasureworker.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For auditors: recompute the chain, and read its head to copy it somewhere independent. */
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit trail")
public class AuditChainResource {

    public record Head(long sequence, String hash, Instant updatedAt) {
    }

    private final AuditChainVerifier verifier;

    AuditChainResource(AuditChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Path("/verify")
    @RolesAllowed({"auditor", "admin"})
    @Operation(summary = "Recompute the hash chain (optionally a range of sequences) and report the first broken event")
    public ChainVerification verify(@QueryParam("fromSequence") Long fromSequence, @QueryParam("toSequence") Long toSequence) {
        return verifier.verify(fromSequence, toSequence);
    }

    @GET
    @Path("/head")
    @RolesAllowed({"auditor", "admin"})
    @Transactional
    @Operation(summary = "The chain's latest sequence and hash, to be copied somewhere independent")
    public Head head() {
        AuditChainHead head = AuditChainHead.findById(AuditChainHead.ID);
        return new Head(head.lastSequence, head.lastHash, head.updatedAt);
    }
}
