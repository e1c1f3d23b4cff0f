package com.erasureworker.console;

import com.erasureworker.audit.AuditCsv;
import com.erasureworker.audit.AuditEventQuery;
import com.erasureworker.evidence.Certificate;
import com.erasureworker.evidence.CertificateIssuer;
import com.erasureworker.evidence.CertificateJson;
import com.erasureworker.evidence.CertificatePdf;
import com.erasureworker.evidence.CertificateResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * A ticket's downloads from the console session: the certificate of erasure (PDF, JSON) and the history as CSV, from
 * the same services as the API, audited the same way (CERTIFICATE_ISSUED, EXPORTED).
 */
@Path("/console/tickets")
public class TicketDownloads {

    private final ConsoleSession session;
    private final CertificateIssuer certificates;
    private final CertificateJson certificateJson;
    private final CertificatePdf certificatePdf;
    private final AuditCsv auditCsv;

    TicketDownloads(ConsoleSession session, CertificateIssuer certificates, CertificateJson certificateJson,
            CertificatePdf certificatePdf, AuditCsv auditCsv) {
        this.certificateJson = certificateJson;
        this.certificatePdf = certificatePdf;
        this.session = session;
        this.certificates = certificates;
        this.auditCsv = auditCsv;
    }

    @GET
    @Path("/{id}/certificate.pdf")
    @Produces(CertificateResource.PDF)
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response certificatePdf(@PathParam("id") UUID id) {
        Certificate certificate = certificates.issue(id, session.viewer().name(), "pdf", false);
        return Response.ok(certificatePdf.render(certificate), CertificateResource.PDF)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(certificate) + ".pdf\"").build();
    }

    @GET
    @Path("/{id}/certificate.json")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response certificateJson(@PathParam("id") UUID id) {
        Certificate certificate = certificates.issue(id, session.viewer().name(), "json", true);
        return Response.ok(certificateJson.body(certificate), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(certificate) + ".json\"").build();
    }

    @GET
    @Path("/{id}/history.csv")
    @Produces(AuditCsv.MEDIA_TYPE)
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response history(@PathParam("id") UUID id) {
        TicketDetails.find(id);
        return auditCsv.export(AuditEventQuery.ofTicket(id), "history", session.viewer().name(), id, "history-" + id);
    }

    private static String fileName(Certificate certificate) {
        return "certificate-" + certificate.ticketRef().replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
