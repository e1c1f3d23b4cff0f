package com.erasureworker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.audit.OwnerConnection;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Production refuses to start when the application's role owns the audit tables; the runtime role passes. */
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
}
