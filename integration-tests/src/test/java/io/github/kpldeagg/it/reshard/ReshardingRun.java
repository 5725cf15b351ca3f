package io.github.kpldeagg.it.reshard;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.kpldeagg.core.HashKeys;
import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.RecordContent;
import io.github.kpldeagg.it.support.SentRecord;
import io.github.kpldeagg.it.support.ShardLineage;

/**
 * What the KPL wrote and one consumer group delivered, in arrival order, across a
 * resharding. Hash keys come from what the producer gave: a plain record's explicit hash
 * key does not travel.
 */
final class ReshardingRun {

	/**
	 * The KPL's error code for a put whose aggregate went to another shard than it
	 * predicted.
	 */
	static final String WRONG_SHARD = "Wrong Shard";

	private final List<SentRecord> sent;

	private final ShardLineage lineage;

	private final List<Delivery> deliveries;

	private final Map<RecordContent, SentRecord> sentByContent;

	ReshardingRun(List<SentRecord> sent, ShardLineage lineage, List<Delivery> deliveries) {
		this.sent = sent;
		this.lineage = lineage;
		this.deliveries = deliveries;
		this.sentByContent = sent.stream()
			.collect(Collectors.toMap((record) -> record.record().content(), Function.identity(),
					(first, again) -> first));
	}

	List<Delivery> deliveries() {
		return this.deliveries;
	}

	int produced() {
		return this.sent.size();
	}

	Set<RecordContent> producedContents() {
		return this.sent.stream().map((record) -> record.record().content()).collect(Collectors.toSet());
	}

	Set<RecordContent> deliveredContents() {
		return this.deliveries.stream().map(Delivery::content).collect(Collectors.toSet());
	}

	/**
	 * Puts that wrote a user record to a shard the KPL did not predict, after which it
	 * put the record again.
	 */
	int wrongShardPuts() {
		return (int) this.sent.stream()
			.flatMap((record) -> record.failedAttempts().stream())
			.filter(WRONG_SHARD::equals)
			.count();
	}

	/**
	 * Deliveries from a shard whose hash-key range does not hold the user record's hash
	 * key.
	 */
	List<Delivery> strays() {
		return this.deliveries.stream()
			.filter((delivery) -> !this.lineage.contains(delivery.id().shard(), hashKey(delivery)))
			.toList();
	}

	/** Deliveries of a user record that was delivered before. */
	long duplicates() {
		return this.deliveries.size() - deliveredContents().size();
	}

	long hashKeys() {
		return this.deliveries.stream().map(this::hashKey).distinct().count();
	}

	/**
	 * The hash keys whose deliveries, in arrival order, are not in Kinesis order: by the
	 * generation of the shard (parents before children), then by sequence and
	 * sub-sequence number.
	 */
	List<BigInteger> outOfOrderHashKeys() {
		Comparator<Delivery> kinesisOrder = Comparator
			.<Delivery>comparingInt((delivery) -> this.lineage.generation(delivery.id().shard()))
			.thenComparing((delivery) -> new BigInteger(delivery.id().sequenceNumber()))
			.thenComparingLong((delivery) -> delivery.id().subSequenceNumber());
		return this.deliveries.stream()
			.collect(Collectors.groupingBy(this::hashKey))
			.entrySet()
			.stream()
			.filter((byHashKey) -> !byHashKey.getValue()
				.equals(byHashKey.getValue().stream().sorted(kinesisOrder).toList()))
			.map(Map.Entry::getKey)
			.toList();
	}

	private BigInteger hashKey(Delivery delivery) {
		SentRecord origin = this.sentByContent.get(delivery.content());
		return HashKeys.effectiveHashKey(origin.record().partitionKey(), origin.record().explicitHashKey());
	}

}
