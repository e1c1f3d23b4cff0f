package com.erasureworker.ops;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness fails when the audit trail cannot be written: a read-only or standby database, or a revoked privilege to
 * append events or move the head. A worker that cannot record what it does must not take work. It asks the database
 * about privileges and takes no lock: readiness is unauthenticated, and a check that locked the chain head would let
 * anyone stall every writer by calling it.
 */
@Readiness
@ApplicationScoped
public class AuditChainWritableCheck implements HealthCheck {

    static final String NAME = "Audit trail writable";
    private static final String QUERY = "select has_function_privilege('audit_append_event(bigint, timestamptz, "
            + "varchar, uuid, uuid, varchar, jsonb, varchar, varchar, smallint)', 'EXECUTE') "
            + "and not pg_is_in_recovery() and current_setting('transaction_read_only') = 'off'";

    private final AgroalDataSource dataSource;

    AuditChainWritableCheck(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(QUERY)) {
            row.next();
            return HealthCheckResponse.named(NAME).status(row.getBoolean(1)).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("error", e.getSQLState() == null ? "database error" : "SQLSTATE " + e.getSQLState()).build();
        }
    }
}
