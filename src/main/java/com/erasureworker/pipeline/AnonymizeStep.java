package com.erasureworker.pipeline;

import com.erasureworker.dixa.DixaClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the step of a PENDING or WAITING_FOR_CLOSE target as six phases in a fixed order, each of which ends the step
 * with an outcome or hands over to the next; every Dixa call goes through the step's {@link StepLog}.
 * <ol>
 * <li>hold ({@link HoldCheck}): a legal hold parks the target; an end user's conversations are listed here;</li>
 * <li>recheck ({@link SweepRecheck}, sweep targets only): a conversation reopened since the search ends REOPENED;</li>
 * <li>overlap ({@link Overlaps}): a conversation another live target already asked about follows that request;</li>
 * <li>mark ({@link ErasureMark}): no cancel from here on; the conversation gets the ticket reference attribute;</li>
 * <li>anonymize ({@link AnonymizeCall}): asked at once when nothing is known open; a 409 finds an open conversation;</li>
 * <li>open-conversation policy ({@link OpenConversationPolicy}): wait, or note, close and anonymize.</li>
 * </ol>
 * See docs/anonymize-step.md.
 */
@ApplicationScoped
class AnonymizeStep {

    private final DixaClient dixa;
    private final HoldCheck hold;
    private final SweepRecheck recheck;
    private final Overlaps overlap;
    private final ErasureMark mark;
    private final AnonymizeCall anonymize;
    private final OpenConversationPolicy openConversations;

    AnonymizeStep(DixaClient dixa, HoldCheck hold, SweepRecheck recheck, Overlaps overlap, ErasureMark mark,
            AnonymizeCall anonymize, OpenConversationPolicy openConversations) {
        this.dixa = dixa;
        this.hold = hold;
        this.recheck = recheck;
        this.overlap = overlap;
        this.mark = mark;
        this.anonymize = anonymize;
        this.openConversations = openConversations;
    }

    StepOutcome run(Work work, Lease lease) {
        StepLog log = new StepLog(lease, dixa);
        return hold.parkIfHeld(work, log)
                .then(next -> recheck.eraseOnlyIfStillDue(work, next, log))
                .then(next -> overlap.followEarlierRequest(work, next, log))
                .then(next -> mark.markUnderWay(work, next, log))
                .then(next -> anonymize.anonymizeUnlessOpen(work, next, log))
                .then(next -> openConversations.closeOrWait(work, next, log))
                .outcome();
    }
}
