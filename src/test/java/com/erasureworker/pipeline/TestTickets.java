package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditEvent;
import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.Source;
import com.erasureworker.erasure.SubjectType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Test fixture: stores tickets the way the intake does, reads them back, and moves a target's own schedule to make
 * time pass for it (a recheck or grace period that is due, a request that has waited for days). Times come from the
 * application's clock, so a ticket created after a test moved the clock is stamped in the same time as the pipeline's.
 */
@ApplicationScoped
public class TestTickets {

    private final Clock clock;

    TestTickets(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public UUID create(ClosePolicy policy, Function<UUID, List<ErasureTarget>> targets) {
        return create(Source.DPO, policy, targets);
    }

    @Transactional
    public UUID create(Source source, ClosePolicy policy, Function<UUID, List<ErasureTarget>> targets) {
        ErasureRequest request = new ErasureRequest();
        request.id = UUID.randomUUID();
        request.ticketRef = "T-" + request.id;
        request.source = source;
        request.state = RequestState.IN_PROGRESS;
        request.subjectType = SubjectType.CONVERSATIONS;
        request.contentHash = "test";
        request.closePolicy = policy;
        request.requestedBy = "dpo";
        request.receivedAt = Instant.now(clock);
        request.dueAt = request.receivedAt.plus(Duration.ofDays(30));
        request.persist();
        targets.apply(request.id).forEach(target -> target.persist());
        return request.id;
    }

    @Transactional
    public ErasureRequest request(UUID id) {
        return ErasureRequest.findById(id);
    }

    @Transactional
    public List<ErasureTarget> targets(UUID requestId) {
        return ErasureTarget.list("requestId = ?1 order by createdAt, id", requestId);
    }

    @Transactional
    public List<AuditEvent> history(UUID requestId) {
        return AuditEvent.ofRequest(requestId);
    }

    @Transactional
    public void change(UUID requestId, Consumer<ErasureTarget> change) {
        ErasureTarget.<ErasureTarget>list("requestId", requestId).forEach(change);
    }

    /** Lets every target of the ticket be looked at again now, as if its recheck time had come. */
    public void dueNow(UUID requestId) {
        change(requestId, target -> target.nextAttemptAt = Instant.now(clock).minusMillis(1));
    }
}
