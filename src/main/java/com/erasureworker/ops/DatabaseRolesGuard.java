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
 * Stops a production start in which the application's database role owns the audit tables or can act as their owner
 * (superuser, member of the owner role, schema owner, {@code TRIGGER} holder): an owner can disable their triggers and
 * rewrite the trail, so the role the application holds must be a runtime role that only appends.
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

    /** What the role may do beyond a runtime role's share, each as a reason; checked by PostgreSQL itself. */
    static final String POWERS = """
            select 'is a superuser' from pg_roles where rolname = current_user and rolsuper
            union all
            select 'owns the schema ' || n.nspname from pg_namespace n
             where n.nspname = current_schema() and pg_has_role(current_user, n.nspowner, 'MEMBER')
            union all
            select distinct 'is a member of the owner role ' || t.tableowner from pg_tables t
             where t.schemaname = current_schema() and t.tableowner <> current_user
               and t.tablename in ('audit_event', 'audit_chain_head', 'audit_checkpoint')
               and pg_has_role(current_user, t.tableowner, 'MEMBER')
            union all
            select 'holds TRIGGER on ' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = current_schema() and c.relkind in ('r', 'p')
               and has_table_privilege(current_user, c.oid, 'TRIGGER')
               and not pg_has_role(current_user, c.relowner, 'MEMBER')
            """;

    /**
     * The refusal message when the connection's role owns any audit table, or could act as an owner: a superuser, a
     * member of the owner role, the schema's owner, or a holder of {@code TRIGGER} (which can add triggers that
     * rewrite rows).
     */
    static java.util.Optional<String> refusal(Connection connection) throws SQLException {
        List<String> owned = new ArrayList<>();
        List<String> powers = new ArrayList<>();
        String role;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(OWNED)) {
                while (rows.next()) {
                    owned.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery(POWERS)) {
                while (rows.next()) {
                    powers.add(rows.getString(1));
                }
            }
            try (ResultSet row = statement.executeQuery("select current_user")) {
                row.next();
                role = row.getString(1);
            }
        }
        if (owned.isEmpty() && powers.isEmpty()) {
            return java.util.Optional.empty();
        }
        String what = owned.isEmpty() ? "" : " owns the audit tables " + owned;
        if (!powers.isEmpty()) {
            what += (what.isEmpty() ? " " : " and ") + String.join(", ", powers);
        }
        return java.util.Optional.of("The application's database role " + role + what
                + ", so it could rewrite the audit trail. Run migrations as an owner role (QUARKUS_FLYWAY_USERNAME / "
                + "QUARKUS_FLYWAY_PASSWORD) and the application as a separate runtime role "
                + "(QUARKUS_DATASOURCE_USERNAME / QUARKUS_DATASOURCE_PASSWORD) that is no superuser, not a member of "
                + "the owner role, and holds no TRIGGER privilege; README, \"Database roles\", has the one-time SQL, "
                + "including REASSIGN OWNED for an existing database.");
    }
}
