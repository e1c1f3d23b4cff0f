package com.erasureworker.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Row counts of the tables a submission writes, to show that a refused submission wrote nothing. */
record DatabaseRows(long requests, long targets, long auditEvents) {

    static DatabaseRows count(DataSource dataSource) {
        return new DatabaseRows(count(dataSource, "erasure_request"), count(dataSource, "erasure_target"),
                count(dataSource, "audit_event"));
    }

    static long count(DataSource dataSource, String table) {
        return Long.parseLong(query(dataSource, "select count(*) from " + table).get(0));
    }

    /** Every row of the statement, each as one tab-separated string. */
    static List<String> query(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= columns; c++) {
                        row.append(c > 1 ? "\t" : "").append(result.getString(c));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every text, varchar, char and JSON column of the public schema (as {@code table.column}) holding any of the
     * needles, compared case-insensitively: the proof that personal data did not land in the database.
     */
    static List<String> textColumnsContaining(DataSource dataSource, String... needles) {
        List<String> hits = new ArrayList<>();
        for (String column : query(dataSource, "select table_name, column_name from information_schema.columns "
                + "where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'jsonb', 'json')")) {
            String[] parts = column.split("\t");
            for (String needle : needles) {
                String sql = "select count(*) from \"" + parts[0] + "\" where lower(\"" + parts[1] + "\"::text) like ?";
                if (!"0".equals(query(dataSource, sql, "%" + needle.toLowerCase() + "%").get(0))) {
                    hits.add(parts[0] + "." + parts[1]);
                    break;
                }
            }
        }
        return hits;
    }

    static void update(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
