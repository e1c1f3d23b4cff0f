package com.erasureworker.evidence;

import com.erasureworker.dixa.DixaRateGovernor;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells the rate governor the evidence reads' share ({@code EVIDENCE_RATE_SHARE}) and whether erasure work is due on
 * any replica (a target a worker could claim now), looked up at most once a second (index erasure_target_due_idx).
 * While erasures wait, evidence gets its share and no more; certificates keep coming and erasure gets the rest.
 */
@ApplicationScoped
class EvidenceRateShare implements DixaRateGovernor.EvidenceShare {

    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final String LOOK = "select exists (select 1 from erasure_target where state in ('PENDING', "
            + "'WAITING_FOR_CLOSE', 'VERIFYING') and next_attempt_at <= ?)";

    private final AgroalDataSource dataSource;
    private final EvidenceConfig config;
    private final Clock clock;
    private volatile Look last = new Look(false, Instant.EPOCH);

    EvidenceRateShare(AgroalDataSource dataSource, EvidenceConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    private record Look(boolean waiting, Instant at) {
    }

    @Override
    public double share() {
        return Math.max(0.01, Math.min(1.0, config.rateShare()));
    }

    @Override
    public boolean erasureWorkWaiting() {
        Look look = last;
        Instant now = Instant.now(clock);
        // A look stamped after now is not fresh: the clock went back (NTP, or a test resetting its clock).
        if (!now.isBefore(look.at()) && now.isBefore(look.at().plus(REFRESH))) {
            return look.waiting();
        }
        synchronized (this) {
            if (last == look) {
                last = new Look(lookNow(now), now);
            }
            return last.waiting();
        }
    }

    private boolean lookNow(Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(LOOK)) {
            statement.setTimestamp(1, Timestamp.from(now));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("erasure backlog unreadable: " + e.getSQLState(), e);
        }
    }
}
