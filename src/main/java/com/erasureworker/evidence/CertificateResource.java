package com.erasureworker.evidence;

import com.erasureworker.api.Negotiation;
import com.erasureworker.api.PathIds;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The certificate of erasure of a completed ticket, as JSON or as PDF; each issuance is audited. */
@Path("/api/v1/erasure-requests/{id}/certificate")
@Tag(name = "Erasure requests")
@APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "no or wrong credentials", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow this", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "no such ticket", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "the ticket is not COMPLETED, or its evidence is not captured yet",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CertificateResource {

    public static final String PDF = "application/pdf";
    private static final MediaType PDF_TYPE = MediaType.valueOf(PDF);

    private final CertificateIssuer issuer;
    private final CertificateEntities entities;
    private final CertificateJson json;
    private final CertificatePdf pdf;

    CertificateResource(CertificateIssuer issuer, CertificateEntities entities, CertificateJson json,
            CertificatePdf pdf) {
        this.pdf = pdf;
        this.issuer = issuer;
        this.entities = entities;
        this.json = json;
    }

    @GET
    @Path("/entities")
    @Produces(CertificateEntities.MEDIA_TYPE)
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "The certificate's annex: every erased entity with its Dixa request id and processedAt, as "
            + "CSV, streamed", description = "Roles: dpo, auditor, admin. Its SHA-256 is printed in the certificate "
            + "(entities.sha256), which binds the annex to it. Answered only once a certificate can be issued.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = CertificateEntities.MEDIA_TYPE))
    public Response entities(@PathParam("id") String id) {
        UUID ticketId = PathIds.uuid(id, "ticket");
        issuer.checkIssuable(ticketId);
        StreamingOutput body = output -> entities.write(ticketId, output);
        return Response.ok(body, CertificateEntities.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"certificate-entities-" + ticketId + ".csv\"")
                .build();
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, PDF })
    @RolesAllowed({ "dpo", "auditor", "admin" })
    @Operation(summary = "Certificate of erasure of a completed ticket: JSON, or PDF with Accept: application/pdf",
            description = "Roles: dpo, auditor, admin. Each issuance is audited as CERTIFICATE_ISSUED.")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Certificate.class)),
        @Content(mediaType = PDF) })
    public Response certificate(@PathParam("id") String id, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        boolean pdf = pdfRequested(headers);
        Certificate certificate = issuer.issue(PathIds.uuid(id, "ticket"), security.getUserPrincipal().getName(),
                pdf ? "pdf" : "json", !pdf);
        if (!pdf) {
            // Streamed: the decisions and the evidence of a large ticket are never held in memory whole.
            return Response.ok(json.body(certificate), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(this.pdf.render(certificate), PDF)
                .header("Content-Disposition", "attachment; filename=\"certificate-" + certificate.ticketRef()
                        .replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf\"")
                .build();
    }

    static boolean pdfRequested(HttpHeaders headers) {
        return Negotiation.prefers(headers, PDF);
    }
}
