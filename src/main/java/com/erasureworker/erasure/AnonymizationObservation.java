package com.erasureworker.erasure;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A distinct AnonymizationRequestStatus the worker saw from Dixa (from the 202 or a status read). Identical
 * repeated observations only bump {@code timesObserved} and {@code lastObservedAt}.
 */
@Entity
@Table(name = "anonymization_observation")
public class AnonymizationObservation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID targetId;
    public UUID dixaRequestId;
    public String entityType;
    public String targetEntityId;
    public UUID requestedBy;
    public Instant initiatedAt;
    public Instant processedAt;
    public Instant firstObservedAt;
    public Instant lastObservedAt;
    public int timesObserved;
}
