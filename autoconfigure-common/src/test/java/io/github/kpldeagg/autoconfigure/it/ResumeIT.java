package io.github.kpldeagg.autoconfigure.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.kpldeagg.autoconfigure.TestedBinderLine;
import io.github.kpldeagg.autoconfigure.it.KplVectors.Expected;
import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.emulator.KinesisLocal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a failure, a stop or a hand-over, the first user record the function sees again
 * is the one it had not finished: applications as users write them, with the binder's
 * default consumer settings (record listener mode, batch checkpoint mode), against
 * kinesis-local.
 */
@TestedBinderLine.Required
class ResumeIT {

	private static final List<String> FUNCTIONS = List.of("outage", "poison", "stopStart");

	private static KinesisLocal kinesis;

	private static ConfigurableApplicationContext application;

	private static Handled handled;

	private static List<Expected> outageExpected;

	/** The user records that fail three times before they succeed. */
	private static Set<String> failingThrice;

	@BeforeAll
	static void startApplication() {
		kinesis = KinesisLocal.start();
		kinesis.createStream("outage", 3);
		kinesis.createStream("poison", 1);
		kinesis.createStream("stopStart", 1);
		outageExpected = KplVectors.put(kinesis.client(), "outage", "1.1.1");
		// The middle user record of six aggregates of the real KPL's run.
		failingThrice = outageExpected.stream()
			.collect(Collectors.groupingBy(Expected::sequenceNumber))
			.values()
			.stream()
			.filter((aggregate) -> aggregate.size() >= 20)
			.limit(6)
			.map((aggregate) -> id(aggregate.get(0).sequenceNumber(), aggregate.size() / 2))
			.collect(Collectors.toSet());
		put("poison", aggregate("p", 5));
		putPlain("poison", "after");
		put("stopStart", aggregate("s", 40));
		put("stopStart", aggregate("t", 40));

		Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
		BinderApplications.bindEachToItsStream(properties, FUNCTIONS);
		application = BinderApplications.run(Functions.class, properties);
		handled = application.getBean(Handled.class);
	}

	@AfterAll
	static void stop() {
		BinderApplications.close(application, kinesis);
	}

