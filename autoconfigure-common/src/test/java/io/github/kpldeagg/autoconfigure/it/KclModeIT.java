package io.github.kpldeagg.autoconfigure.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.kpldeagg.autoconfigure.BinderHeaderNames;
import io.github.kpldeagg.autoconfigure.BinderLineObjects;
import io.github.kpldeagg.autoconfigure.BindingModes;
import io.github.kpldeagg.autoconfigure.TestedBinderLine;
import io.github.kpldeagg.autoconfigure.it.KplVectors.Expected;
import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.emulator.Dynalite;
import io.github.kpldeagg.emulator.KinesisLocal;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binder's KCL mode against kinesis-local and dynalite: KCL deaggregates, the starter
 * adds the same headers, and a user's consumer endpoint customizer still applies.
 */
@TestedBinderLine.Required
class KclModeIT {

	private static final String STREAM = "kcl";

	@Test
	void kclUserRecordsGetTheKplHeadersAndConvertToUserRecords() {
		try (KinesisLocal kinesis = KinesisLocal.start(); Dynalite dynamoDb = Dynalite.start()) {
			kinesis.createStream(STREAM, 1);
			List<Expected> expected = KplVectors.put(kinesis.client(), STREAM, "1.1.1");
			Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
			BinderApplications.bindEachToItsStream(properties, List.of(STREAM));
			// KCL names its lease table after the group: DynamoDB wants
			// at least 3 characters.
			properties.put("spring.cloud.stream.bindings.kcl-in-0.group", "kcl-it");
			TestedBinderLine.createKclLeaseTable(dynamoDb.client(), "kcl-it");
			properties.put("spring.cloud.aws.dynamodb.endpoint", dynamoDb.endpoint().toString());
			properties.put("spring.cloud.stream.kinesis.binder.kpl-kcl-enabled", true);
			properties.put("spring.cloud.stream.kinesis.bindings.kcl-in-0.consumer.metrics-level", "NONE");
			properties.put("spring.cloud.stream.kinesis.bindings.kcl-in-0.consumer.fan-out", false);
			properties.put("spring.cloud.stream.kinesis.bindings.kcl-in-0.consumer.polling-idle-time", 200);

			try (ConfigurableApplicationContext application = BinderApplications.run(KclApplication.class,
					properties)) {
				List<Message<UserRecord>> messages = application.getBean(Received.class).await(STREAM, expected.size());

				assertThat(messages).hasSize(expected.size());
				for (int i = 0; i < expected.size(); i++) {
					Expected userRecord = expected.get(i);
					Message<UserRecord> message = messages.get(i);
					assertThat(message.getPayload().bytes()).isEqualTo(userRecord.data());
					assertThat(message.getPayload().partitionKey()).isEqualTo(userRecord.partitionKey());
					assertThat(message.getPayload().explicitHashKey().orElse(null))
						.isEqualTo(userRecord.explicitHashKey());
					assertThat(message.getHeaders()).containsEntry(KplHeaders.PARTITION_KEY, userRecord.partitionKey())
						.containsEntry(BinderHeaderNames.RECEIVED_PARTITION_KEY, userRecord.partitionKey())
						.containsEntry(KplHeaders.SEQUENCE_NUMBER, userRecord.sequenceNumber())
						.containsEntry(KplHeaders.SUB_SEQUENCE_NUMBER, userRecord.subSequenceNumber())
						.containsEntry(KplHeaders.AGGREGATED, userRecord.aggregated());
					assertThat(message.getHeaders().get(KplHeaders.EXPLICIT_HASH_KEY))
						.isEqualTo(userRecord.explicitHashKey());
				}
				assertThat(application.getBean(AtomicInteger.class).get()).as("the user's customizer ran").isOne();
				assertThat(BindingModes.of(application)).isEqualTo(Map.of("kcl-in-0", "KCL"));
			}
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ TestApplicationBeans.class, TestedBinderLine.KclApplicationBeans.class })
	static class KclApplication {

		@Bean
		AtomicInteger customizations() {
			return new AtomicInteger();
		}

		/**
		 * A user's consumer endpoint customizer, which must still apply; it fits KCL to
		 * the emulators. Of adapter type MessageProducerSupport: Spring Cloud AWS 4's
		 * binder takes a customizer of a subtype only.
		 */
		@Bean
		ConsumerEndpointCustomizer<MessageProducerSupport> kclOnEmulators(AtomicInteger customizations) {
			return BinderLineObjects.kclOnEmulators(customizations::incrementAndGet);
		}

		@Bean
		Consumer<Message<UserRecord>> kcl(Received received) {
			return (message) -> received.add(STREAM, message);
		}

	}

}
