package io.github.kpldeagg.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kpldeagg.autoconfigure.KplDeaggregationProperties;
import io.github.kpldeagg.autoconfigure.binder.DeaggregatingBinderCustomizer;
import io.github.kpldeagg.autoconfigure.binder.DeaggregatingBindings;
import io.github.kpldeagg.autoconfigure.binder.DeaggregationListeners;
import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.emulator.KinesisLocal;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.metadata.SimpleMetadataStore;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;
import software.amazon.awssdk.core.SdkBytes;

/** Applications that set Spring Cloud Stream up beyond its defaults, each against kinesis-local. */
@ExtendWith(OutputCaptureExtension.class)
class BinderSetupsIT {

    private static KinesisLocal kinesis;

    @BeforeAll
    static void startKinesis() {
        kinesis = KinesisLocal.start();
    }

    @AfterAll
    static void stopKinesis() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    /**
     * Spring Cloud Stream applies a BinderCustomizer only when it is the single or the primary one: with two
     * that are neither, it applies none, and says nothing.
     */
    @Test
    void bindingsThatSpringCloudStreamBindsWithoutTheCustomizerAreNamedInAWarning(CapturedOutput output) {
        KinesisRecord aggregate = putAggregate("uncustomized");
        Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
        BinderApplications.bindEachToItsStream(properties, List.of("uncustomized"));

        try (ConfigurableApplicationContext application =
                BinderApplications.run(WithTwoBinderCustomizersNeitherPrimary.class, properties)) {
            assertThat(application.getBean(Received.class).<byte[]>await("uncustomized", 1))
                    .containsExactly(aggregate.data());
            assertThat(output).contains("KPL deaggregation is not installed on Kinesis bindings [uncustomized-in-0]");
        }
    }

    private static KinesisRecord putAggregate(String stream) {
        kinesis.createStream(stream, 1);
        Aggregator aggregator = Aggregator.create();
        aggregator.add("k0", null, "zero".getBytes(StandardCharsets.UTF_8));
        aggregator.add("k1", null, "one".getBytes(StandardCharsets.UTF_8));
        KinesisRecord aggregate = aggregator.flush().orElseThrow();
        kinesis.client().putRecord(request -> request.streamName(stream).partitionKey(aggregate.partitionKey())
                .data(SdkBytes.fromByteArray(aggregate.data())));
        return aggregate;
    }

    /** Checkpoints and locks in memory, in place of DynamoDB. */
    @Configuration(proxyBeanMethods = false)
    static class InMemoryCheckpoints {

        @Bean
        ConcurrentMetadataStore checkpointStore() {
            return new SimpleMetadataStore();
        }

        @Bean
        LockRegistry lockRegistry() {
            return new DefaultLockRegistry();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(InMemoryCheckpoints.class)
    static class WithTwoBinderCustomizersNeitherPrimary {

        /** Replaces the auto-configured one, which is primary. */
        @Bean
        DeaggregatingBinderCustomizer deaggregatingBinderCustomizer(KplDeaggregationProperties properties,
                DeaggregatingBindings bindings, ObjectProvider<BinderCustomizer> binderCustomizers) {
            return new DeaggregatingBinderCustomizer(properties, DeaggregationListeners.NONE, bindings,
                    binderCustomizers);
        }

        @Bean
        BinderCustomizer usersOwnBinderCustomizer() {
            return (binder, binderName) -> {
            };
        }

        @Bean
        Received received() {
            return new Received();
        }

        @Bean
        ObservationRegistry observationRegistry() {
            return ObservationRegistry.create();
        }

        @Bean
        Consumer<byte[]> uncustomized(Received received) {
            return data -> received.add("uncustomized", data);
        }
    }
}
