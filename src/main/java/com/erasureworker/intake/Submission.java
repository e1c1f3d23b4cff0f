package com.erasureworker.intake;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.subject.Subject;
import java.time.Instant;

/**
 * A DPO's erasure request after reading and validation.
 *
 * @param closePolicy with the default applied
 * @param reason      as typed (scrubbed only when stored), null when not given
 * @param dueAt       null when not given (the default deadline is applied when the ticket is recorded)
 */
record Submission(String ticketRef, Subject subject, ClosePolicy closePolicy, String reason, Instant dueAt) {
}
