package com.erasureworker.sweep;

import com.erasureworker.dixa.DixaRateGovernor;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Tells the rate governor the sweeps' share (from the retention policy) and whether DPO work is due on any replica
 * (a DPO target that a worker could claim now), looked up together in one cheap query at most once per
 * {@code sweep.fairness-refresh}. Between look-ups every caller gets the last answer without waiting.
 */
@ApplicationScoped
class SweepFairness implements DixaRateGovernor.SweepShare {

    private static final Logger LOG = Logger.getLogger(SweepFairness.class);
    private static final String LOOK = """
            select p.sweep_rate_share,
                   exists (select 1 from erasure_target t join erasure_request r on r.id = t.request_id
                           where t.priority = 0 and t.state in ('PENDING', 'WAITING_FOR_CLOSE', 'VERIFYING')
                             and t.next_attempt_at <= ? and r.state = 'IN_PROGRESS')
            from retention_policy p where p.id = 1
            """;

    private final AgroalDataSource dataSource;
    private final SweepConfig config;
    private final Clock clock;
    private volatile Look last = new Look(PolicyChange.DEFAULT_SHARE, false, Instant.EPOCH);

    SweepFairness(AgroalDataSource dataSource, SweepConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    private record Look(double share, boolean dpoWaiting, Instant at) {
    }

    @Override
    public double share() {
        return fresh().share();
    }

    @Override
    public boolean dpoWorkWaiting() {
        return fresh().dpoWaiting();
    }

    private Look fresh() {
        Look look = last;
        Instant now = Instant.now(clock);
        // A look stamped after now is not fresh: the clock went back (NTP, or a test resetting its clock).
        if (!now.isBefore(look.at()) && now.isBefore(look.at().plus(config.fairnessRefresh()))) {
            return look;
        }
        synchronized (this) {
            if (last != look) {
                return last;
            }
            last = lookNow(now, look);
            return last;
        }
    }

    private Look lookNow(Instant now, Look previous) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(LOOK)) {
            statement.setTimestamp(1, Timestamp.from(now));
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    return new Look(row.getDouble(1), row.getBoolean(2), now);
                }
            }
        } catch (SQLException e) {
            // Keep the last answer, but assume DPO work waits: when in doubt, sweeps are the ones to hold back.
            LOG.warnf("sweep fairness look-up failed (%s); holding sweeps to their share", e.getSQLState());
        }
        return new Look(previous.share(), true, now);
    }
}
