package com.erasureworker.evidence;

import com.erasureworker.audit.AuditSigningKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Writes a certificate as signed JSON, straight to the response: the fields the issuer read come from the
 * {@link Certificate} it built, and the two lists that grow with a ticket (the policy decisions and the
 * per-conversation evidence) are streamed from database cursors, so memory stays flat whatever the ticket's size.
 * The certificate is written in its RFC 8785 canonical form (members sorted, each value canonicalized), and those
 * bytes are hashed as they go out; the {@link CertificateSignature} over that hash closes the object as its last
 * member. The shape is the {@link Certificate} record's, field for field, plus {@code signature}.
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
    private final AuditSigningKey key;

    CertificateJson(ObjectMapper mapper, AgroalDataSource dataSource, AuditSigningKey key) {
        this.mapper = mapper;
        this.dataSource = dataSource;
        this.key = key;
    }

    /** The response body of {@code c}, issued with streamed lists ({@link CertificateIssuer#issue}). */
    public jakarta.ws.rs.core.StreamingOutput body(Certificate c) {
        return output -> write(c, output);
    }

    private interface Member {
        void write(OutputStream out) throws IOException, SQLException;
    }

    /** Writes {@code c} (built without its two long lists) with those lists read from the database, then signs it. */
    void write(Certificate c, OutputStream output) throws IOException {
        OutputStream body = new BufferedOutputStream(output, 64 * 1024);
        MessageDigest sha256 = sha256();
        OutputStream signed = new DigestOutputStream(body, sha256);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // the driver uses a cursor only outside autocommit
            try {
                Map<String, Member> members = new TreeMap<>(); // RFC 8785: names in UTF-16 order, which ASCII's is
                members.put("issuedAt", out -> value(out, c.issuedAt()));
                members.put("issuedBy", out -> value(out, c.issuedBy()));
                members.put("ticketId", out -> value(out, c.ticketId()));
                members.put("ticketRef", out -> value(out, c.ticketRef()));
                members.put("source", out -> value(out, c.source()));
                members.put("requestedBy", out -> value(out, c.requestedBy()));
                members.put("receivedAt", out -> value(out, c.receivedAt()));
                members.put("dueAt", out -> value(out, c.dueAt()));
                members.put("completedAt", out -> value(out, c.completedAt()));
                members.put("deadlineKept", out -> value(out, c.deadlineKept()));
                members.put("outcome", out -> value(out, c.outcome()));
                members.put("closePolicy", out -> value(out, c.closePolicy()));
                members.put("subject", out -> value(out, c.subject()));
                members.put("erased", out -> value(out, c.erased()));
                members.put("entities", out -> value(out, c.entities()));
                members.put("policyDecisions", out -> decisions(connection, c.ticketId(), out));
                members.put("evidence", out -> {
                    ascii(out, "{\"capturedAt\":");
                    value(out, c.evidence().capturedAt());
                    ascii(out, ",\"conversations\":");
                    evidence(connection, c.ticketId(), out);
                    ascii(out, ",\"policy\":");
                    value(out, c.evidence().policy());
                    ascii(out, "}");
                });
                members.put("lastTicketEvent", out -> value(out, c.lastTicketEvent()));
                members.put("chainHeadAtIssuance", out -> value(out, c.chainHeadAtIssuance()));
                members.put("checkpoint", out -> value(out, c.checkpoint()));
                String separator = "{";
                for (Map.Entry<String, Member> member : members.entrySet()) {
                    ascii(signed, separator + "\"" + member.getKey() + "\":");
                    member.getValue().write(signed);
                    separator = ",";
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the certificate could not be read", e);
        }
        // The canonical form ends with '}'; the signature member is written after it, outside what it signs.
        sha256.update((byte) '}');
        CertificateSignature signature = CertificateSignature.sign(HexFormat.of().formatHex(sha256.digest()), key);
        ascii(body, ",\"" + CertificateSignature.MEMBER + "\":");
        value(body, signature);
        ascii(body, "}");
        body.flush();
    }

    private void decisions(Connection connection, UUID ticketId, OutputStream out) throws SQLException, IOException {
        String separator = "[";
        try (PreparedStatement select = cursor(connection, DECISIONS, ticketId); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                Map<String, Object> decision = new LinkedHashMap<>();
                decision.put("sequence", row.getLong(1));
                decision.put("occurredAt", instant(row.getTimestamp(2)));
                decision.put("type", row.getString(3));
                decision.put("targetId", row.getObject(4));
                decision.put("detail", mapper.readTree(row.getString(5)));
                ascii(out, separator);
                value(out, decision);
                separator = ",";
            }
        }
        ascii(out, separator.equals("[") ? "[]" : "]");
    }

    /** One object per conversation, its activity entries nested: the rows come ordered by conversation. */
    private void evidence(Connection connection, UUID ticketId, OutputStream out) throws SQLException, IOException {
        String separator = "[";
        try (PreparedStatement select = cursor(connection, EVIDENCE, ticketId); ResultSet row = select.executeQuery()) {
            Map<String, Object> open = null;
            List<Certificate.Activity> activity = null;
            while (row.next()) {
                long conversation = row.getLong(1);
                if (open == null || (long) open.get("conversationId") != conversation) {
                    if (open != null) {
                        ascii(out, separator);
                        value(out, open);
                        separator = ",";
                    }
                    activity = new ArrayList<>();
                    open = new LinkedHashMap<>();
                    open.put("conversationId", conversation);
                    open.put("outcome", row.getString(2));
                    open.put("reason", row.getString(3));
                    open.put("activity", activity);
                }
                if (row.getString(4) != null) {
                    activity.add(new Certificate.Activity(row.getString(4), instant(row.getTimestamp(5)),
                            (UUID) row.getObject(6)));
                }
            }
            if (open != null) {
                ascii(out, separator);
                value(out, open);
                separator = ",";
            }
        }
        ascii(out, separator.equals("[") ? "[]" : "]");
    }

    /** The RFC 8785 form of one value: the library canonicalizes objects only, so the value is wrapped and unwrapped. */
    private void value(OutputStream out, Object value) throws IOException {
        String wrapped = new JsonCanonicalizer("{\"v\":" + mapper.writeValueAsString(value) + "}").getEncodedString();
        out.write(wrapped.substring(5, wrapped.length() - 1).getBytes(StandardCharsets.UTF_8));
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
