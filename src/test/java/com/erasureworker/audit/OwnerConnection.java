package com.erasureworker.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A connection as the schema owner role (erasure_owner), which the application never uses: what someone holding the
 * migration credentials could do. The embedded test database trusts local connections, so no password is needed.
 */
public final class OwnerConnection {

    public static final String OWNER = "erasure_owner";

    private OwnerConnection() {
    }

    public static Connection open() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, OWNER, "not-checked-by-the-embedded-database");
    }

    /** Runs the statements as the owner on one connection. */
    public static void execute(String... sql) throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
