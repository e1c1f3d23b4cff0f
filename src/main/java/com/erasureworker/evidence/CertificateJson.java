package com.erasureworker.evidence;

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
import java.sql.Timestamp;
import java.util.UUID;

/**
 * Writes a certificate as JSON with a Jackson {@link JsonGenerator}, straight to the response: the fields the issuer
 * read come from the {@link Certificate} it built, and the two lists that grow with a ticket (the policy decisions
 * and the per-conversation evidence) are streamed from database cursors, so memory stays flat whatever the ticket's
 * size. The shape is the {@link Certificate} record's, field for field.
 */
@ApplicationScoped
public class CertificateJson {

    private static final int FETCH_SIZE = 500;
    private static final String DECISIONS = "select sequence, occurred_at, type, target_id, detail::text "
            + "from audit_event where request_id = ? and type in ('CONVERSATION_OPEN', 'NOTE_POSTED', "
            + "'CONVERSATION_FORCE_CLOSED') order by sequence";
    private static final String EVIDENCE = "select c.conversation_id, c.outcome, c.reason, a.type, a.activity_at, "
            + "a.entry_id from evidence_conversation c left join evidence_activity a on a.request_id = c.request_id "
            + "and a.conversation_id = c.conversation_id where c.request_id = ? "
            + "order by c.conversation_id, a.activity_at, a.id";

    private final ObjectMapper mapper;
    private final AgroalDataSource dataSource;

    CertificateJson(ObjectMapper mapper, AgroalDataSource dataSource) {
        this.mapper = mapper;
        this.dataSource = dataSource;
    }

    /** The response body of {@code c}, issued with streamed lists ({@link CertificateIssuer#issue}). */
    public jakarta.ws.rs.core.StreamingOutput body(Certificate c) {
        return output -> write(c, output);
    }

    /** Writes {@code c} (built without its two long lists) with those lists read from the database. */
    void write(Certificate c, OutputStream output) throws IOException {
        try (JsonGenerator json = mapper.getFactory().createGenerator(output); Connection connection =
                dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // the driver uses a cursor only outside autocommit
            try {
                json.writeStartObject();
                json.writePOJOField("issuedAt", c.issuedAt());
                json.writeStringField("issuedBy", c.issuedBy());
                json.writePOJOField("ticketId", c.ticketId());
                json.writeStringField("ticketRef", c.ticketRef());
                json.writeStringField("source", c.source());
                json.writeStringField("requestedBy", c.requestedBy());
                json.writePOJOField("receivedAt", c.receivedAt());
                json.writePOJOField("dueAt", c.dueAt());
                json.writePOJOField("completedAt", c.completedAt());
                json.writeBooleanField("deadlineKept", c.deadlineKept());
                json.writeStringField("outcome", c.outcome());
                json.writeStringField("closePolicy", c.closePolicy());
                json.writePOJOField("subject", c.subject());
                json.writePOJOField("erased", c.erased());
                json.writePOJOField("entities", c.entities());
                json.writeArrayFieldStart("policyDecisions");
                decisions(connection, c.ticketId(), json);
                json.writeEndArray();
                json.writeObjectFieldStart("evidence");
                json.writePOJOField("capturedAt", c.evidence().capturedAt());
                json.writeStringField("policy", c.evidence().policy());
                json.writeArrayFieldStart("conversations");
                evidence(connection, c.ticketId(), json);
                json.writeEndArray();
                json.writeEndObject();
                json.writePOJOField("lastTicketEvent", c.lastTicketEvent());
                json.writePOJOField("chainHeadAtIssuance", c.chainHeadAtIssuance());
                json.writePOJOField("checkpoint", c.checkpoint());
                json.writeEndObject();
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the certificate could not be read", e);
        }
    }

    private void decisions(Connection connection, UUID ticketId, JsonGenerator json) throws SQLException,
            IOException {
        try (PreparedStatement select = cursor(connection, DECISIONS, ticketId); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                json.writeStartObject();
                json.writeNumberField("sequence", row.getLong(1));
                json.writePOJOField("occurredAt", instant(row.getTimestamp(2)));
                json.writeStringField("type", row.getString(3));
                json.writePOJOField("targetId", row.getObject(4));
                json.writeFieldName("detail");
                json.writeRawValue(row.getString(5));
                json.writeEndObject();
            }
        }
    }

    /** One object per conversation, its activity entries nested: the rows come ordered by conversation. */
    private void evidence(Connection connection, UUID ticketId, JsonGenerator json) throws SQLException,
            IOException {
        try (PreparedStatement select = cursor(connection, EVIDENCE, ticketId); ResultSet row = select.executeQuery()) {
            Long open = null;
            while (row.next()) {
                long conversation = row.getLong(1);
                if (open == null || open != conversation) {
                    if (open != null) {
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                    open = conversation;
                    json.writeStartObject();
                    json.writeNumberField("conversationId", conversation);
                    json.writeStringField("outcome", row.getString(2));
                    json.writeStringField("reason", row.getString(3));
                    json.writeArrayFieldStart("activity");
                }
                if (row.getString(4) != null) {
                    json.writePOJO(new Certificate.Activity(row.getString(4), instant(row.getTimestamp(5)),
                            (UUID) row.getObject(6)));
                }
            }
            if (open != null) {
                json.writeEndArray();
                json.writeEndObject();
            }
        }
    }

    private static PreparedStatement cursor(Connection connection, String sql, UUID ticketId) throws SQLException {
        PreparedStatement select = connection.prepareStatement(sql);
        select.setFetchSize(FETCH_SIZE);
        select.setObject(1, ticketId);
        return select;
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
