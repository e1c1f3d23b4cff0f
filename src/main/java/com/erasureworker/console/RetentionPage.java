package com.erasureworker.console;

import com.erasureworker.api.ProblemException;
import com.erasureworker.sweep.RetentionPolicies;
import com.erasureworker.sweep.SweepBodyReader;
import com.erasureworker.sweep.SweepRuns;
import com.erasureworker.sweep.SweepViews;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Retention: the policy (admins edit it, everyone reads it), sweep runs with their counts, a run's conversations, and
 * a trigger (dpo, admin). The policy form becomes the API's PUT body, so the API's reader decides what is valid.
 */
@Path("/console/retention")
@Produces(MediaType.TEXT_HTML)
public class RetentionPage {

    private static final List<String> POLICY_FIELDS = List.of("enabled", "closedMoreThanDays", "channels", "cron",
            "maxConversationsPerRun", "sweepRateShare", "dryRun");

    private final ConsoleSession session;
    private final RetentionPolicies policies;
    private final SweepRuns runs;
    private final SweepViews views;
    private final Template retention;
    private final Template sweep;

    RetentionPage(ConsoleSession session, RetentionPolicies policies, SweepRuns runs, SweepViews views,
            @Location("console/retention.html") Template retention, @Location("console/sweep.html") Template sweep) {
        this.session = session;
        this.policies = policies;
        this.runs = runs;
        this.views = views;
        this.retention = retention;
        this.sweep = sweep;
    }

    @GET
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response page(@RestQuery String page) {
        return render(200, FormErrors.NONE, null, page);
    }

    @POST
    @Path("/policy")
    @RolesAllowed("admin")
    public Response change(@RestForm String enabled, @RestForm String closedMoreThanDays, @RestForm String channels,
            @RestForm String cron, @RestForm String maxConversationsPerRun, @RestForm String sweepRateShare,
            @RestForm String dryRun) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("enabled", enabled != null);
        body.put("dryRun", dryRun != null);
        number(body, "closedMoreThanDays", closedMoreThanDays);
        number(body, "maxConversationsPerRun", maxConversationsPerRun);
        number(body, "sweepRateShare", sweepRateShare);
        if (cron != null && !cron.isBlank()) {
            body.put("cron", cron.trim());
        }
        var list = body.putArray("channels");
        if (channels != null) {
            Arrays.stream(channels.split("[\\s,]+")).filter(c -> !c.isBlank()).forEach(list::add);
        }
        try {
            policies.change(SweepBodyReader.policy(body.toString().getBytes(StandardCharsets.UTF_8)),
                    session.viewer().name());
            return Response.seeOther(URI.create("/console/retention?saved=policy")).build();
        } catch (ProblemException e) {
            return render(e.problem().status(), FormErrors.of(e.problem(), POLICY_FIELDS), null, null);
        }
    }

    @POST
    @Path("/sweeps")
    @RolesAllowed({ "dpo", "admin" })
    public Response trigger(@RestForm String dryRun) {
        try {
            UUID id = runs.trigger(dryRun != null, session.viewer().name(), session.viewer().admin());
            return Response.seeOther(URI.create("/console/retention/sweeps/" + id)).build();
        } catch (ProblemException e) {
            return render(e.problem().status(), FormErrors.NONE, e.problem().detail(), null);
        }
    }

    @GET
    @Path("/sweeps/{id}")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response run(@PathParam("id") UUID id, @RestQuery String page) {
        int current = page == null || !page.matches("\\d{1,9}") ? 0 : Integer.parseInt(page);
        return session.render(sweep.data("run", views.run(id)).data("ids", views.conversations(id, current, 100)));
    }

    /** Every conversation id of the run as CSV, read 1,000 at a time while it streams. */
    @GET
    @Path("/sweeps/{id}/conversations.csv")
    @Produces("text/csv")
    @RolesAllowed({ "dpo", "auditor", "admin" })
    public Response csv(@PathParam("id") UUID id) {
        views.run(id);
        jakarta.ws.rs.core.StreamingOutput output = stream -> {
            var writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
            writer.write("conversationId\n");
            for (int page = 0; ; page++) {
                var ids = views.conversations(id, page, 1000);
                for (Long conversationId : ids.conversationIds()) {
                    writer.write(conversationId + "\n");
                }
                if ((long) (page + 1) * 1000 >= ids.total()) {
                    break;
                }
            }
            writer.flush();
        };
        return Response.ok(output, "text/csv")
                .header("Content-Disposition", "attachment; filename=\"sweep-" + id + ".csv\"").build();
    }

    private Response render(int status, FormErrors errors, String message, String page) {
        int current = page == null || !page.matches("\\d{1,9}") ? 0 : Integer.parseInt(page);
        return session.render(status, retention.data("policy", policies.current()).data("runs",
                views.list(current, 20)).data("errors", errors).data("message", message));
    }

    private static void number(ObjectNode body, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            body.put(field, new java.math.BigDecimal(value.trim()));
        } catch (NumberFormatException notNumber) {
            body.put(field, value.trim()); // the reader answers "must be a number" for this field
        }
    }
}
