package com.erasureworker.sweep;

import com.erasureworker.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The retention policy: read by everyone with an API role, changed by admins only. Thin. */
@Path("/api/v1/retention-policy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Retention sweeps", description = "Scheduled erasure of conversations closed longer ago than the policy allows")
@APIResponse(responseCode = "401", description = "no or wrong credentials", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow this", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RetentionPolicyResource {

    private final RetentionPolicies policies;

    RetentionPolicyResource(RetentionPolicies policies) {
        this.policies = policies;
    }

    @GET
    @RolesAllowed({ "admin", "dpo", "auditor" })
    @Operation(summary = "The retention policy", description = "Roles: admin, dpo, auditor.")
    public RetentionPolicyView get() {
        return policies.current();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Replace the retention policy", description = "enabled and closedMoreThanDays are required; "
            + "omitted fields take their defaults (every channel, cron 0 0 2 * * ? UTC, 100000 per run, share 0.5, "
            + "dryRun true). Audited with old and new values. Role: admin.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RetentionPolicyView.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RetentionPolicyView.class)))
    @APIResponse(responseCode = "400", description = "not JSON, wrong JSON types, or unknown fields", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "values not acceptable; each field with its reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RetentionPolicyView put(byte[] body, @Context SecurityContext security) {
        return policies.change(SweepBodyReader.policy(body), security.getUserPrincipal().getName());
    }
}
