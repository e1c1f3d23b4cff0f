package com.erasureworker.sweep;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.controls.FourEyes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and changes the retention policy; a change is audited and reaches the cron in the same transaction. */
@ApplicationScoped
public class RetentionPolicies {

    private final SweepSchedule schedule;
    private final AuditTrail audit;
    private final Clock clock;
    private final FourEyes fourEyes;

    RetentionPolicies(SweepSchedule schedule, AuditTrail audit, Clock clock, FourEyes fourEyes) {
        this.schedule = schedule;
        this.audit = audit;
        this.clock = clock;
        this.fourEyes = fourEyes;
    }

    @Transactional
    public RetentionPolicyView current() {
        return view(RetentionPolicy.current());
    }

    @Transactional
    public RetentionPolicyView change(PolicyChange change, String actor) {
        RetentionPolicy policy = RetentionPolicy.currentForUpdate();
        Map<String, Object> before = values(policy);
        policy.enabled = change.enabled();
        policy.closedMoreThanDays = change.closedMoreThanDays();
        policy.channels = RetentionPolicy.joinChannels(change.channels());
        policy.cron = change.cron();
        policy.maxConversationsPerRun = change.maxConversationsPerRun();
        policy.sweepRateShare = change.sweepRateShare();
        policy.dryRun = change.dryRun();
        Map<String, Object> after = values(policy);
        if (!after.equals(before)) {
            policy.updatedAt = Instant.now(clock);
            policy.updatedBy = actor;
            audit.record(AuditType.RETENTION_POLICY_CHANGED, actor, null, null, Map.of("old", before, "new", after));
            // "Armed by": whoever changes the policy counts as a submitter of the sweeps it starts (four eyes).
            fourEyes.policyChanged(actor, policy.enabled && !policy.dryRun);
            schedule.apply(policy);
        }
        return view(policy);
    }

    private RetentionPolicyView view(RetentionPolicy policy) {
        return new RetentionPolicyView(policy.enabled, policy.closedMoreThanDays, policy.channelList(), policy.cron,
                policy.maxConversationsPerRun, policy.sweepRateShare, policy.dryRun,
                policy.enabled ? schedule.nextRun().orElse(null) : null, policy.updatedAt, policy.updatedBy);
    }

    private static Map<String, Object> values(RetentionPolicy policy) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("enabled", policy.enabled);
        values.put("closedMoreThanDays", policy.closedMoreThanDays);
        values.put("channels", policy.channelList());
        values.put("cron", policy.cron);
        values.put("maxConversationsPerRun", policy.maxConversationsPerRun);
        values.put("sweepRateShare", policy.sweepRateShare);
        values.put("dryRun", policy.dryRun);
        return values;
    }
}
