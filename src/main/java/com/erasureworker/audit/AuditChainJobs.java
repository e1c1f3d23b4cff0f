package com.erasureworker.audit;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Logs the chain head at start and every day, so a copy of it lives outside the database (in the log archive): an
 * edit of the chain that also rewrote every later hash still disagrees with a head logged before it.
 */
@ApplicationScoped
class AuditChainJobs {

    private static final Logger LOG = Logger.getLogger(AuditChainJobs.class);

    void atStart(@Observes StartupEvent event) {
        logHead();
    }

    @Scheduled(identity = "audit-chain-head-log", cron = "${AUDIT_HEAD_LOG_CRON:0 0 0 * * ?}")
    @Transactional
    void logHead() {
        AuditChainHead head = AuditChainHead.findById(AuditChainHead.ID);
        if (head != null) {
            LOG.infof("audit chain head: sequence %d hash %s", head.lastSequence, head.lastHash);
        }
    }
}
