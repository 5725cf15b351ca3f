package io.github.kpldeagg.it.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.github.kpldeagg.it.support.Checkpoints;
import io.github.kpldeagg.it.support.ConsumerSettings;
import io.github.kpldeagg.it.support.Corpus;
import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.DeliveryLog;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import io.github.kpldeagg.it.support.RealKpl;
import io.github.kpldeagg.it.support.RecordContent;
import io.github.kpldeagg.it.support.SentKinesisRecord;
import io.github.kpldeagg.it.support.SentRecord;
import io.github.kpldeagg.it.support.ShardLayout;
import io.github.kpldeagg.it.support.UserRecordId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer JVM dies (halts: no shutdown, no last checkpoint) after handling j of the N
 * user records of an aggregate. Its restart, with the checkpoints and locks in DynamoDB,
 * receives that aggregate again: nothing is lost, the repeats carry the identities they
 * had, and a consumer that drops repeated identities applies every user record exactly
 * once.
 */
@LocalAwsTest
class CrashMidAggregateIT {

	private static final String GROUP = "crash";

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

	@Test
	void withACheckpointPerKinesisRecordTheRestartRepeatsExactlyTheUserRecordsHandledBeforeTheCrash(LocalAws aws)
			throws Exception {
		CrashRun run = crashAndRestart(aws, "record", 42L);

		assertNothingLostAndEffectsExactlyOnce(run);
		assertThat(run.checkpointAtCrash()).as("checkpoint of the crashed shard in DynamoDB after the crash")
			.isEqualTo(run.layout().previous(run.aggregate()).sequenceNumber());
		assertThat(run.afterRestartOn(run.aggregate().shardId())).as("the restart resumes at the crashed aggregate")
			.startsWith(run.userRecordOfAggregate(0));
		assertThat(run.duplicatesOn(run.aggregate().shardId())).as("repeats on the crashed shard")
			.containsExactlyInAnyOrderElementsOf(run.handledBeforeCrash());
		assertThat(run.duplicates()
			.stream()
			.filter((id) -> !id.shard().equals(run.aggregate().shardId()))
			.map(UserRecordId::sequenceNumber)
			.distinct()).as("repeats on the other shard: at most the Kinesis record in flight at the crash")
			.hasSizeLessThanOrEqualTo(1);
		run.report("checkpoint per Kinesis record");
	}

	@Test
	void withTheDefaultCheckpointPerBatchTheRestartRepeatsTheBatchAndLosesNothing(LocalAws aws) throws Exception {
		CrashRun run = crashAndRestart(aws, "batch", 43L);

		assertNothingLostAndEffectsExactlyOnce(run);
		assertThat(run.duplicatesOn(run.aggregate().shardId())).as("repeats on the crashed shard")
			.containsAll(run.handledBeforeCrash());
		run.report("checkpoint per batch");
	}

	private static void assertNothingLostAndEffectsExactlyOnce(CrashRun run) {
		Set<RecordContent> produced = run.sent()
			.stream()
			.map((record) -> record.record().content())
			.collect(Collectors.toSet());
		assertThat(run.all().stream().map(Delivery::content).collect(Collectors.toSet())).as("lost: none")
			.isEqualTo(produced);
		assertThat(run.all()
			.stream()
			.collect(Collectors.groupingBy(Delivery::id, Collectors.mapping(Delivery::content, Collectors.toSet()))))
			.as("a repeated identity always names the same user record")
			.allSatisfy((id, contents) -> assertThat(contents).hasSize(1));
		assertThat(run.afterRestartOn(run.aggregate().shardId()))
			.as("the restart delivers the whole crashed aggregate, from user record j on in particular")
			.containsAll(
					LongStream.range(0, run.aggregate().userRecords()).mapToObj(run::userRecordOfAggregate).toList());
		assertThat(run.effects()).extracting(Delivery::content)
			.as("effects: each user record exactly once")
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(produced);
	}

