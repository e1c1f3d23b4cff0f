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
    /**
     * Where enumeration started: the policy's watermark minus the overlap (an incremental run), or the start of
     * history (a first run, or the channels changed). Null until enumeration starts.
     */
    public Instant sweptFrom;
    /** The ClosedDate window being searched ({@code [windowFrom, windowTo]}); null until enumeration starts. */
    public Instant windowFrom;
    public Instant windowTo;
    /** Hits read in the current window so far (the depth the next page would reach). */
    public int windowHits;
    /** Conversations asked per page; halved on a 400 for a window's first page. */
    public Integer pageSize;
    /** Search calls answered for this run (pages saved, windows split, page sizes refused). */
    public int searchCalls;
    /** Every conversation closed up to here (and after {@code sweptFrom}) has been enumerated. */
    public Instant enumeratedUntil;
    /** The next search page of the current window to fetch; null before its first page. */
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
