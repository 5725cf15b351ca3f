package io.github.kpldeagg.autoconfigure.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.kpldeagg.autoconfigure.TestedBinderLine;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.emulator.KinesisLocal;
import io.github.kpldeagg.producer.AggregatingProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link StreamBridge} application whose producer binding opts in writes KPL aggregates
 * through the {@link AggregatingProducer}, with the binding's partition key expression
 * and explicit hash keys; another application, with the starter, reads every user record
 * back exactly. A binding that does not opt in writes one Kinesis record per message, as
 * before; a message the producer refuses reaches the error channel. On each Spring line.
 */
@TestedBinderLine.Required
class AggregatingProducerBindingIT {

	private static final int USER_RECORDS = 600;

	private static final int UNAGGREGATED_RECORDS = 20;

	private static final String HASH_KEY = "170141183460469231731687303715884105728";

	private static KinesisLocal kinesis;

	@BeforeAll
	static void startKinesis() {
		kinesis = KinesisLocal.start();
		kinesis.createStream("aggregated", 2);
		kinesis.createStream("unaggregated", 1);
	}

	@AfterAll
	static void stopKinesis() {
		if (kinesis != null) {
			kinesis.close();
		}
	}

	@Test
	void anOptedInBindingWritesAggregatesTheStarterReadsBackExactly() {
		List<Message<?>> errors = new CopyOnWriteArrayList<>();
		List<String> sent = new ArrayList<>();
		try (ConfigurableApplicationContext writer = BinderApplications.run(Writer.class, writerProperties())) {
			writer.getBean("errorChannel", SubscribableChannel.class).subscribe(errors::add);
			StreamBridge streamBridge = writer.getBean(StreamBridge.class);
			for (int i = 0; i < USER_RECORDS; i++) {
				MessageBuilder<byte[]> message = MessageBuilder
					.withPayload(("reading-" + i).getBytes(StandardCharsets.UTF_8))
					.setHeader("device", "device-" + (i % 10));
				if (i % 3 == 0) {
					message.setHeader("hashKey", HASH_KEY);
				}
				assertThat(streamBridge.send("aggregated", message.build())).isTrue();
				sent.add("reading-" + i);
			}
			for (int i = 0; i < UNAGGREGATED_RECORDS; i++) {
				streamBridge.send("unaggregated",
						MessageBuilder.withPayload(("plain-" + i).getBytes(StandardCharsets.UTF_8))
							.setHeader("device", "device-" + (i % 10))
							.build());
			}
			// Not a decimal in [0, 2^128): the producer refuses it.
			streamBridge.send("aggregated",
					MessageBuilder.withPayload("refused".getBytes(StandardCharsets.UTF_8))
						.setHeader("device", "device-0")
						.setHeader("hashKey", "-1")
						.build());
			writer.getBean(AggregatingProducer.class).flushSync();
			Awaitility.await().until(() -> !errors.isEmpty());

			AbstractMessageChannelBinder<?, ?, ?> binder = (AbstractMessageChannelBinder<?, ?, ?>) writer
				.getBean(BinderFactory.class)
				.getBinder(null, MessageChannel.class);
			assertThat(TestedBinderLine.LINE.kinesisClient(binder)).as("the binder's client is the producer's")
				.isSameAs(writer.getBean(KinesisAsyncClient.class));
		}
		assertThat(errors).singleElement().isInstanceOfSatisfying(ErrorMessage.class, (error) -> {
			assertThat(error.getPayload()).isInstanceOf(MessagingException.class)
				.hasRootCauseInstanceOf(IllegalArgumentException.class)
				.rootCause()
				.hasMessageContaining("explicitHashKey");
			assertThat(((MessagingException) error.getPayload()).getFailedMessage().getPayload())
				.isEqualTo("refused".getBytes(StandardCharsets.UTF_8));
		});

		Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
		BinderApplications.bindEachToItsStream(properties, List.of("aggregated", "unaggregated"));
		try (ConfigurableApplicationContext reader = BinderApplications.run(Reader.class, properties)) {
			Received received = reader.getBean(Received.class);
			List<UserRecord> unaggregated = received.await("unaggregated", UNAGGREGATED_RECORDS);
			assertThat(unaggregated).extracting(AggregatingProducerBindingIT::text)
				.containsExactlyInAnyOrderElementsOf(
						IntStream.range(0, UNAGGREGATED_RECORDS).mapToObj((i) -> "plain-" + i).toList());
			assertThat(unaggregated).noneMatch(UserRecord::aggregated);
			// The partition key the binder gives each device without the producer.
			Map<Integer, String> partitionKeys = unaggregated.stream()
				.collect(Collectors.toMap((userRecord) -> index(userRecord) % 10, UserRecord::partitionKey,
						(first, second) -> first));

			List<UserRecord> aggregated = received.await("aggregated", USER_RECORDS);
			assertThat(aggregated).extracting(AggregatingProducerBindingIT::text)
				.containsExactlyInAnyOrderElementsOf(sent);
			assertThat(aggregated).allSatisfy((userRecord) -> {
				int i = index(userRecord);
				assertThat(userRecord.partitionKey()).isEqualTo(partitionKeys.get(i % 10));
				assertThat(userRecord.explicitHashKey())
					.isEqualTo((i % 3 == 0) ? Optional.of(HASH_KEY) : Optional.empty());
			});
			Set<String> kinesisRecords = aggregated.stream()
				.map(UserRecord::sequenceNumber)
				.collect(Collectors.toSet());
			assertThat(kinesisRecords).as("Kinesis records carrying %d user records", USER_RECORDS)
				.hasSizeLessThan(USER_RECORDS / 10);
			assertThat(aggregated).filteredOn(UserRecord::aggregated).hasSizeGreaterThan(USER_RECORDS * 9 / 10);
		}
	}

	private static String text(UserRecord userRecord) {
		return new String(userRecord.bytes(), StandardCharsets.UTF_8);
	}

	/** The number after the payload's dash. */
	private static int index(UserRecord userRecord) {
		String text = text(userRecord);
		return Integer.parseInt(text.substring(text.indexOf('-') + 1));
	}

	private static Map<String, Object> writerProperties() {
		Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
		properties.put("kpl.producer.bindings.aggregated.enabled", true);
		properties.put("kpl.producer.bindings.aggregated.explicit-hash-key-expression", "headers['hashKey']");
		properties.put("kpl.producer.record-max-buffered-time", 500);
		for (String destination : List.of("aggregated", "unaggregated")) {
			properties.put("spring.cloud.stream.bindings." + destination + ".content-type", "application/octet-stream");
			properties.put("spring.cloud.stream.bindings." + destination + ".producer.partition-key-expression",
					"headers['device']");
			properties.put("spring.cloud.stream.bindings." + destination + ".producer.error-channel-enabled", true);
		}
		return properties;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(TestApplicationBeans.class)
	static class Writer {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ InMemoryCheckpoints.class, TestApplicationBeans.class })
	static class Reader {

		@Bean
		Consumer<UserRecord> aggregated(Received received) {
			return (userRecord) -> received.add("aggregated", userRecord);
		}

		@Bean
		Consumer<UserRecord> unaggregated(Received received) {
			return (userRecord) -> received.add("unaggregated", userRecord);
		}

	}

}
