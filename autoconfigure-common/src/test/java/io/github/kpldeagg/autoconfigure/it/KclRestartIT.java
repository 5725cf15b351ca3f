package io.github.kpldeagg.autoconfigure.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.kpldeagg.autoconfigure.BinderHeaderNames;
import io.github.kpldeagg.autoconfigure.BinderLineObjects;
import io.github.kpldeagg.autoconfigure.TestedBinderLine;
import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.emulator.Dynalite;
import io.github.kpldeagg.emulator.KinesisLocal;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.Message;

/**
 * KCL mode's checkpoints as a user meets them, against kinesis-local and dynalite: an
 * application consumes an aggregate, stops, and starts again in the same consumer groups;
 * what the second run is given before the record put in between is what the first run's
 * checkpoints left out. One application, one function per checkpoint setting, each
 * reading a stream and consumer group of its own.
 */
@TestedBinderLine.Required
class KclRestartIT {

	private static final List<String> USER_RECORDS = List.of("k0", "k1", "k2", "k3", "k4");

	/** The binder's defaults: record listener mode, batch checkpoint mode. */
	private static final String DEFAULTS = "defaults";

	private static final String RECORD_MODE = "recordMode";

	private static final String PERIODIC_MODE = "periodicMode";

	/** Checkpoints every user record but the last one, in manual checkpoint mode. */
	private static final String MANUAL_MODE = "manualMode";

	/** Batch listener mode, batch checkpoint mode. */
	private static final String BATCH_LISTENER = "batchListener";

	/** The binder's defaults, with a function that fails on k2 in the first run. */
	private static final String FAILING = "failing";

	private static final List<String> FUNCTIONS = List.of(DEFAULTS, RECORD_MODE, PERIODIC_MODE, MANUAL_MODE,
			BATCH_LISTENER, FAILING);

	private static final String SENTINEL = "sentinel";

	@Test
	void aRestartDeliversAgainOnlyWhatWasNotHandled() {
		try (KinesisLocal kinesis = KinesisLocal.start(); Dynalite dynamoDb = Dynalite.start()) {
			Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
			BinderApplications.bindEachToItsStream(properties, FUNCTIONS);
			properties.put("spring.cloud.aws.dynamodb.endpoint", dynamoDb.endpoint().toString());
			properties.put("spring.cloud.stream.kinesis.binder.kpl-kcl-enabled", true);
			properties.put("spring.cloud.stream.kinesis.default.consumer.metrics-level", "NONE");
			properties.put("spring.cloud.stream.kinesis.default.consumer.fan-out", false);
			properties.put("spring.cloud.stream.kinesis.default.consumer.polling-idle-time", 200);
			for (String function : FUNCTIONS) {
				kinesis.createStream(function, 1);
				put(kinesis, function, aggregate());
				// KCL names its lease table after the group.
				String group = "kcl-" + function;
				properties.put("spring.cloud.stream.bindings." + function + "-in-0.group", group);
				TestedBinderLine.createKclLeaseTable(dynamoDb.client(), group);
			}
			putPlain(kinesis, FAILING, "after");
			properties.put(kinesisConsumer(RECORD_MODE, "checkpoint-mode"), "record");
			properties.put(kinesisConsumer(PERIODIC_MODE, "checkpoint-mode"), "periodic");
			properties.put(kinesisConsumer(MANUAL_MODE, "checkpoint-mode"), "manual");
			properties.put(kinesisConsumer(BATCH_LISTENER, "listener-mode"), "batch");
			properties.put("spring.cloud.stream.bindings." + BATCH_LISTENER + "-in-0.consumer.batch-mode", true);
			properties.put("spring.cloud.stream.bindings." + FAILING + "-in-0.consumer.max-attempts", 1);

			SoftAssertions softly = new SoftAssertions();
			properties.put("kcl-restart-it.fail-on", "k2");
			try (ConfigurableApplicationContext first = BinderApplications.run(KclApplication.class, properties)) {
				Received received = first.getBean(Received.class);
				for (String function : FUNCTIONS) {
					// The failing function's shard stops at the user record that failed.
					List<String> expected = function.equals(FAILING) ? USER_RECORDS.subList(0, 3) : USER_RECORDS;
					softly.assertThat(received.<String>await(function, expected.size()))
						.as(function)
						.isEqualTo(expected);
				}
			}
			for (String function : FUNCTIONS) {
				putPlain(kinesis, function, SENTINEL);
			}
			properties.put("kcl-restart-it.fail-on", "none");
			try (ConfigurableApplicationContext second = BinderApplications.run(KclApplication.class, properties)) {
				Received received = second.getBean(Received.class);
				for (String function : FUNCTIONS) {
					List<String> secondRun = received.awaitThrough(function, SENTINEL);
					softly.assertThat(secondRun).as(function).isEqualTo(switch (function) {
						case MANUAL_MODE -> List.of("k4", SENTINEL);
						case FAILING -> List.of("k2", "k3", "k4", "after", SENTINEL);
						default -> List.of(SENTINEL);
					});
				}
			}
			softly.assertAll();
		}
	}

