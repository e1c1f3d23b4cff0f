package com.erasureworker.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The last checkpoint this service signed, kept where the database's owner cannot reach it: in memory, and in an
 * append-only file of JSON lines ({@code AUDIT_CHECKPOINT_LOG}, a path on a volume every replica mounts) that is read
 * again at start and before every signature, so a replica also sees what the others signed. The signer refuses to sign
 * a head that does not descend from it ({@link AuditCheckpoints}), and {@code /verify} reports a chain that lost it.
 */
@ApplicationScoped
public class CheckpointLog {

    private static final Logger LOG = Logger.getLogger(CheckpointLog.class);
    /** A line is far below this; reading only the file's tail keeps start-up quick with years of checkpoints. */
    private static final int TAIL = 64 * 1024;

    private final Optional<Path> file;
    private final ObjectMapper mapper;
    private volatile AuditCheckpoint last;

    @Inject
    CheckpointLog(@ConfigProperty(name = "audit.checkpoint-log") Optional<String> path, ObjectMapper mapper) {
        this(path.filter(p -> !p.isBlank()).map(Path::of).orElse(null), mapper);
    }

    /** {@code file} null: memory only. */
    CheckpointLog(Path file, ObjectMapper mapper) {
        this.file = Optional.ofNullable(file);
        this.mapper = mapper;
        if (file == null) {
            LOG.warn("AUDIT_CHECKPOINT_LOG is not set: the last signed checkpoint is kept in memory only, so a rewind "
                    + "of the audit trail made while the service is stopped is found only by copies kept elsewhere");
        }
        this.last = readLast().orElse(null);
    }

    /** The newest checkpoint signed by this service (or by any replica sharing the file). */
    public synchronized Optional<AuditCheckpoint> last() {
        readLast().ifPresent(this::remember);
        return Optional.ofNullable(last);
    }

    /** Records a checkpoint once its transaction committed: memory first, then one appended line. */
    public synchronized void append(AuditCheckpoint checkpoint) {
        remember(checkpoint);
        if (file.isPresent()) {
            try {
                Files.writeString(file.get(), mapper.writeValueAsString(checkpoint) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC);
            } catch (IOException e) {
                throw new UncheckedIOException("the checkpoint log " + file.get() + " could not be written", e);
            }
        }
    }

    private void remember(AuditCheckpoint checkpoint) {
        if (last == null || checkpoint.sequence() >= last.sequence()) {
            last = checkpoint;
        }
    }

    private Optional<AuditCheckpoint> readLast() {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return Optional.empty();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.get().toFile(), "r")) {
            long start = Math.max(0, in.length() - TAIL);
            byte[] tail = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank() && lines[i].startsWith("{") && lines[i].endsWith("}")) {
                    return Optional.of(mapper.readValue(lines[i], AuditCheckpoint.class));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the checkpoint log " + file.get() + " could not be read", e);
        }
    }
}
