package com.erasureworker.intake;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.controls.EndUserResolution;
import io.quarkus.narayana.jta.QuarkusTransaction;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.DixaPagination;
import com.erasureworker.dixa.EndUserContact;
import com.erasureworker.privacy.KeyedHash;
import com.erasureworker.subject.Subject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** A legal hold's e-mail or phone resolved by intake's own {@link SubjectResolver}: one way to find end users. */
@ApplicationScoped
class HoldSubjects implements EndUserResolution {

    private final SubjectResolver resolver;
    private final AuditTrail audit;
    private final DixaClient dixa;
    private final KeyedHash hash;

    HoldSubjects(SubjectResolver resolver, AuditTrail audit, DixaClient dixa, KeyedHash hash) {
        this.resolver = resolver;
        this.audit = audit;
        this.dixa = dixa;
        this.hash = hash;
    }

    /** The exchanges are audited (DIXA_CALL) whatever the hold then comes to. */
    @Override
    public List<UUID> endUsers(Subject emailOrPhone) {
        SubjectResolver.Resolution resolution = resolver.resolve(emailOrPhone);
        QuarkusTransaction.requiringNew().run(() -> audit.recordCalls(resolution.calls(), null, null));
        return resolution.endUserIds();
    }

    /** Hashed the way a subject's e-mail or phone is (same normalisation), so the hashes compare. */
    @Override
    public Map<String, Set<UUID>> endUsersByKeyedHash(Set<String> keyedHashes) {
        Map<String, Set<UUID>> found = new HashMap<>();
        DixaOutcome<Long> scanned = DixaPagination.forEachPage(dixa::listEndUsers, users -> {
            for (EndUserContact user : users) {
                user.emails().forEach(email -> match(new Subject.Email(email.trim()), user, keyedHashes, found));
                user.phoneNumbers().forEach(phone -> match(new Subject.Phone(phone.trim()), user, keyedHashes, found));
            }
        });
        QuarkusTransaction.requiringNew().run(() -> audit.recordCalls(scanned.calls(), null, null));
        if (!scanned.isOk()) {
            throw new IllegalStateException("Dixa's end users could not be listed: " + scanned.kind());
        }
        return found;
    }

    private void match(Subject address, EndUserContact user, Set<String> keyedHashes, Map<String, Set<UUID>> found) {
        String keyed = address.keyedHash(hash);
        if (keyedHashes.contains(keyed)) {
            found.computeIfAbsent(keyed, key -> new LinkedHashSet<>()).add(user.id());
        }
    }
}
