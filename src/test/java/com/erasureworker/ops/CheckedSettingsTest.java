package com.erasureworker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.erasureworker.evidence.EvidenceConfig;
import com.erasureworker.pipeline.WorkerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * Out-of-range settings refuse the start with a message naming the environment variable: the config mappings are
 * validated as Quarkus validates them at start (SmallRye Config with Hibernate Validator), here without the rest of
 * the application.
 */
class CheckedSettingsTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void anEvidenceRateShareAboveOneRefusesTheStartNamingTheVariable() {
        assertThatThrownBy(() -> start(Map.of("evidence.rate-share", "20")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("EVIDENCE_RATE_SHARE");
    }

    @Test
    void noWorkersRefusesTheStartNamingTheVariable() {
        assertThatThrownBy(() -> start(Map.of("worker.concurrency", "0")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("WORKER_CONCURRENCY");
    }

    @Test
    void theDefaultsAndTheBoundsThemselvesAreAccepted() {
        SmallRyeConfig config = start(Map.of("evidence.rate-share", "1", "worker.concurrency", "1"));
        assertThat(config.getConfigMapping(EvidenceConfig.class).rateShare()).isEqualTo(1.0);
        assertThat(config.getConfigMapping(WorkerConfig.class).concurrency()).isEqualTo(1);
    }

    private static SmallRyeConfig start(Map<String, String> settings) {
        BeanValidationConfigValidator validator = () -> VALIDATOR;
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(WorkerConfig.class).withMapping(EvidenceConfig.class)
                .withValidator(validator).withSources(new PropertiesConfigSource(settings, "test", 500)).build();
    }
}