	@Test
	void anOutageInsideAggregatesRepeatsNothingThatWasHandled() {
		Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.until(() -> Set.copyOf(handled.succeeded("outage")).size() == outageExpected.size());
		Awaitility.await().during(Duration.ofSeconds(2)).until(() -> true);

		Map<String, Integer> attempts = handled.attempts("outage");
		System.out.printf("ResumeIT outage: %d user records, %d handled again after success, %d attempts%n",
				outageExpected.size(), handled.repeats("outage"),
				attempts.values().stream().mapToInt(Integer::intValue).sum());
		assertThat(handled.succeeded("outage")).containsExactlyInAnyOrderElementsOf(outageExpected.stream()
			.map((expected) -> id(expected.sequenceNumber(), expected.subSequenceNumber()))
			.toList());
		assertThat(handled.repeats("outage")).isZero();
		assertThat(attempts)
			.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(failingThrice.contains(id) ? 4 : 1));
		assertThat(application.getBean(MeterRegistry.class)
			.get("kpl.deaggregation.skipped")
			.tag("binding", "outage-in-0")
			.counter()
			.count()).isPositive();
	}

	@Test
	void aUserRecordThatAlwaysFailsIsTheOnlyOneHandedOutAgain() {
		Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.until(() -> handled.attempts("poison").getOrDefault("p2", 0) >= 5);

		Map<String, Integer> attempts = handled.attempts("poison");
		System.out.printf("ResumeIT poison: %d attempts at the failing user record, %d handled again%n",
				attempts.get("p2"), handled.repeats("poison"));
		assertThat(handled.succeeded("poison")).containsExactly("p0", "p1");
		assertThat(attempts).containsOnlyKeys("p0", "p1", "p2").containsEntry("p0", 1).containsEntry("p1", 1);
	}

	@Test
	void aBindingStoppedAndStartedInsideAnAggregateRepeatsNothing() {
		Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.until(() -> Set.copyOf(handled.succeeded("stopStart")).size() == 80 && handled.stopStartDone.get());
		Awaitility.await().during(Duration.ofSeconds(2)).until(() -> true);

		System.out.printf("ResumeIT stop and start: %d handled again%n", handled.repeats("stopStart"));
		assertThat(handled.succeeded("stopStart")).containsExactlyElementsOf(
				IntStream.range(0, 80).mapToObj((i) -> ((i < 40) ? "s" : "t") + (i % 40)).toList());
		assertThat(handled.repeats("stopStart")).isZero();
	}

	private static String id(String sequenceNumber, long subSequenceNumber) {
		return sequenceNumber + "/" + subSequenceNumber;
	}

	private static KinesisRecord aggregate(String prefix, int count) {
		Aggregator aggregator = Aggregator.create();
		for (int i = 0; i < count; i++) {
			aggregator.add(prefix + i, null, new byte[] { (byte) i });
		}
		return aggregator.flush().orElseThrow();
	}

	private static void put(String stream, KinesisRecord record) {
		kinesis.client()
			.putRecord((request) -> request.streamName(stream)
				.partitionKey(record.partitionKey())
				.data(SdkBytes.fromByteArray(record.data())));
	}

	private static void putPlain(String stream, String partitionKey) {
		kinesis.client()
			.putRecord((request) -> request.streamName(stream)
				.partitionKey(partitionKey)
				.data(SdkBytes.fromUtf8String(partitionKey)));
	}

	/** Every call of each function, and which calls succeeded. */
	static final class Handled {

		private final Map<String, Map<String, Integer>> attempts = new ConcurrentHashMap<>();

		private final Map<String, List<String>> succeeded = new ConcurrentHashMap<>();

		private final Map<String, Integer> repeats = new ConcurrentHashMap<>();

		final AtomicBoolean stopStartDone = new AtomicBoolean();

		/**
		 * Notes an attempt at a user record;
		 * {@return how many came before}
		 */
		int attempt(String function, String id) {
			if (succeeded(function).contains(id)) {
				this.repeats.merge(function, 1, Integer::sum);
			}
			return this.attempts.computeIfAbsent(function, (name) -> new ConcurrentHashMap<>())
				.merge(id, 1, Integer::sum) - 1;
		}

		void succeeded(String function, String id) {
			this.succeeded.computeIfAbsent(function, (name) -> Collections.synchronizedList(new ArrayList<>())).add(id);
		}

		List<String> succeeded(String function) {
			List<String> ids = this.succeeded.getOrDefault(function, List.of());
			synchronized (ids) {
				return List.copyOf(ids);
			}
		}

		Map<String, Integer> attempts(String function) {
			return Map.copyOf(this.attempts.getOrDefault(function, Map.of()));
		}

		int repeats(String function) {
			return this.repeats.getOrDefault(function, 0);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ InMemoryCheckpoints.class, TestApplicationBeans.class })
	static class Functions {

		@Bean
		Handled handled() {
			return new Handled();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Consumer<UserRecord> outage(Handled handled) {
			return (userRecord) -> {
				String id = id(userRecord.sequenceNumber(), userRecord.subSequenceNumber());
				if (handled.attempt("outage", id) < 3 && failingThrice.contains(id)) {
					throw new IllegalStateException("downstream outage at " + id);
				}
				handled.succeeded("outage", id);
			};
		}

		@Bean
		Consumer<Message<UserRecord>> poison(Handled handled) {
			return (message) -> {
				String partitionKey = (String) message.getHeaders().get(KplHeaders.PARTITION_KEY);
				handled.attempt("poison", partitionKey);
				if (partitionKey.equals("p2")) {
					throw new IllegalStateException("p2 always fails");
				}
				handled.succeeded("poison", partitionKey);
			};
		}

		@Bean
		Consumer<UserRecord> stopStart(Handled handled, BindingsLifecycleController bindings) {
			return (userRecord) -> {
				handled.attempt("stopStart", userRecord.partitionKey());
				if (userRecord.partitionKey().equals("s10") && !handled.stopStartDone.get()) {
					Thread restart = new Thread(() -> {
						bindings.stop("stopStart-in-0");
						Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
						bindings.start("stopStart-in-0");
						handled.stopStartDone.set(true);
					});
					restart.start();
				}
				sleep(20);
				handled.succeeded("stopStart", userRecord.partitionKey());
			};
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
