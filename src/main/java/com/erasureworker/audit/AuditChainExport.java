package com.erasureworker.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Streams what an auditor needs to check the chain offline, as JSON lines (one object per line, sequence order,
 * through a cursor so memory stays flat): every hashed field of each event with its {@code previousHash}, {@code hash}
 * and {@code hashForm}, or every signed checkpoint with its signed statement. docs/verifying-proof.md describes both.
 */
@ApplicationScoped
public class AuditChainExport {

    public static final String MEDIA_TYPE = "application/jsonl";
    static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String EVENTS = "select sequence, occurred_at, actor, request_id, target_id, type, "
            + "detail::text, previous_hash, hash, hash_form from audit_event where sequence between ? and ? "
            + "order by sequence";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    AuditChainExport(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Events {@code from}..{@code to} (inclusive), one JSON object a line. */
    public void events(long from, long to, OutputStream output) throws IOException {
        stream(EVENTS, from, to, output, (row, json) -> {
            json.writeStartObject();
            json.writeNumberField("sequence", row.getLong(1));
            json.writeStringField("occurredAt", MICROS.format(row.getObject(2, OffsetDateTime.class)));
            json.writeStringField("actor", row.getString(3));
            json.writeStringField("requestId", row.getString(4));
            json.writeStringField("targetId", row.getString(5));
            json.writeStringField("type", row.getString(6));
            json.writeFieldName("detail");
            json.writeRawValue(row.getString(7));
            json.writeStringField("previousHash", row.getString(8));
            json.writeStringField("hash", row.getString(9));
            json.writeNumberField("hashForm", row.getShort(10));
            json.writeEndObject();
        });
    }

    /** Checkpoints with sequence {@code from}..{@code to} (inclusive), one JSON object a line. */
    public void checkpoints(long from, long to, OutputStream output) throws IOException {
        stream("select " + AuditCheckpoints.COLUMNS + " from audit_checkpoint where sequence between ? and ? "
                + "order by sequence", from, to, output,
                (row, json) -> json.writeObject(AuditCheckpoints.checkpoint(row)));
    }

    private interface Line {
        void write(ResultSet row, JsonGenerator json) throws SQLException, IOException;
    }

    private void stream(String sql, long from, long to, OutputStream output, Line line) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // the driver uses a cursor only outside autocommit
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setFetchSize(AuditEventReader.FETCH_SIZE);
                select.setLong(1, from);
                select.setLong(2, to);
                try (ResultSet row = select.executeQuery(); JsonGenerator json = mapper.getFactory()
                        .createGenerator(output).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                        .setRootValueSeparator(null)) {
                    while (row.next()) {
                        line.write(row, json);
                        json.writeRaw('\n');
                    }
                }
            } finally {
                connection.rollback(); // read only
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit chain could not be read", e);
        }
    }
}
