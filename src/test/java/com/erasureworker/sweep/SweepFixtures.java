package com.erasureworker.sweep;

import static io.restassured.RestAssured.given;

import com.erasureworker.audit.AuditEvent;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test fixture for sweeps: API calls as the demo users, a clean slate between tests (the database is shared by the
 * whole suite), old closed conversations in the simulator, and direct reads of runs and candidates.
 */
@ApplicationScoped
public class SweepFixtures {

    static final String SWEEPS = "/api/v1/sweeps";
    static final String POLICY = "/api/v1/retention-policy";
    /** A cron that does not fire during a test run: an enabled policy whose only runs are the test's own. */
    static final String NEVER = "0 0 2 1 1 ? 2099";

    private final EntityManager entityManager;

    SweepFixtures(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password").contentType(ContentType.JSON);
    }

    static void putPolicy(Map<String, Object> policy) {
        as("admin").contentType(ContentType.JSON).body(policy).put(POLICY).then().statusCode(200);
    }

    /** Closed {@code daysAgo} days ago; the simulator counts a conversation created Closed as closed then. */
    static List<Long> closedDaysAgo(DixaSimulator simulator, UUID user, int count, int daysAgo, String channel) {
        List<Long> ids = new ArrayList<>();
        Instant at = Instant.now().minus(Duration.ofDays(daysAgo));
        for (int i = 0; i < count; i++) {
            ids.add(simulator.addConversation(user, ConversationState.Closed, channel, at));
        }
        return ids;
    }

    /**
     * {@code count} conversations closed from {@code daysAgo} days ago backwards, a minute apart: spread as real closes
     * are, so a sweep's ClosedDate windows can be split under the search depth.
     */
    static List<Long> closedSpreadFrom(DixaSimulator simulator, UUID user, int count, int daysAgo, String channel) {
        List<Long> ids = new ArrayList<>();
        Instant newest = Instant.now().minus(Duration.ofDays(daysAgo));
        for (int i = 0; i < count; i++) {
            ids.add(simulator.addConversation(user, ConversationState.Closed, channel, newest.minusSeconds(60L * i)));
        }
        return ids;
    }

    /**
     * The simulator starts csids at 1000 after each reset, while the database keeps other tests' tickets: conversations
     * with those ids would count as already erased. The simulator's id counter is moved past them.
     */
    void skipUsedConversationIds(DixaSimulator simulator, UUID user) {
        simulator.skipConversationIdsPast(usedConversationId());
    }

    @Transactional
    long usedConversationId() {
        Number max = (Number) entityManager.createNativeQuery("""
                select greatest(
                  (select coalesce(max(conversation_id), 0) from erasure_target where state not in ('FAILED', 'CANCELLED')),
                  (select coalesce(max(conversation_id), 0) from erasure_target_conversation))""").getSingleResult();
        return max.longValue();
    }

    /** Ends whatever sweeps left behind, so neither the next test nor the pipeline tests meet it. */
    @Transactional
    void cleanUp() {
        entityManager.createNativeQuery("""
                update erasure_target set state = 'CANCELLED', lease_owner = null, lease_until = null
                where request_id in (select id from erasure_request where source = 'SWEEP')
                  and state not in ('DONE', 'FAILED', 'CANCELLED')""").executeUpdate();
        entityManager.createNativeQuery("""
                update erasure_request set state = 'CANCELLED', outcome = 'test clean-up'
                where source = 'SWEEP' and state = 'IN_PROGRESS'""").executeUpdate();
        entityManager.createNativeQuery("""
                update sweep_run set state = 'FAILED', lease_owner = null, lease_until = null
                where state in ('QUEUED', 'ENUMERATING', 'ENQUEUING')""").executeUpdate();
        // The next test's conversations are made anew, closed at times before this test's cutoff: a full walk again.
        entityManager.createNativeQuery("update retention_policy set swept_until = null, swept_channels = null")
                .executeUpdate();
    }

    /** As if a real run for every channel had fully enumerated everything closed up to {@code sweptUntil}. */
    @Transactional
    void watermark(Instant sweptUntil) {
        entityManager.createNativeQuery("update retention_policy set swept_until = ?1, swept_channels = ''")
                .setParameter(1, sweptUntil).executeUpdate();
    }

    @Transactional
    SweepRun run(UUID id) {
        return SweepRun.findById(id);
    }

    /** Lets an interrupted run be picked up now instead of after its backoff. */
    @Transactional
    void dueNow(UUID runId) {
        SweepRun run = SweepRun.findById(runId);
        run.nextAttemptAt = Instant.now().minusMillis(1);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Integer> priorities(UUID ticketId) {
        return entityManager.createNativeQuery("select distinct priority from erasure_target where request_id = :id")
                .setParameter("id", ticketId).getResultList().stream().map(p -> ((Number) p).intValue()).toList();
    }

    /** As if another replica held the run's lease until now + {@code leaseLeft} (negative: it has expired). */
    @Transactional
    void takeOverBy(UUID runId, String owner, Duration leaseLeft) {
        SweepRun run = SweepRun.findById(runId);
        run.leaseOwner = owner;
        run.leaseUntil = Instant.now().plus(leaseLeft);
        run.nextAttemptAt = Instant.now().minusMillis(1);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Long> candidates(UUID runId) {
        return entityManager.createNativeQuery(
                "select conversation_id from sweep_candidate where sweep_id = :id order by conversation_id")
                .setParameter("id", runId).getResultList().stream().map(id -> ((Number) id).longValue()).toList();
    }

    @Transactional
    List<AuditEvent> events(String type) {
        return AuditEvent.list("type = ?1 order by sequence", type);
    }
}
