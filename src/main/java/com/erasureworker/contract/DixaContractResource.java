package com.erasureworker.contract;

import com.erasureworker.api.Problem;
import com.erasureworker.controls.ReasonBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The contract self-check for operators and auditors: each check with its time and Dixa's answer. */
@Path("/api/v1/dixa/contract")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dixa contract")
public class DixaContractResource {

    private final DixaContract contract;

    DixaContractResource(DixaContract contract) {
        this.contract = contract;
    }

    @GET
    @RolesAllowed({"admin", "auditor"})
    @Operation(summary = "The contract verdict (GREEN, DEGRADED or RED): whether Dixa's base URL, version and token "
            + "fit, and the last canary")
    public ContractVerdict get() {
        return contract.current();
    }

    @POST
    @Path("/check")
    @RolesAllowed("admin")
    @Operation(summary = "Run the contract self-check now (e.g. after fixing DIXA_API_URL or the token's rights)")
    public ContractVerdict check() {
        return contract.recheck();
    }

    @POST
    @Path("/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Acknowledge the red verdict so work continues; audited",
            description = "Roles: admin. Body: {\"reason\": text, required}. Holds until the verdict changes.")
    @APIResponse(responseCode = "409", description = "the verdict is not red", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "no reason", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContractVerdict acknowledge(byte[] body, @Context SecurityContext security) {
        ReasonBody reason = ReasonBody.read(body, true, "why work continues despite the red verdict");
        return contract.acknowledge(reason.reason(), security.getUserPrincipal().getName());
    }
}
