package com.erasureworker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.audit.OwnerConnection;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Production refuses to start when the application's role owns the audit tables or can act as their owner; the
 * runtime role passes.
 */
@QuarkusTest
class DatabaseRolesGuardTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRuntimeRoleThatOwnsTheAuditTablesIsRefusedNamingBothVariables() throws Exception {
        try (Connection owner = OwnerConnection.open()) {
            assertThat(DatabaseRolesGuard.refusal(owner)).get().asString()
                    .contains("erasure_owner owns the audit tables [audit_chain_head, audit_checkpoint, audit_event]")
                    .contains("QUARKUS_FLYWAY_USERNAME").contains("QUARKUS_DATASOURCE_USERNAME");
        }
    }

    @Test
    void theRuntimeRoleOfTheTestsOwnsNothingAndPasses() throws Exception {
        try (Connection runtime = dataSource.getConnection()) {
            assertThat(DatabaseRolesGuard.refusal(runtime)).isEmpty();
        }
    }

    @Test
    void aSuperuserAMemberOfTheOwnerRoleAndATriggerHolderAreRefused() throws Exception {
        try (Connection superuser = as("postgres")) {
            assertThat(DatabaseRolesGuard.refusal(superuser)).get().asString().contains("is a superuser");
            try (Statement statement = superuser.createStatement()) {
                statement.execute("DO $b$ BEGIN "
                        + "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'guard_member') THEN "
                        + "CREATE ROLE guard_member LOGIN; END IF; "
                        + "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'guard_trigger') THEN "
                        + "CREATE ROLE guard_trigger LOGIN; END IF; END $b$");
                statement.execute("GRANT erasure_owner TO guard_member");
                statement.execute("GRANT USAGE ON SCHEMA public TO guard_trigger");
                statement.execute("GRANT SELECT, TRIGGER ON erasure_request TO guard_trigger");
            }
        }
        try (Connection member = as("guard_member")) {
            assertThat(DatabaseRolesGuard.refusal(member)).get().asString()
                    .contains("guard_member").contains("is a member of the owner role erasure_owner")
                    .contains("owns the schema public");
        }
        try (Connection trigger = as("guard_trigger")) {
            assertThat(DatabaseRolesGuard.refusal(trigger)).get().asString()
                    .contains("guard_trigger").contains("holds TRIGGER on erasure_request");
        }
    }

    private static Connection as(String role) throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, role, "postgres");
    }
}
