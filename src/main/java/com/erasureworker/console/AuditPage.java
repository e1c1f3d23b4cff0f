package com.erasureworker.console;

import com.erasureworker.api.ProblemException;
import com.erasureworker.audit.AuditChainVerifier;
import com.erasureworker.audit.AuditCsv;
import com.erasureworker.audit.AuditEventPage;
import com.erasureworker.audit.AuditEventQuery;
import com.erasureworker.audit.AuditEventReader;
import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.audit.ChainVerification;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The auditor's pages: event search with the API's filters, CSV export, chain verification (recorded as
 * CHAIN_VERIFIED, which the dashboard shows), and a target's timeline. Same roles as the API: auditor and admin for
 * events and the chain; the timeline is part of a ticket, so dpo reads it too.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class AuditPage {

    private static final List<String> FILTERS = List.of("from", "to", "ticketRef", "actor", "type", "page");

    private final ConsoleSession session;
    private final AuditEventReader reader;
    private final AuditCsv csv;
    private final AuditChainVerifier verifier;
    private final AuditTrail trail;
    private final TicketDetails details;
    private final Template audit;
    private final Template verification;
    private final Template timeline;

    AuditPage(ConsoleSession session, AuditEventReader reader, AuditCsv csv, AuditChainVerifier verifier,
            AuditTrail trail, TicketDetails details, @Location("console/audit.html") Template audit,
            @Location("console/verification.html") Template verification,
            @Location("console/timeline.html") Template timeline) {
        this.session = session;
        this.reader = reader;
        this.csv = csv;
        this.verifier = verifier;
        this.trail = trail;
        this.details = details;
        this.audit = audit;
        this.verification = verification;
        this.timeline = timeline;
    }

    @GET
    @Path("/audit")
    @RolesAllowed({ "auditor", "admin" })
    public Response search(@RestQuery String from, @RestQuery String to, @RestQuery String ticketRef,
            @RestQuery String actor, @RestQuery String type, @RestQuery String page, @Context UriInfo uri) {
        Map<String, String> filter = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> filter.put(name, values.get(0)));
        try {
            AuditEventPage events = reader.page(AuditEventQuery.parse(from, to, ticketRef, actor, type, page, "50"));
            return session.render(audit.data("events", events).data("filter", filter).data("errors", FormErrors.NONE)
                    .data("query", FilterQuery.of(filter)).data("result", null));
        } catch (ProblemException e) {
            return session.render(e.problem().status(), audit.data("events", null).data("filter", filter)
                    .data("errors", FormErrors.of(e.problem(), FILTERS)).data("query", FilterQuery.of(filter))
                    .data("result", null));
        }
    }

    /** The whole selection as CSV, streamed and audited as EXPORTED, exactly like the API's export. */
    @GET
    @Path("/audit/events.csv")
    @Produces(AuditCsv.MEDIA_TYPE)
    @RolesAllowed({ "auditor", "admin" })
    public Response export(@RestQuery String from, @RestQuery String to, @RestQuery String ticketRef,
            @RestQuery String actor, @RestQuery String type) {
        AuditEventQuery query = AuditEventQuery.parse(from, to, ticketRef, actor, type, null, null);
        return csv.export(query, "audit-events", session.viewer().name(), null, "audit-events");
    }

    /** Recomputes the whole chain and records who checked it and what came out. */
    @POST
    @Path("/audit/verify")
    @RolesAllowed({ "auditor", "admin" })
    public Response verify() {
        ChainVerification result = verifier.verify(null, null, null);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("valid", result.valid());
        detail.put("checked", result.checked());
        detail.put("headSequence", result.headSequence());
        if (result.firstInvalidSequence() != null) {
            detail.put("firstInvalidSequence", result.firstInvalidSequence());
        }
        QuarkusTransaction.requiringNew().run(() -> trail.record(AuditType.CHAIN_VERIFIED, session.viewer().name(),
                null, null, detail));
        return session.render(verification.data("result", result));
    }

    @GET
    @Path("/targets/{id}")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response timeline(@PathParam("id") UUID id) {
        return session.render(timeline.data("x", details.timeline(id)));
    }
}