	/**
	 * Produces with the real KPL, runs a consumer JVM that halts after user record j =
	 * N/2 of the largest aggregate in the middle of a shard, then a second one until
	 * every user record has had its effect.
	 */
	private static CrashRun crashAndRestart(LocalAws aws, String checkpointMode, long seed) throws Exception {
		String stream = aws.createStream("crash-" + checkpointMode, 2);
		List<SentRecord> sent = RealKpl.produce(aws.kinesis(), stream, Corpus.generate(1500, seed));
		ShardLayout layout = ShardLayout.of(sent);
		SentKinesisRecord aggregate = layout.largestAggregateInTheMiddle();
		int handledBeforeCrash = aggregate.userRecords() / 2;
		UserRecordId haltAfter = new UserRecordId(stream, aggregate.shardId(), aggregate.sequenceNumber(),
				handledBeforeCrash - 1);

		Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "crash")), stream + "-");
		Path receivedBeforeCrash = directory.resolve("received-before-crash.log");
		Path receivedAfterRestart = directory.resolve("received-after-restart.log");
		Path effects = directory.resolve("effects.log");
		ConsumerSettings settings = ConsumerSettings.of(aws, stream, GROUP).checkpointMode(checkpointMode);

		try (ChildJvm crashing = ChildJvm.start(CrashingConsumer.class,
				CrashingConsumer.arguments(settings, receivedBeforeCrash, effects, haltAfter),
				directory.resolve("consumer-1.log"))) {
			assertThat(crashing.awaitExit(RUN_TIMEOUT)).as("exit status of %s", crashing)
				.isEqualTo(CrashingConsumer.HALT_STATUS);
		}
		List<Delivery> beforeCrash = DeliveryLog.read(receivedBeforeCrash);
		assertThat(beforeCrash).last().extracting(Delivery::id).isEqualTo(haltAfter);
		assertThat(beforeCrash)
			.filteredOn((delivery) -> delivery.id().sequenceNumber().equals(aggregate.sequenceNumber()))
			.extracting((delivery) -> delivery.id().subSequenceNumber())
			.as("user records of the aggregate handled before the crash")
			.containsExactlyElementsOf(LongStream.range(0, handledBeforeCrash).boxed().toList());
		String checkpointAtCrash = new Checkpoints(aws).of(GROUP, stream, aggregate.shardId());

		try (ChildJvm restarted = ChildJvm.start(CrashingConsumer.class,
				CrashingConsumer.arguments(settings, receivedAfterRestart, effects, null),
				directory.resolve("consumer-2.log"))) {
			await().atMost(RUN_TIMEOUT)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> DeliveryLog.read(effects).size() >= sent.size() || !restarted.isAlive());
			// Long enough for surplus repeats to show up.
			Thread.sleep(4_000);
		}
		return new CrashRun(sent, layout, aggregate, handledBeforeCrash, checkpointAtCrash, beforeCrash,
				DeliveryLog.read(receivedAfterRestart), DeliveryLog.read(effects));
	}

	/** What the two consumer JVMs received and applied. */
	private record CrashRun(List<SentRecord> sent, ShardLayout layout, SentKinesisRecord aggregate,
			int handledBeforeCrashCount, String checkpointAtCrash, List<Delivery> beforeCrash,
			List<Delivery> afterRestart, List<Delivery> effects) {

		List<Delivery> all() {
			return Stream.concat(this.beforeCrash.stream(), this.afterRestart.stream()).toList();
		}

		UserRecordId userRecordOfAggregate(long subSequenceNumber) {
			return new UserRecordId(this.beforeCrash.get(0).id().stream(), this.aggregate.shardId(),
					this.aggregate.sequenceNumber(), subSequenceNumber);
		}

		/** The j user records of the aggregate the first JVM handled before it died. */
		List<UserRecordId> handledBeforeCrash() {
			return LongStream.range(0, this.handledBeforeCrashCount).mapToObj(this::userRecordOfAggregate).toList();
		}

		List<UserRecordId> afterRestartOn(String shard) {
			return this.afterRestart.stream().map(Delivery::id).filter((id) -> id.shard().equals(shard)).toList();
		}

		/** Identities delivered more than once, each listed once. */
		List<UserRecordId> duplicates() {
			return all().stream()
				.collect(Collectors.groupingBy(Delivery::id, Collectors.counting()))
				.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() > 1)
				.map(Map.Entry::getKey)
				.toList();
		}

		List<UserRecordId> duplicatesOn(String shard) {
			return duplicates().stream().filter((id) -> id.shard().equals(shard)).toList();
		}

		void report(String mode) {
			System.out.printf(
					"Crash mid-aggregate, %s: %d user records produced; crashed after %d of the %d user"
							+ " records of aggregate %s/%s; %d received before the crash, %d after the restart,"
							+ " %d repeated deliveries (%d on the crashed shard), 0 lost; %d effects applied%n",
					mode, this.sent.size(), this.handledBeforeCrashCount, this.aggregate.userRecords(),
					this.aggregate.shardId(), this.aggregate.sequenceNumber(), this.beforeCrash.size(),
					this.afterRestart.size(), all().size() - all().stream().map(Delivery::id).distinct().count(),
					duplicatesOn(this.aggregate.shardId()).size(), this.effects.size());
		}
	}

}
