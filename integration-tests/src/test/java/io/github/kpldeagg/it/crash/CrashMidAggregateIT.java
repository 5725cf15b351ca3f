package io.github.kpldeagg.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A consumer JVM dies (halts: no shutdown, no last checkpoint) after handling j of the N user records of
 * an aggregate. Its restart, with the checkpoints and locks in DynamoDB, receives that aggregate again from
 * its first user record: nothing is lost, the repeats carry the identities they had, and a consumer that
 * drops repeated identities applies every user record exactly once.
 */
@LocalAwsTest
class CrashMidAggregateIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void aConsumerKilledInTheMiddleOfAnAggregateReceivesItAgainAfterARestartAndLosesNothing(LocalAws aws)
            throws Exception {
        String stream = aws.createStream("crash", 2);
        List<SentRecord> sent = RealKpl.produce(aws.kinesis(), stream, Corpus.generate(1500, 42L));
        SentKinesisRecord aggregate = ShardLayout.of(sent).largestAggregateInTheMiddle();
        int handledBeforeCrash = aggregate.userRecords() / 2;
        UserRecordId haltAfter = new UserRecordId(stream, aggregate.shardId(), aggregate.sequenceNumber(),
                handledBeforeCrash - 1);

        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "crash")), stream + "-");
        Path receivedBeforeCrash = directory.resolve("received-before-crash.log");
        Path receivedAfterRestart = directory.resolve("received-after-restart.log");
        Path effects = directory.resolve("effects.log");
        ConsumerSettings settings = ConsumerSettings.of(aws, stream, "crash").checkpointMode("record");

        try (ChildJvm crashing = ChildJvm.start(CrashingConsumer.class,
                arguments(settings, receivedBeforeCrash, effects, haltAfter), directory.resolve("consumer-1.log"))) {
            assertThat(crashing.awaitExit(RUN_TIMEOUT)).as("exit status of %s", crashing)
                    .isEqualTo(CrashingConsumer.HALT_STATUS);
        }
        List<Delivery> beforeCrash = DeliveryLog.read(receivedBeforeCrash);
        assertThat(beforeCrash).last().extracting(Delivery::id).isEqualTo(haltAfter);
        assertThat(beforeCrash).filteredOn(delivery -> delivery.id().sequenceNumber().equals(aggregate.sequenceNumber()))
                .extracting(delivery -> delivery.id().subSequenceNumber())
                .containsExactlyElementsOf(subSequences(0, handledBeforeCrash));

        try (ChildJvm restarted = ChildJvm.start(CrashingConsumer.class,
                arguments(settings, receivedAfterRestart, effects, null), directory.resolve("consumer-2.log"))) {
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> DeliveryLog.read(effects).size() >= sent.size() || !restarted.isAlive());
            Thread.sleep(4_000);
        }
        List<Delivery> afterRestart = DeliveryLog.read(receivedAfterRestart);

        Set<RecordContent> produced = sent.stream().map(record -> record.record().content()).collect(Collectors.toSet());
        List<Delivery> all = Stream.concat(beforeCrash.stream(), afterRestart.stream()).toList();
        assertThat(all.stream().map(Delivery::content).collect(Collectors.toSet())).as("lost: none")
                .isEqualTo(produced);
        Map<UserRecordId, Set<RecordContent>> contentsById = all.stream().collect(Collectors.groupingBy(
                Delivery::id, Collectors.mapping(Delivery::content, Collectors.toSet())));
        assertThat(contentsById).as("a repeated identity always names the same user record")
                .allSatisfy((id, contents) -> assertThat(contents).hasSize(1));

        List<UserRecordId> afterRestartOnCrashShard = afterRestart.stream().map(Delivery::id)
                .filter(id -> id.shard().equals(aggregate.shardId())).toList();
        assertThat(afterRestartOnCrashShard).as("the restart resumes at the crashed aggregate's first user record")
                .startsWith(new UserRecordId(stream, aggregate.shardId(), aggregate.sequenceNumber(), 0))
                .containsAll(subSequences(0, aggregate.userRecords()).stream()
                        .map(sub -> new UserRecordId(stream, aggregate.shardId(), aggregate.sequenceNumber(), sub))
                        .toList());

        Map<UserRecordId, Long> deliveriesById = all.stream()
                .collect(Collectors.groupingBy(Delivery::id, Collectors.counting()));
        List<UserRecordId> duplicates = deliveriesById.entrySet().stream().filter(entry -> entry.getValue() > 1)
                .map(Map.Entry::getKey).toList();
        assertThat(duplicates).filteredOn(id -> id.shard().equals(aggregate.shardId()))
                .as("repeats on the crashed shard: the j user records handled before the crash")
                .containsExactlyInAnyOrderElementsOf(subSequences(0, handledBeforeCrash).stream()
                        .map(sub -> new UserRecordId(stream, aggregate.shardId(), aggregate.sequenceNumber(), sub))
                        .toList());
        assertThat(duplicates.stream().filter(id -> !id.shard().equals(aggregate.shardId()))
                .map(UserRecordId::sequenceNumber).distinct())
                .as("repeats on the other shard: at most the Kinesis record in flight at the crash")
                .hasSizeLessThanOrEqualTo(1);

        List<Delivery> applied = DeliveryLog.read(effects);
        assertThat(applied).extracting(Delivery::content).as("effects: each user record exactly once")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(produced);

        System.out.printf("Crash mid-aggregate: %d user records produced; crashed after %d of the %d user records"
                + " of aggregate %s/%s; %d received before the crash, %d after the restart, %d duplicates"
                + " (%d on the crashed shard), %d lost; %d effects applied%n", sent.size(), handledBeforeCrash,
                aggregate.userRecords(), aggregate.shardId(), aggregate.sequenceNumber(), beforeCrash.size(),
                afterRestart.size(), all.size() - deliveriesById.size(),
                duplicates.stream().filter(id -> id.shard().equals(aggregate.shardId())).count(),
                produced.size() - all.stream().map(Delivery::content).distinct().count(), applied.size());
    }

    private static List<Long> subSequences(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    private static List<String> arguments(ConsumerSettings settings, Path received, Path effects, UserRecordId haltAfter) {
        List<String> arguments = new ArrayList<>(settings.asArguments());
        arguments.add("--it.received=" + received.toAbsolutePath());
        arguments.add("--it.effects=" + effects.toAbsolutePath());
        if (haltAfter != null) {
            arguments.add("--it.halt-after=" + haltAfter);
        }
        return arguments;
    }
}
