package com.erasureworker.webhook;

import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of ticket and target events: ids, the DPO's ticket reference, states, dates, the close policy and links.
 * Never the subject (e-mail, phone), the ticket's free-text reason or an error text from Dixa.
 */
@ApplicationScoped
public class TicketEvents {

    private final WebhookConfig config;

    TicketEvents(WebhookConfig config) {
        this.config = config;
    }

    /** ticket.completed / ticket.failed: the certificate link only for a completed ticket. */
    public Map<String, Object> ended(ErasureRequest request, long targets, long failedTargets) {
        Map<String, Object> data = ticket(request);
        data.put("completedAt", text(request.completedAt));
        data.put("targets", targets);
        data.put("failedTargets", failedTargets);
        if (failedTargets == 0) {
            data.put("certificateUrl", link("/api/v1/erasure-requests/" + request.id + "/certificate"));
        }
        return data;
    }

    /** ticket.at_risk / ticket.overdue. */
    public Map<String, Object> deadline(ErasureRequest request) {
        return ticket(request);
    }

    /** target.waiting_for_close: which target, the policy, when the grace period ends and when it is looked at next. */
    public Map<String, Object> waiting(ErasureRequest request, ErasureTarget target) {
        Map<String, Object> data = ticket(request);
        data.put("targetId", target.id.toString());
        data.put("targetType", target.type.name());
        data.put("dixaId", target.dixaId);
        data.put("closePolicy", request.closePolicy == null ? null : request.closePolicy.name());
        data.put("graceUntil", text(target.graceUntil));
        data.put("nextCheckAt", text(target.nextAttemptAt));
        return data;
    }

    private Map<String, Object> ticket(ErasureRequest request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", request.id.toString());
        data.put("ticketRef", request.ticketRef);
        data.put("source", request.source.name());
        data.put("state", request.state.name());
        data.put("outcome", request.outcome);
        data.put("dueAt", text(request.dueAt));
        data.put("ticketUrl", link("/api/v1/erasure-requests/" + request.id));
        return data;
    }

    /** An absolute link when {@code WORKER_PUBLIC_URL} is set, otherwise the path. */
    public String link(String path) {
        return config.publicUrl().map(base -> base.replaceAll("/+$", "") + path).orElse(path);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
