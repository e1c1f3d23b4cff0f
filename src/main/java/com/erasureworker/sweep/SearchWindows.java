package com.erasureworker.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a sweep cuts ClosedDate into time windows so that no search pages deeper than {@code SWEEP_SEARCH_DEPTH}: Dixa's
 * search answers no count, so a window is sized from the density of the one before (aiming at half the depth), a
 * window found too deep is split in two, and an empty one lets the next grow. Pure arithmetic; the run's columns keep
 * the window ({@link SweepLifecycle}).
 */
final class SearchWindows {

    /** Where a walk of the whole history starts: before any Dixa conversation was closed. */
    static final Instant HISTORY_START = Instant.parse("2000-01-01T00:00:00Z");
    /** A first walk of the whole history starts with a window this long, then sizes by density. */
    static final Duration FIRST_WINDOW = Duration.ofDays(90);
    /** An empty window lets the next one be at most this many times longer. */
    private static final int MAX_GROWTH = 4;
    /** Windows are never split below this: ClosedDate has millisecond precision at Dixa. */
    private static final Duration SMALLEST = Duration.ofSeconds(1);

    /** Where enumeration stands: the window, the key of its next page, the depth reached, and the room left. */
    record Cursor(Instant from, Instant to, String pageKey, int hits, int pageSize, int room) {
    }

    private SearchWindows() {
    }

    /**
     * The first window's end. An incremental run (from the watermark) searches up to the cutoff at once: it expects
     * only the closes since the last run, and splits if there are more; a walk of the whole history starts small.
     */
    static Instant firstTo(Instant from, Instant cutoff, boolean incremental) {
        if (incremental || !from.plus(FIRST_WINDOW).isBefore(cutoff)) {
            return max(from, cutoff);
        }
        return from.plus(FIRST_WINDOW);
    }

    /**
     * The end of the window after {@code [from, to]}, which held {@code hits}: as long as this one times half the
     * depth over its hits (at most {@link #MAX_GROWTH} times longer), and never past the cutoff.
     */
    static Instant nextTo(Instant from, Instant to, int hits, int depth, Instant cutoff) {
        long millis = Math.max(Duration.between(from, to).toMillis(), SMALLEST.toMillis());
        double growth = hits == 0 ? MAX_GROWTH : Math.min(MAX_GROWTH, (depth / 2.0) / hits);
        long next = (long) Math.max(SMALLEST.toMillis(), Math.min((double) Long.MAX_VALUE / 4, millis * growth));
        Instant end = to.plusMillis(next);
        return end.isAfter(cutoff) ? cutoff : end;
    }

    /** The middle of the window, as the end of its first half; empty when it is too short to split. */
    static Optional<Instant> half(Instant from, Instant to) {
        Duration length = Duration.between(from, to);
        if (length.compareTo(SMALLEST.multipliedBy(2)) < 0) {
            return Optional.empty();
        }
        return Optional.of(from.plus(length.dividedBy(2)));
    }

    /** Whether asking for the next page would go deeper than the search allows. */
    static boolean tooDeep(int hits, int pageSize, int depth) {
        return hits + pageSize > depth;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
