package com.erasureworker.ops;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness fails when the audit chain's head cannot be written within two seconds (read-only database, revoked
 * privilege, a lock held elsewhere): a worker that cannot record what it does must not take work.
 */
@Readiness
@ApplicationScoped
public class AuditChainWritableCheck implements HealthCheck {

    private final AgroalDataSource dataSource;

    AuditChainWritableCheck(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local lock_timeout = '2s'");
                int rows = statement.executeUpdate("update audit_chain_head set updated_at = updated_at where id = 1");
                return HealthCheckResponse.named("Audit chain head writable").status(rows == 1).build();
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            return HealthCheckResponse.named("Audit chain head writable").down()
                    .withData("error", e.getSQLState() == null ? "database error" : "SQLSTATE " + e.getSQLState()).build();
        }
    }
}
