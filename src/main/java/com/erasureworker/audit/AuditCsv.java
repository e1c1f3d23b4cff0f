package com.erasureworker.audit;

import com.erasureworker.privacy.KeyedHash;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.logging.Logger;

/**
 * Audit events as CSV (RFC 4180 quoting by commons-csv; {@code detail} as its JSON text), streamed row by row from a
 * database cursor to the client. Every export is itself audited as EXPORTED, with the filter and the row count, once
 * the stream has ended (also when the client went away half-way), in a transaction of its own.
 */
@ApplicationScoped
public class AuditCsv {

    public static final String MEDIA_TYPE = "text/csv";
    static final String[] HEADER = { "sequence", "occurredAt", "actor", "requestId", "ticketRef", "targetId", "type",
        "detail", "hash" };
    /** RFC 4180 with a header line; CRLF line ends as the RFC asks, so spreadsheets and parsers agree. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER).get();

    private static final Logger LOG = Logger.getLogger(AuditCsv.class);

    private final AuditEventReader reader;
    private final AuditTrail trail;
    private final KeyedHash fingerprint;

    AuditCsv(AuditEventReader reader, AuditTrail trail, KeyedHash fingerprint) {
        this.reader = reader;
        this.trail = trail;
        this.fingerprint = fingerprint;
    }

    /**
     * OWASP CSV injection: a text cell that begins with {@code = + - @}, tab or carriage return would be read as a
     * formula by a spreadsheet; it gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
     */
    static Object[] neutralised(Object[] columns) {
        Object[] safe = columns.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
                safe[i] = "'" + text;
            }
        }
        return safe;
    }

    /** Filter values typed by a person (ticketRef, actor) enter the chain as keyed hashes only. */
    private Map<String, Object> keyedFilter(Map<String, Object> filter) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        filter.forEach((name, value) -> {
            if (name.equals("ticketRef") || name.equals("actor")) {
                keyed.put(name + "Hash", fingerprint.keyedHash(String.valueOf(value)));
            } else {
                keyed.put(name, value);
            }
        });
        return keyed;
    }

    /**
     * The 200 answer that streams the selection. {@code scope} names what was exported (for the EXPORTED event);
     * {@code requestId} links that event to a ticket when a ticket's history was exported.
     */
    public Response export(AuditEventQuery query, String scope, String actor, UUID requestId, String fileName) {
        StreamingOutput body = output -> write(query, scope, actor, requestId, output);
        return Response.ok(body, MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + ".csv\"")
                .build();
    }

    private void write(AuditEventQuery query, String scope, String actor, UUID requestId, java.io.OutputStream output)
            throws IOException {
        long[] rows = { 0 };
        boolean complete = false;
        try {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            CSVPrinter printer = new CSVPrinter(writer, FORMAT);
            reader.stream(query, columns -> {
                printer.printRecord(neutralised(columns));
                rows[0]++;
            });
            printer.flush();
            complete = true;
        } finally {
            recordExport(query, scope, actor, requestId, rows[0], complete);
        }
    }

    private void recordExport(AuditEventQuery query, String scope, String actor, UUID requestId, long rows,
            boolean complete) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("format", "csv");
        detail.put("scope", scope);
        detail.put("filter", keyedFilter(query.describe()));
        detail.put("rows", rows);
        detail.put("complete", complete);
        try {
            QuarkusTransaction.requiringNew().run(() -> trail.record(AuditType.EXPORTED, actor, requestId, null, detail));
        } catch (RuntimeException e) {
            LOG.errorf("the export of %d audit events by %s could not be audited: %s", rows, actor, e.toString());
            throw e;
        }
    }
}
