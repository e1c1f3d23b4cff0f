package com.erasureworker.sweep;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The company's retention rule for Dixa conversations: one row, edited by admins over the API. */
@Entity
@Table(name = "retention_policy")
public class RetentionPolicy extends PanacheEntityBase {

    static final int ID = 1;

    @Id
    public int id;
    /** Whether the cron starts sweeps; manual triggers work either way. */
    public boolean enabled;
    public int closedMoreThanDays;
    /** Comma-separated lowercase Dixa search channel names; null means every channel. */
    public String channels;
    /** Quartz cron expression, evaluated in UTC. */
    public String cron;
    public int maxConversationsPerRun;
    /** Share of the Dixa rate budget sweeps may use while DPO work waits (0 < share ≤ 1). */
    public double sweepRateShare;
    /** Whether a scheduled run (and a manual trigger without a body) only lists what it would erase. */
    public boolean dryRun;
    /**
     * The watermark: the last cutoff a real run fully enumerated (and enqueued), for the channels in
     * {@link #sweptChannels} ("" for every channel). A run for the same channels searches only from here (minus the
     * overlap); null, or other channels, means a walk of the whole history.
     */
    public Instant sweptUntil;
    public String sweptChannels;
    public Instant updatedAt;
    public String updatedBy;
    @Version
    public long version;

    static RetentionPolicy current() {
        return findById(ID);
    }

    static RetentionPolicy currentForUpdate() {
        return findById(ID, LockModeType.PESSIMISTIC_WRITE);
    }

    List<String> channelList() {
        return splitChannels(channels);
    }

    static List<String> splitChannels(String channels) {
        return channels == null || channels.isBlank() ? List.of() : Arrays.asList(channels.split(","));
    }

    static String joinChannels(List<String> channels) {
        return channels == null || channels.isEmpty() ? null : String.join(",", channels);
    }
}
