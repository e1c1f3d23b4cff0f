package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Switches between the answers Dixa might give where its specification is silent (README, open questions), so tests cover
 * every branch the worker supports. The defaults are the simulator's usual choices; {@link DixaSimulator#reset()}
 * restores them.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class SimulatorModes {

    /** §9.1: what a repeated anonymize of an anonymized (or queued) entity answers. */
    public enum RepeatedAnonymize { ACCEPT, CONFLICT, NOT_FOUND }

    /** §9.3/§9.7: what reading an anonymized conversation answers. */
    public enum AnonymizedRead { READABLE, NOT_FOUND }

    /** §9.14: what an end-user lookup that matches nobody answers. */
    public enum NoMatchLookup { EMPTY_LIST, NOT_FOUND }

    private volatile RepeatedAnonymize repeatedAnonymize = RepeatedAnonymize.ACCEPT;
    private volatile AnonymizedRead anonymizedRead = AnonymizedRead.READABLE;
    private volatile NoMatchLookup noMatchLookup = NoMatchLookup.EMPTY_LIST;
    private volatile boolean importPartialErrors;
    private volatile boolean importRequiresType;
    private volatile boolean refuseImport;
    private volatile boolean systemActivityAuthors;
    private volatile boolean refuseAnonymizationStatus;
    private volatile boolean duplicateLookupIsBadRequest;
    private volatile boolean scrubNotes;
    private volatile Set<String> unknownVersions = Set.of();
    private volatile boolean tokenRevoked;
    private volatile boolean closeOfClosedIsBadRequest;
    private volatile boolean requestRecordsExpired;
    private volatile boolean closedDateIsFirstClose;
    private volatile boolean messageStatusNotFound;
    private volatile java.time.Duration endUserCascadeLag = java.time.Duration.ZERO;
    /** 0: the search pages by cursor without a limit; otherwise offset paging refused beyond this many hits. */
    private volatile int searchDepthCap;
    private volatile int searchMaxPageSize;

    public SimulatorModes repeatedAnonymize(RepeatedAnonymize mode) {
        this.repeatedAnonymize = mode;
        return this;
    }

    public SimulatorModes anonymizedRead(AnonymizedRead mode) {
        this.anonymizedRead = mode;
        return this;
    }

    public SimulatorModes noMatchLookup(NoMatchLookup mode) {
        this.noMatchLookup = mode;
        return this;
    }

    /**
     * The conversation import answers 201 with {@code partialErrors}: the conversation is created, but its messages
     * are not imported (each named in a partial error), as Dixa's beta example allows.
     */
    public SimulatorModes importPartialErrors(boolean on) {
        this.importPartialErrors = on;
        return this;
    }

    /** The conversation import refuses a body without the top-level {@code _type} GenericConversationImport (400). */
    public SimulatorModes importRequiresType(boolean on) {
        this.importRequiresType = on;
        return this;
    }

    /** The tenant may not use the beta conversation import: it answers 403 (an erasure never needs it). */
    public SimulatorModes refuseImport(boolean on) {
        this.refuseImport = on;
        return this;
    }

    /** Activity-log entries of Dixa's own doing (redactions, force-closes) carry a non-uuid author id. */
    public SimulatorModes systemActivityAuthors(boolean on) {
        this.systemActivityAuthors = on;
        return this;
    }

    /** The token may not read anonymization status: {@code GET /anonymization/request/{id}} answers 401. */
    public SimulatorModes refuseAnonymizationStatus(boolean on) {
        this.refuseAnonymizationStatus = on;
        return this;
    }

    /** A lookup by e-mail or phone that matches several end users answers 400 "Duplicate ..." (§4). */
    public SimulatorModes duplicateLookupIsBadRequest(boolean on) {
        this.duplicateLookupIsBadRequest = on;
        return this;
    }

    /** Anonymizing a conversation also scrubs its internal notes (and their activity-log quotes), §9.5. */
    public SimulatorModes scrubNotes(boolean on) {
        this.scrubNotes = on;
        return this;
    }

    /** Versions that do not exist at this base URL: every route under them answers 404 (a wrong version or proxy). */
    public SimulatorModes unknownVersions(String... versions) {
        this.unknownVersions = Set.of(versions);
        return this;
    }

    /** The worker's token was revoked (an admin rotated it, say): every call answers 401 until switched back. */
    public SimulatorModes tokenRevoked(boolean on) {
        this.tokenRevoked = on;
        return this;
    }

    boolean tokenRevoked() {
        return tokenRevoked;
    }

    /** Closing a conversation that is already closed answers 400 instead of 204 (the spec lists no 409 there). */
    public SimulatorModes closeOfClosedIsBadRequest(boolean on) {
        this.closeOfClosedIsBadRequest = on;
        return this;
    }

    boolean closeOfClosedIsBadRequest() {
        return closeOfClosedIsBadRequest;
    }

    /** Dixa no longer keeps its request records (or never shows message requests): every status read answers 404. */
    public SimulatorModes requestRecordsExpired(boolean on) {
        this.requestRecordsExpired = on;
        return this;
    }

    boolean requestRecordsExpired() {
        return requestRecordsExpired;
    }

    /** §9.9: the search's ClosedDate is the first close, kept through a reopen, instead of the latest close. */
    public SimulatorModes closedDateIsFirstClose(boolean on) {
        this.closedDateIsFirstClose = on;
        return this;
    }

    boolean closedDateIsFirstClose() {
        return closedDateIsFirstClose;
    }

    /**
     * §9.9/§9.10: the filtered search pages by offset, as a search index does: a {@code pageLimit} above
     * {@code maxPageSize}, or a page reaching beyond {@code depthCap} hits of one query, answers 400.
     */
    public SimulatorModes offsetSearch(int depthCap, int maxPageSize) {
        this.searchDepthCap = depthCap;
        this.searchMaxPageSize = maxPageSize;
        return this;
    }

    int searchDepthCap() {
        return searchDepthCap;
    }

    int searchMaxPageSize() {
        return searchMaxPageSize;
    }

    /**
     * An end user's request is processed (processedAt, the user scrubbed) {@code lag} before its conversations are
     * anonymized, as an asynchronous cascade at Dixa might do.
     */
    public SimulatorModes endUserCascadeLag(java.time.Duration lag) {
        this.endUserCascadeLag = lag;
        return this;
    }

    java.time.Duration endUserCascadeLag() {
        return endUserCascadeLag;
    }

    /** §9: the status of a message request is not shown: its status read answers 404 (the request is processed). */
    public SimulatorModes messageStatusNotFound(boolean on) {
        this.messageStatusNotFound = on;
        return this;
    }

    boolean messageStatusNotFound() {
        return messageStatusNotFound;
    }

    void clear() {
        repeatedAnonymize = RepeatedAnonymize.ACCEPT;
        anonymizedRead = AnonymizedRead.READABLE;
        noMatchLookup = NoMatchLookup.EMPTY_LIST;
        importPartialErrors = false;
        importRequiresType = false;
        refuseImport = false;
        systemActivityAuthors = false;
        refuseAnonymizationStatus = false;
        duplicateLookupIsBadRequest = false;
        scrubNotes = false;
        unknownVersions = Set.of();
        tokenRevoked = false;
        closeOfClosedIsBadRequest = false;
        requestRecordsExpired = false;
        closedDateIsFirstClose = false;
        messageStatusNotFound = false;
        endUserCascadeLag = java.time.Duration.ZERO;
        searchDepthCap = 0;
        searchMaxPageSize = 0;
    }

    boolean repeatIsConflict() {
        return repeatedAnonymize == RepeatedAnonymize.CONFLICT;
    }

    /** An anonymize of an entity that is already anonymized answers 404, as if it no longer existed. */
    boolean repeatIsNotFound() {
        return repeatedAnonymize == RepeatedAnonymize.NOT_FOUND;
    }

    boolean importPartialErrors() {
        return importPartialErrors;
    }

    boolean importRequiresType() {
        return importRequiresType;
    }

    boolean refuseImport() {
        return refuseImport;
    }

    boolean anonymizedIsNotFound() {
        return anonymizedRead == AnonymizedRead.NOT_FOUND;
    }

    boolean noMatchIsNotFound() {
        return noMatchLookup == NoMatchLookup.NOT_FOUND;
    }

    boolean systemActivityAuthors() {
        return systemActivityAuthors;
    }

    boolean refuseAnonymizationStatus() {
        return refuseAnonymizationStatus;
    }

    boolean duplicateLookupIsBadRequest() {
        return duplicateLookupIsBadRequest;
    }

    boolean scrubNotes() {
        return scrubNotes;
    }

    boolean unknownVersion(String version) {
        return unknownVersions.contains(version);
    }
}
