package io.github.kpldeagg.it.reshard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.kpldeagg.it.support.ConsumerInstance;
import io.github.kpldeagg.it.support.ConsumerSettings;
import io.github.kpldeagg.it.support.Deliveries;
import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import io.github.kpldeagg.it.support.RealKpl;
import io.github.kpldeagg.it.support.RecordContent;
import io.github.kpldeagg.it.support.Resharding;
import io.github.kpldeagg.it.support.SentRecord;
import io.github.kpldeagg.it.support.ShardLineage;
import io.github.kpldeagg.it.support.SteadyProduction;
import io.github.kpldeagg.it.support.SteadyProduction.Pace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real KPL writes to a 2-shard stream without pause while the test splits shard 0 and
 * then merges the split's upper child with shard 1. The KPL, whose shard map is stale for
 * a moment after each, puts aggregates meant for the parent on a child, finds out from
 * the put's shard and puts their user records again: the aggregate left on the child
 * holds strays, user records whose hash key belongs to its sibling.
 * <p>
 * Two consumer groups read the stream at the same time: one with
 * {@code kpl.deaggregation.shard-filter}, as KCL does it, one without. Neither loses a
 * user record. The filtering one delivers no user record from a shard whose range does
 * not hold its hash key, counts each stray in {@code kpl.deaggregation.filtered}, and
 * keeps the Kinesis order of each hash key across parents and children. The other
 * delivers the strays as well: duplicates of the user records the KPL put again.
 */
@LocalAwsTest
class ReshardingIT {

	/** The starter's count of the user records its shard filter dropped. */
	private static final String FILTERED_COUNTER = "kpl.deaggregation.filtered";

	/**
	 * 24 slices of 150 user records by default, for CI; the {@code proof-long} profile
	 * sets more.
	 */
	private static final int SLICES = Integer.getInteger("kpl.it.reshard.slices", 24);

	private static final Pace PACE = new Pace(150, Duration.ofMillis(250), SLICES);

	private static final int SPLIT_AFTER_SLICES = SLICES / 4;

	private static final int MERGE_AFTER_SLICES = SLICES * 7 / 12;

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@Test
	void withTheShardFilterNothingIsLostNoStrayIsDeliveredAndEachHashKeyKeepsItsOrder(LocalAws aws) {
		String stream = aws.createStream("reshard", 2);
		Resharding resharding = new Resharding(aws, stream);
		Deliveries filteredDeliveries = new Deliveries();
		Deliveries unfilteredDeliveries = new Deliveries();
		List<SentRecord> sent = Collections.synchronizedList(new ArrayList<>());
		ShardLineage lineage;
		double filteredCount;
		try (ConsumerInstance filtering = ConsumerInstance.start(settings(aws, stream, "filtering", true),
				filteredDeliveries);
				ConsumerInstance unfiltered = ConsumerInstance.start(settings(aws, stream, "unfiltered", false),
						unfilteredDeliveries);
				RealKpl kpl = RealKpl.start(aws.kinesis())) {
			SteadyProduction production = SteadyProduction.start(kpl, stream, PACE, 1111L, sent::addAll);
			String parent = resharding.lineage().shards().get(0);
			await().atMost(TIMEOUT).until(() -> production.slicesSent() >= SPLIT_AFTER_SLICES || production.isDone());
			ShardLineage afterSplit = resharding.split(parent);
			String upperChild = afterSplit.shards().get(afterSplit.shards().size() - 1);
			String neighbour = afterSplit.shards().get(1);
			await().atMost(TIMEOUT).until(() -> production.slicesSent() >= MERGE_AFTER_SLICES || production.isDone());
			lineage = resharding.merge(upperChild, neighbour);
			production.awaitEnd(TIMEOUT);
			awaitEveryContent(filteredDeliveries, sent);
			awaitEveryContent(unfilteredDeliveries, sent);
			filteredCount = filtering.count(FILTERED_COUNTER);
		}
		ReshardingRun filteringRun = new ReshardingRun(List.copyOf(sent), lineage, filteredDeliveries.all());
		ReshardingRun unfilteredRun = new ReshardingRun(List.copyOf(sent), lineage, unfilteredDeliveries.all());

		assertThat(lineage.shards()).as("shards after the split and the merge: %s", lineage).hasSize(5);
		for (ReshardingRun run : List.of(filteringRun, unfilteredRun)) {
			assertThat(run.deliveredContents()).as("lost: none").containsAll(run.producedContents());
			assertThat(run.deliveries()).extracting(Delivery::id)
				.as("each Kinesis copy of a user record once")
				.doesNotHaveDuplicates();
		}
		assertThat(unfilteredRun.strays()).as("strays the KPL left on the wrong child").isNotEmpty();
		assertThat(filteringRun.strays()).as("user records delivered from a shard not holding their hash key")
			.isEmpty();
		assertThat(filteredCount).as("kpl.deaggregation.filtered: the strays the other group delivered")
			.isEqualTo(unfilteredRun.strays().size());
		assertThat(filteringRun.deliveries().size() + (long) filteredCount)
			.as("every Kinesis copy of a user record either delivered or filtered")
			.isEqualTo(unfilteredRun.deliveries().size());
		assertThat(unfilteredRun.deliveries()).as("Kinesis copies: one per user record, one more per Wrong Shard put")
			.hasSize(filteringRun.produced() + filteringRun.wrongShardPuts());
		assertThat(filteringRun.outOfOrderHashKeys()).as("hash keys delivered out of their Kinesis order").isEmpty();

		System.out.printf("Resharding (split, then merge, while the KPL writes): %d user records produced, %d put"
				+ " again by the KPL after Wrong Shard; shards %s%n"
				+ "  shard filter on:  %d delivered, %d strays filtered (kpl.deaggregation.filtered), 0 from the"
				+ " wrong shard, 0 lost, %d duplicates (user records the KPL put again that stayed in range),"
				+ " order kept for all %d hash keys%n"
				+ "  shard filter off: %d delivered, %d strays delivered, 0 lost, %d duplicates%n",
				filteringRun.produced(), filteringRun.wrongShardPuts(), lineage, filteringRun.deliveries().size(),
				(long) filteredCount, filteringRun.duplicates(), filteringRun.hashKeys(),
				unfilteredRun.deliveries().size(), unfilteredRun.strays().size(), unfilteredRun.duplicates());
	}

	private static ConsumerSettings settings(LocalAws aws, String stream, String group, boolean shardFilter) {
		return ConsumerSettings.of(aws, stream, group)
			.instance(group)
			.set("kpl.deaggregation.shard-filter", Boolean.toString(shardFilter));
	}

	private static void awaitEveryContent(Deliveries deliveries, List<SentRecord> sent) {
		Set<RecordContent> expected = sent.stream()
			.map((record) -> record.record().content())
			.collect(Collectors.toSet());
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> deliveries.all()
				.stream()
				.map(Delivery::content)
				.collect(Collectors.toSet())
				.containsAll(expected));
		deliveries.awaitAtLeast(0, TIMEOUT);
	}

}
