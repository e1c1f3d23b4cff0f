package com.erasureworker.ops;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Stops a production start that has no database configured, first and with a message an operator can act on.
 * The packaged application contains no embedded database (it comes only with the build profile {@code local}), so
 * without this guard the start would still fail, but buried in the scheduler's stack trace.
 */
@ApplicationScoped
public class ProductionDatabaseGuard {

    private static final Logger LOG = Logger.getLogger(ProductionDatabaseGuard.class);

    static final String MESSAGE = "No database configured. Set QUARKUS_DATASOURCE_JDBC_URL "
            + "(e.g. jdbc:postgresql://db.internal:5432/erasure), QUARKUS_DATASOURCE_USERNAME and "
            + "QUARKUS_DATASOURCE_PASSWORD. The production profile never falls back to an embedded or throw-away database.";

    /** Priority -1: before Quartz, which starts its JDBC job store at priority 0 (PLATFORM_BEFORE). */
    void refuseToStartWithoutDatabase(@Observes @Priority(-1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Optional<String> url = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class);
        if (url.isEmpty() || url.get().isBlank()) {
            LOG.error(MESSAGE);
            throw new IllegalStateException(MESSAGE);
        }
    }
}