	private static String kinesisConsumer(String function, String property) {
		return "spring.cloud.stream.kinesis.bindings." + function + "-in-0.consumer." + property;
	}

	private static KinesisRecord aggregate() {
		Aggregator aggregator = Aggregator.create();
		for (String partitionKey : USER_RECORDS) {
			aggregator.add(partitionKey, null, partitionKey.getBytes(StandardCharsets.UTF_8));
		}
		return aggregator.flush().orElseThrow();
	}

	private static void put(KinesisLocal kinesis, String stream, KinesisRecord record) {
		kinesis.client()
			.putRecord((request) -> request.streamName(stream)
				.partitionKey(record.partitionKey())
				.explicitHashKey(record.explicitHashKey())
				.data(SdkBytes.fromByteArray(record.data())));
	}

	private static void putPlain(KinesisLocal kinesis, String stream, String partitionKey) {
		kinesis.client()
			.putRecord((request) -> request.streamName(stream)
				.partitionKey(partitionKey)
				.data(SdkBytes.fromUtf8String(partitionKey)));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ TestApplicationBeans.class, TestedBinderLine.KclApplicationBeans.class })
	static class KclApplication {

		/** Fits KCL to the emulators. */
		@Bean
		ConsumerEndpointCustomizer<MessageProducerSupport> kclOnEmulators() {
			return BinderLineObjects.kclOnEmulators(() -> {
			});
		}

		@Bean
		Consumer<Message<UserRecord>> defaults(Received received) {
			return (message) -> received.add(DEFAULTS, message.getPayload().partitionKey());
		}

		@Bean
		Consumer<Message<UserRecord>> recordMode(Received received) {
			return (message) -> received.add(RECORD_MODE, message.getPayload().partitionKey());
		}

		@Bean
		Consumer<Message<UserRecord>> periodicMode(Received received) {
			return (message) -> received.add(PERIODIC_MODE, message.getPayload().partitionKey());
		}

		@Bean
		Consumer<Message<UserRecord>> manualMode(Received received) {
			return (message) -> {
				String partitionKey = message.getPayload().partitionKey();
				received.add(MANUAL_MODE, partitionKey);
				if (!partitionKey.equals("k4")) {
					checkpoint(message.getHeaders()
						.get(BinderHeaderNames.CHECKPOINTER, RecordProcessorCheckpointer.class));
				}
			};
		}

		@Bean
		Consumer<List<UserRecord>> batchListener(Received received) {
			return (batch) -> batch.forEach((userRecord) -> received.add(BATCH_LISTENER, userRecord.partitionKey()));
		}

		@Bean
		Consumer<Message<UserRecord>> failing(Received received, @Value("${kcl-restart-it.fail-on}") String failOn) {
			return (message) -> {
				String partitionKey = message.getPayload().partitionKey();
				received.add(FAILING, partitionKey);
				if (partitionKey.equals(failOn)) {
					throw new IllegalStateException(partitionKey + " fails");
				}
			};
		}

		private static void checkpoint(RecordProcessorCheckpointer checkpointer) {
			try {
				checkpointer.checkpoint();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
