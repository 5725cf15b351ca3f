package io.github.kpldeagg.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.github.kpldeagg.autoconfigure.DeaggregatingBindings;
import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.emulator.KinesisLocal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.core.MessageProducer;
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
     * Spring Cloud Stream applies a BinderCustomizer only when it is the single or the primary one: a user's own
     * primary one beside the auto-configured primary one leaves it with none to apply, and it says nothing.
     */
    @Test
    void bindingsThatSpringCloudStreamBindsWithoutTheCustomizerAreNamedInAWarning(CapturedOutput output) {
        KinesisRecord aggregate = putAggregate("uncustomized");
        Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
        BinderApplications.bindEachToItsStream(properties, List.of("uncustomized"));

        try (ConfigurableApplicationContext application =
                BinderApplications.run(WithAUsersPrimaryBinderCustomizer.class, properties)) {
            assertThat(application.getBean(Received.class).<byte[]>await("uncustomized", 1))
                    .containsExactly(aggregate.data());
            assertThat(output).contains("KPL deaggregation is not installed on Kinesis bindings [uncustomized-in-0]");
        }
    }

    /**
     * A binder with an environment of its own runs in a context without a parent: the application's beans,
     * its consumer endpoint customizers among them, do not reach it, but the BinderCustomizer does.
     */
    @Test
    void aBinderWithItsOwnEnvironmentDeaggregates() {
        putAggregate("ownEnvironment");
        Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
        BinderApplications.bindEachToItsStream(properties, List.of("ownEnvironment"));
        properties.put("spring.cloud.stream.bindings.ownEnvironment-in-0.binder", "own");
        properties.put("spring.cloud.stream.binders.own.type", "kinesis");
        // What the binder's context needs, which the application's context would otherwise give it.
        properties.put("spring.cloud.stream.binders.own.environment.spring.main.sources", Stream.of(
                AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
                RegionProviderAutoConfiguration.class, InMemoryCheckpoints.class).map(Class::getName)
                .collect(Collectors.joining(",")));

        try (ConfigurableApplicationContext application =
                BinderApplications.run(WithABinderOfItsOwnEnvironment.class, properties)) {
            assertThat(application.getBean(Received.class).<UserRecord>await("ownEnvironment", 2))
                    .extracting(UserRecord::partitionKey).containsExactly("k0", "k1");
            assertThat(application.getBean(AtomicInteger.class).get())
                    .as("runs of the application's consumer endpoint customizer").isZero();
            assertThat(application.getBean(DeaggregatingBindings.class).modes())
                    .isEqualTo(Map.of("ownEnvironment-in-0", DeaggregatingBindings.Mode.DEAGGREGATED));
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

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({InMemoryCheckpoints.class, TestApplicationBeans.class})
    static class WithAUsersPrimaryBinderCustomizer {

        /** Primary as the auto-configured one is, which keeps either from being applied. */
        @Bean
        @Primary
        BinderCustomizer usersOwnBinderCustomizer() {
            return (binder, binderName) -> {
            };
        }

        @Bean
        Consumer<byte[]> uncustomized(Received received) {
            return data -> received.add("uncustomized", data);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestApplicationBeans.class)
    static class WithABinderOfItsOwnEnvironment {

        @Bean
        AtomicInteger customizations() {
            return new AtomicInteger();
        }

        @Bean
        ConsumerEndpointCustomizer<MessageProducer> countingCustomizations(AtomicInteger customizations) {
            return (endpoint, destination, group) -> customizations.incrementAndGet();
        }

        @Bean
        Consumer<UserRecord> ownEnvironment(Received received) {
            return userRecord -> received.add("ownEnvironment", userRecord);
        }
    }
}
