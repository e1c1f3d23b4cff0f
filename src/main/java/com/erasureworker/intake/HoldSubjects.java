package com.erasureworker.intake;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.controls.EndUserResolution;
import io.quarkus.narayana.jta.QuarkusTransaction;
import com.erasureworker.subject.Subject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** A legal hold's e-mail or phone resolved by intake's own {@link SubjectResolver}: one way to find end users. */
@ApplicationScoped
class HoldSubjects implements EndUserResolution {

    private final SubjectResolver resolver;
    private final AuditTrail audit;

    HoldSubjects(SubjectResolver resolver, AuditTrail audit) {
        this.resolver = resolver;
        this.audit = audit;
    }

    /** The exchanges are audited (DIXA_CALL) whatever the hold then comes to. */
    @Override
    public List<UUID> endUsers(Subject emailOrPhone) {
        SubjectResolver.Resolution resolution = resolver.resolve(emailOrPhone);
        QuarkusTransaction.requiringNew().run(() -> audit.recordCalls(resolution.calls(), null, null));
        return resolution.endUserIds();
    }
}
