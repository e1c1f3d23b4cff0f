package com.erasureworker.sweep;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One retention sweep: the policy it was started with, how far enumeration and enqueueing got (so a crashed run
 * resumes where it stopped), its counts, its ticket once it has one, and the lease of the replica working it.
 */
@Entity
@Table(name = "sweep_run")
public class SweepRun extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public SweepState state;
    public boolean dryRun;
    public String triggeredBy;
    public Instant requestedAt;
    public Instant startedAt;
    public Instant enumeratedAt;
    public Instant finishedAt;
    /** Conversations closed at or before this instant are erased. */
    public Instant cutoff;
    public int closedMoreThanDays;
    public String channels;
    public int maxConversations;
    /** The next search page to fetch; null before the first page. */
    public String pageKey;
    public int pages;
    /** Every hit stored for this run, skipped ones included. */
    public int found;
    public int skipped;
    /** Of the skipped, those a legal hold names (listed with the hold, {@code sweep_candidate.hold_id}). */
    public int held;
    /** The run stopped enumerating at {@code maxConversations}; the next run carries on. */
    public boolean limitReached;
    /** The last conversation id written as a target. */
    public Long enqueueCursor;
    public int enqueued;
    public UUID ticketId;
    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public String leaseOwner;
    public Instant leaseUntil;
    @Version
    public long version;

    /** Conversations this run erases (or, dry, would erase). */
    int toErase() {
        return found - skipped;
    }
}
