package com.erasureworker.ops;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Stops a production start in which the application's database role owns the audit tables: an owner can disable their
 * triggers and rewrite the trail, so the role the application holds must be a runtime role that only appends.
 */
@ApplicationScoped
public class DatabaseRolesGuard {

    private static final Logger LOG = Logger.getLogger(DatabaseRolesGuard.class);
    static final String OWNED = "select tablename from pg_tables where schemaname = current_schema() "
            + "and tablename in ('audit_event', 'audit_chain_head', 'audit_checkpoint') "
            + "and tableowner = current_user order by tablename";

    private final AgroalDataSource dataSource;

    DatabaseRolesGuard(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** After the database guard (-1), before the scheduler (0). */
    void refuseAnOwningRuntimeRole(@Observes @Priority(-1) StartupEvent event) throws SQLException {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            refusal(connection).ifPresent(message -> {
                LOG.error(message);
                throw new IllegalStateException(message);
            });
        }
    }

    /** The refusal message when the connection's role owns any audit table. */
    static java.util.Optional<String> refusal(Connection connection) throws SQLException {
        List<String> owned = new ArrayList<>();
        String role;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(OWNED)) {
                while (rows.next()) {
                    owned.add(rows.getString(1));
                }
            }
            try (ResultSet row = statement.executeQuery("select current_user")) {
                row.next();
                role = row.getString(1);
            }
        }
        if (owned.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("The application's database role " + role + " owns the audit tables " + owned
                + ", so it could rewrite the audit trail. Run migrations as an owner role (QUARKUS_FLYWAY_USERNAME / "
                + "QUARKUS_FLYWAY_PASSWORD) and the application as a separate runtime role "
                + "(QUARKUS_DATASOURCE_USERNAME / QUARKUS_DATASOURCE_PASSWORD); README, \"Database roles\", has the "
                + "one-time SQL, including REASSIGN OWNED for an existing database.");
    }
}
