package com.erasureworker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sweep- ticket-reference prefix belongs to the worker: nobody can pre-register a sweep run's ticket. */
@QuarkusTest
class ReservedTicketRefTest {

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"sweep-2026-12-01-1a2b3c4d", "SWEEP-anything"})
    void aDpoTicketRefStartingWithSweepIsRefusedWith422AndWritesNothing(String ticketRef) {
        DatabaseRows before = DatabaseRows.count(dataSource);

        Api.submit(Api.conversations(ticketRef, 42L))
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItem("ticketRef"));

        assertThat(DatabaseRows.count(dataSource)).isEqualTo(before);
    }
}
