package com.erasureworker.controls;

import com.erasureworker.subject.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves an e-mail or phone to the Dixa end users that carry it, exactly as intake resolves a ticket's subject
 * (implemented there, {@code intake/HoldSubjects}, so this package does not depend on the Dixa gateway). Dixa is
 * called; no transaction may be open.
 *
 * @throws com.erasureworker.api.ProblemException 503 while Dixa cannot be asked, 422 when Dixa reports duplicates
 */
public interface EndUserResolution {

    List<UUID> endUsers(Subject emailOrPhone);

    /**
     * Every Dixa end user whose e-mail or phone (main or additional) has one of these keyed hashes, by hash: a scan of
     * all end users, each address hashed as it arrives and dropped. Used by the daily re-resolution, where the address
     * itself is no longer known.
     *
     * @throws IllegalStateException when a page could not be read (nothing is then concluded)
     */
    Map<String, Set<UUID>> endUsersByKeyedHash(Set<String> keyedHashes);
}
