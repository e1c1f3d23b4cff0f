package com.erasureworker.evidence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The certificate's annex: every erased entity of a ticket with its Dixa request id and {@code processedAt} (a sweep's
 * conversations left alone as REOPENED were not erased and are not listed; the sweep run lists them), as CSV
 * streamed from a server-side cursor, so a 100,000-target ticket never sits in memory. The same bytes are produced
 * every time (fixed order, fixed formatting), which is what lets the PDF print the annex's SHA-256 and bind it.
 */
@ApplicationScoped
public class CertificateEntities {

    public static final String MEDIA_TYPE = "text/csv";
    static final String[] HEADER = { "type", "dixaId", "dixaRequestId", "initiatedAt", "processedAt", "verification",
        "verifiedAt" };
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER).get();
    private static final int FETCH_SIZE = 1000;

    /** processedAt as the certificate states it: the target's own, or the recorded observation of its request. */
    private static final String SELECT = "select t.type, t.dixa_id, t.dixa_request_id, t.initiated_at, "
            + "coalesce(t.processed_at, (select o.processed_at from anonymization_observation o where o.target_id = t.id "
            + "and o.dixa_request_id = t.dixa_request_id and o.processed_at is not null order by o.id desc limit 1)), "
            + "t.verification, t.verified_at from erasure_target t where t.request_id = ? and t.state <> 'REOPENED' "
            + "order by t.created_at, t.id";

    private final AgroalDataSource dataSource;

    CertificateEntities(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the annex to {@code output}; answers the number of entities. */
    public long write(UUID requestId, OutputStream output) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // the driver uses a cursor only outside autocommit
            try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                select.setFetchSize(FETCH_SIZE);
                select.setObject(1, requestId);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        printer.printRecord(row.getString(1), row.getString(2), row.getString(3), instant(row, 4),
                                instant(row, 5), row.getString(6), instant(row, 7));
                        rows++;
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the certificate's entities could not be read", e);
        }
        printer.flush();
        return rows;
    }

    /** SHA-256 of the annex, hex: computed by writing it to a digest, in constant memory. */
    public String sha256(UUID requestId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestOutputStream output = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                write(requestId, output);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static String instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? "" : value.toInstant().toString();
    }
}
