package com.erasureworker.controls;

import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who counts as the submitter of a ticket for four-eyes approval: its requester (a person id, see
 * {@code signin/People}) and, for a retention sweep's ticket, every person who armed the policy: the one who last
 * changed it to allow real runs, and everyone who changed it since the last approved sweep. A sweep started by the
 * cron is otherwise "submitted" by nobody, and the admin who armed the policy could approve the mass erasure alone.
 */
@ApplicationScoped
public class FourEyes {

    private final EntityManager entityManager;
    private final Clock clock;

    FourEyes(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Records a change of the retention policy; called in the transaction of the change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void policyChanged(String person, boolean allowsRealRuns) {
        entityManager.createNativeQuery("insert into retention_policy_change (changed_by, changed_at, allows_real_runs) "
                + "values (?1, ?2, ?3)").setParameter(1, person).setParameter(2, Instant.now(clock))
                .setParameter(3, allowsRealRuns).executeUpdate();
    }

    /** Whether this person counts as a submitter of the ticket and so may neither approve nor reject it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isSubmitter(ErasureRequest request, String person) {
        return submitters(request).contains(person);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> submitters(ErasureRequest request) {
        Set<String> people = new LinkedHashSet<>();
        people.add(request.requestedBy);
        if (request.source == Source.SWEEP) {
            people.addAll(armedBy());
        }
        return people;
    }

    /** The last person who changed the policy to allow real runs, and everyone who changed it since the last approval. */
    @SuppressWarnings("unchecked")
    Set<String> armedBy() {
        Set<String> people = new LinkedHashSet<>();
        List<String> armer = entityManager.createNativeQuery("select changed_by from retention_policy_change "
                + "where allows_real_runs order by changed_at desc, id desc limit 1").getResultList();
        people.addAll(armer);
        people.addAll(entityManager.createNativeQuery("select distinct changed_by from retention_policy_change "
                + "where changed_at > coalesce((select max(decided_at) from erasure_request where source = 'SWEEP' "
                + "and decided_by is not null and state <> 'REJECTED'), '-infinity'::timestamptz)").getResultList());
        return people;
    }
}
