package io.github.kpldeagg.it.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.kpldeagg.it.crash.ChildJvm;
import io.github.kpldeagg.it.support.ConsumerSettings;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import io.github.kpldeagg.it.support.RealKpl;
import io.github.kpldeagg.it.support.SteadyProduction;
import io.github.kpldeagg.it.support.SteadyProduction.Pace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One consumer JVM reads an N-shard stream that the real KPL writes to, once in the
 * starter's default mode (the binder's polling adapter, the starter fanning out each
 * aggregate) and once in the binder's KCL mode (KCL deaggregates), on a stream of its own
 * each with the same user records. Each mode in two phases: first the consumer starts on
 * a backlog the KPL wrote before (its catch-up rate, from first to last delivery), then
 * the KPL writes as many again as fast as it can while the consumer reads (user records
 * per second from the first put to the last delivery). Per phase the consumer JVM's CPU,
 * in cores, and the most heap it had in use. First of all the plain SDK reads such a
 * backlog as fast as kinesis-local serves it: the emulator's ceiling. Only in the
 * {@code proof-long} profile.
 */
@LocalAwsTest
@EnabledIfSystemProperty(named = "kpl.it.proof-long", matches = "true")
class SustainedLoadIT {

	private static final int SHARDS = Integer.getInteger("kpl.it.load.shards", 4);

	private static final int SLICE = 2_000;

	private static final int USER_RECORDS = Integer.getInteger("kpl.it.load.user-records", 20_000) / SLICE * SLICE;

	private static final Pace AS_FAST_AS_IT_CAN = new Pace(SLICE, Duration.ZERO, USER_RECORDS / SLICE);

	private static final Duration TIMEOUT = Duration.ofMinutes(15);

	private static final String KINESIS_CONSUMER = "spring.cloud.stream.kinesis.bindings.userRecords-in-0.consumer.";

	@Test
	void throughputHeapAndCpuOfTheDefaultModeAndOfKclModeAgainstTheEmulatorsCeiling(LocalAws aws) throws Exception {
		PlainReader.Rate ceiling = ceiling(aws);
		LoadFigures fanOut = run(aws, "fan-out", UnaryOperator.identity());
		LoadFigures kcl = run(aws, "kcl",
				(settings) -> settings.set("spring.cloud.stream.kinesis.binder.kpl-kcl-enabled", "true")
					.set(KINESIS_CONSUMER + "metrics-level", "NONE")
					.set(KINESIS_CONSUMER + "fan-out", "false")
					.set(KINESIS_CONSUMER + "polling-idle-time", "200")
					// KCL asks for 10,000 by default, which kinesis-local (no 10 MB cap)
					// could not serve: as many as
					// the polling adapter asks for.
					.set(KINESIS_CONSUMER + "polling-max-records", "200"));

		for (LoadFigures mode : List.of(fanOut, kcl)) {
			assertThat(mode.backlog().count()).as("user records of the backlog delivered in %s mode", mode.mode())
				.isGreaterThanOrEqualTo(USER_RECORDS);
			assertThat(mode.endToEnd().count()).as("user records delivered in %s mode", mode.mode())
				.isGreaterThanOrEqualTo(2L * USER_RECORDS);
		}
		assertThat(ceiling.userRecords()).as("user records the plain SDK read").isEqualTo(USER_RECORDS);
		System.out.printf("Sustained load, %d user records per phase on %d shards, one consumer JVM (-Xmx384m):%n%s%n"
				+ "%s%n  emulator ceiling: the plain SDK reads the backlog, shard after shard on one thread, GetRecords"
				+ " without pause, %,.0f user records/s%n", USER_RECORDS, SHARDS, fanOut, kcl, ceiling.perSecond());
	}

	/**
	 * A backlog like the modes', read by the plain SDK before any consumer has connected
	 * to kinesis-local.
	 */
	private static PlainReader.Rate ceiling(LocalAws aws) {
		String stream = aws.createStream("load-plain", SHARDS);
		try (RealKpl kpl = RealKpl.start(aws.kinesis())) {
			SteadyProduction.start(kpl, stream, AS_FAST_AS_IT_CAN, 1L, (sent) -> {
			}).awaitEnd(TIMEOUT);
		}
		return PlainReader.read(aws, stream);
	}

	private static LoadFigures run(LocalAws aws, String mode, UnaryOperator<ConsumerSettings> modeSettings)
			throws Exception {
		String stream = aws.createStream("load-" + mode, SHARDS);
		Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "load")), stream + "-");
		Path progress = directory.resolve("progress");
		List<String> arguments = new ArrayList<>(
				modeSettings.apply(ConsumerSettings.of(aws, stream, "load-" + mode)).asArguments());
		arguments.add("--it.progress=" + progress.toAbsolutePath());
		try (RealKpl kpl = RealKpl.start(aws.kinesis())) {
			long backlogStartedAt = System.nanoTime();
			SteadyProduction.start(kpl, stream, AS_FAST_AS_IT_CAN, 1L, (sent) -> {
			}).awaitEnd(TIMEOUT);
			Duration backlogPut = Duration.ofNanos(System.nanoTime() - backlogStartedAt);
			try (ChildJvm consumer = ChildJvm.start(CountingConsumer.class, arguments,
					directory.resolve("consumer.log"))) {
				LoadSample backlog = awaitCount(progress, USER_RECORDS, consumer);
				long firstPutAt = System.nanoTime();
				SteadyProduction.start(kpl, stream, AS_FAST_AS_IT_CAN, 2L, (sent) -> {
				}).awaitEnd(TIMEOUT);
				Duration put = Duration.ofNanos(System.nanoTime() - firstPutAt);
				LoadSample endToEnd = awaitCount(progress, 2L * USER_RECORDS, consumer);
				return new LoadFigures(mode, stream, USER_RECORDS, backlogPut, backlog, firstPutAt, put, endToEnd);
			}
		}
	}

	/** The consumer's sample once it has counted {@code count}, or once it died. */
	private static LoadSample awaitCount(Path progress, long count, ChildJvm consumer) throws InterruptedException {
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> LoadSample.read(progress).count() >= count || !consumer.isAlive());
		// The sample after the one that counted them all: its CPU time
		// covers the last delivery.
		Thread.sleep(2 * CountingConsumer.SAMPLE_MILLIS);
		return LoadSample.read(progress);
	}

}
