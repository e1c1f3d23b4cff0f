package com.erasureworker.contract;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(summary = "The contract self-check: whether Dixa's base URL, version and token fit, and the last canary")
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
}
