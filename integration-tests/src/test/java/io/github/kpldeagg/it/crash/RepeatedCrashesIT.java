package io.github.kpldeagg.it.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import io.github.kpldeagg.it.support.ConsumerSettings;
import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.DeliveryLog;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import io.github.kpldeagg.it.support.ProducedRecord;
import io.github.kpldeagg.it.support.RealKpl;
import io.github.kpldeagg.it.support.RecordContent;
import io.github.kpldeagg.it.support.SentRecord;
import io.github.kpldeagg.it.support.SteadyProduction;
import io.github.kpldeagg.it.support.SteadyProduction.Pace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer JVMs of one group read an 8-shard stream, with checkpoints and shard locks in
 * DynamoDB, while the real KPL writes aggregates for the whole run; at random moments (a
 * fixed seed) one of them is killed with SIGKILL and started again. In the end every user
 * record has been delivered, and a consumer that drops repeated identities (stream,
 * shard, sequence and sub-sequence number) has applied each exactly once.
 * <p>
 * The run's length, kills, consumers and seed come from {@link CrashPlan}: short by
 * default, for CI; the {@code proof-long} profile runs it for more than ten minutes with
 * more than twenty kills.
 */
@LocalAwsTest
class RepeatedCrashesIT {

	private static final String GROUP = "crashes";

	private static final int SHARDS = 8;

	private static final Pace PACE = Pace.until(100, Duration.ofMillis(400));

	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration QUIET_PERIOD = Duration.ofSeconds(5);

	/**
	 * What a consumer does with a user record after applying it takes time, and the
	 * checkpoint waits for it: a kill then falls inside a batch, not only between
	 * batches, and the restart repeats what was applied.
	 */
	private static final Duration WORK_PER_USER_RECORD = Duration.ofMillis(2);

	/** Written and awaited before the run, which it is not part of. */
	private static final ProducedRecord FIRST = new ProducedRecord("first", null,
			"before the run".getBytes(StandardCharsets.UTF_8));

	@Test
	void consumersKilledAgainAndAgainWhileTheKplWritesLoseNothingAndApplyEachUserRecordOnce(LocalAws aws)
			throws Exception {
		CrashPlan plan = CrashPlan.fromSystemProperties();
		String stream = aws.createStream("crashes", SHARDS);
		Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "crash")), stream + "-");
		Path effects = directory.resolve("effects.log");
		List<RestartableConsumer> consumers = new ArrayList<>();
		for (int i = 0; i < plan.consumers(); i++) {
			ConsumerSettings settings = ConsumerSettings.of(aws, stream, GROUP)
				.set("it.work-millis", Long.toString(WORK_PER_USER_RECORD.toMillis()))
				.set("logging.level.io.github.kpldeagg.autoconfigure.ShardPosition", "debug");
			if (plan.positionSaveInterval() != null) {
				settings.set("kpl.deaggregation.position-save-interval", plan.positionSaveInterval().toString());
			}
			consumers.add(new RestartableConsumer(Character.toString('a' + i), settings, directory, effects));
		}
		List<SentRecord> sent = Collections.synchronizedList(new ArrayList<>());
		Random random = new Random(plan.seed());
		int kills = 0;
		long startedAt = System.nanoTime();
		try (RealKpl kpl = RealKpl.start(aws.kinesis());
				AutoCloseable stopConsumers = () -> consumers.forEach(RestartableConsumer::close)) {
			consumers.forEach(RestartableConsumer::start);
			awaitFirstEffect(kpl, stream, effects, FIRST);
			startedAt = System.nanoTime();
			SteadyProduction production = SteadyProduction.start(kpl, stream, PACE, plan.seed(), sent::addAll);
			for (int kill = 0; kill < plan.kills(); kill++) {
				sleepUntil(startedAt + plan.killAt(kill, random).toNanos());
				RestartableConsumer victim = oneOfThoseReading(consumers, random);
				victim.kill();
				kills++;
				Thread.sleep(plan.restartDelay(random).toMillis());
				victim.start();
			}
			sleepUntil(startedAt + plan.duration().toNanos());
			production.stop(DRAIN_TIMEOUT);
			Set<RecordContent> produced = CrashFigures.producedContents(sent);
			await().atMost(DRAIN_TIMEOUT)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> CrashFigures.deliveredContents(DeliveryLog.read(effects)).containsAll(produced));
			Thread.sleep(QUIET_PERIOD.toMillis());
			assertThat(consumers).as("consumers alive at the end").allMatch(RestartableConsumer::isAlive);
		}
		List<Delivery> received = consumers.stream()
			.flatMap((consumer) -> DeliveryLog.read(consumer.received()).stream())
			.filter(RepeatedCrashesIT::ofTheRun)
			.toList();
		CrashFigures figures = new CrashFigures(List.copyOf(sent), received,
				DeliveryLog.read(effects).stream().filter(RepeatedCrashesIT::ofTheRun).toList(), kills);

		assertThat(figures.lost()).as("lost").isEmpty();
		assertThat(figures.identitiesNamingTwoUserRecords()).as("identities that name more than one user record")
			.isEmpty();
		assertThat(figures.effects()).extracting(Delivery::id)
			.as("effects: each identity once")
			.doesNotHaveDuplicates();
		assertThat(CrashFigures.deliveredContents(figures.effects())).as("effects: each user record")
			.isEqualTo(CrashFigures.producedContents(sent));
		assertThat(figures.effectsOfUserRecordsThePutTwice())
			.as("user records applied twice: only those the KPL put twice (an attempt failed after it stored)")
			.isLessThanOrEqualTo(figures.userRecordsWithFailedAttempts());
		System.out.println(figures.report(plan) + "; positions saved " + count(directory, "Saved position")
				+ " times, removed " + count(directory, "Removed the saved position") + " times");
	}

	/**
	 * Writes one user record and waits until a consumer has applied it, so that the run,
	 * and the time from put to first delivery, starts with the consumers reading.
	 */
	private static void awaitFirstEffect(RealKpl kpl, String stream, Path effects, ProducedRecord first) {
		kpl.warmUp(stream, first);
		await().atMost(DRAIN_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> CrashFigures.deliveredContents(DeliveryLog.read(effects)).contains(first.content()));
	}

	/**
	 * A consumer chosen at random among those that received user records in the last
	 * second: the binder does not balance shards, so an instance may hold none, and
	 * killing it would prove little. Any one if none did.
	 */
	private static RestartableConsumer oneOfThoseReading(List<RestartableConsumer> consumers, Random random)
			throws InterruptedException {
		List<Long> before = consumers.stream().map(RestartableConsumer::receivedBytes).toList();
		Thread.sleep(1_000);
		List<RestartableConsumer> reading = new ArrayList<>();
		for (int i = 0; i < consumers.size(); i++) {
			if (consumers.get(i).receivedBytes() > before.get(i)) {
				reading.add(consumers.get(i));
			}
		}
		List<RestartableConsumer> candidates = reading.isEmpty() ? consumers : reading;
		return candidates.get(random.nextInt(candidates.size()));
	}

	/** How many lines of the consumers' logs say this. */
	private static long count(Path directory, String logged) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			long count = 0;
			for (Path log : files.filter((file) -> file.getFileName().toString().startsWith("consumer-")).toList()) {
				try (Stream<String> lines = Files.lines(log)) {
					count += lines.filter((line) -> line.contains(logged)).count();
				}
			}
			return count;
		}
	}

	private static boolean ofTheRun(Delivery delivery) {
		return !delivery.content().equals(FIRST.content());
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		Thread.sleep(Math.max(0, (nanoTime - System.nanoTime()) / 1_000_000));
	}

}
