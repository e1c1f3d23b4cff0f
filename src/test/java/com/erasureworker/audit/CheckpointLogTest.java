package com.erasureworker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last signed checkpoint survives a restart and is shared between replicas through the append-only file. */
class CheckpointLogTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void aNewInstanceAndAnotherReplicaReadTheLastCheckpointFromTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checkpoints.jsonl");
        CheckpointLog replicaA = new CheckpointLog(file, JSON);
        CheckpointLog replicaB = new CheckpointLog(file, JSON);
        AuditCheckpoint first = AuditCheckpoint.linked(5, "a".repeat(64), Instant.parse("2026-12-07T20:00:00.123456Z"),
                "key", "sig1", null);
        AuditCheckpoint second = AuditCheckpoint.linked(9, "b".repeat(64), Instant.parse("2026-12-07T20:01:00Z"),
                "key", "sig2", first);
        replicaA.append(first);
        replicaA.append(second);

        assertThat(replicaB.last()).contains(second);
        assertThat(new CheckpointLog(file, JSON).last()).contains(second);
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(new CheckpointLog((Path) null, JSON).last()).isEmpty();
    }
}
