package io.github.kpldeagg.it.crash;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.RecordContent;
import io.github.kpldeagg.it.support.SentRecord;
import io.github.kpldeagg.it.support.UserRecordId;

/**
 * What a run of {@link RepeatedCrashesIT} produced, delivered and applied, and the
 * figures it reports.
 *
 * @param received every delivery to every consumer JVM, repeats included
 * @param effects what the consumers applied, dropping identities applied before
 */
record CrashFigures(List<SentRecord> sent, List<Delivery> received, List<Delivery> effects, int kills) {

	static Set<RecordContent> producedContents(List<SentRecord> sent) {
		return sent.stream().map((record) -> record.record().content()).collect(Collectors.toSet());
	}

	static Set<RecordContent> deliveredContents(List<Delivery> deliveries) {
		return deliveries.stream().map(Delivery::content).collect(Collectors.toSet());
	}

	Set<RecordContent> lost() {
		Set<RecordContent> lost = new HashSet<>(producedContents(this.sent));
		lost.removeAll(deliveredContents(this.received));
		return lost;
	}

	/**
	 * Identities delivered with different content: none, if identities let a consumer
	 * drop repeats.
	 */
	List<UserRecordId> identitiesNamingTwoUserRecords() {
		return this.received.stream()
			.collect(Collectors.groupingBy(Delivery::id, Collectors.mapping(Delivery::content, Collectors.toSet())))
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().size() > 1)
			.map(Map.Entry::getKey)
			.toList();
	}

	/** Deliveries of an identity delivered before. */
	long repeats() {
		return this.received.size() - this.received.stream().map(Delivery::id).distinct().count();
	}

	/**
	 * Effects of a user record applied before under another identity: the KPL stored it
	 * twice.
	 */
	long effectsOfUserRecordsThePutTwice() {
		return this.effects.size() - deliveredContents(this.effects).size();
	}

	long userRecordsWithFailedAttempts() {
		return this.sent.stream().filter((record) -> !record.failedAttempts().isEmpty()).count();
	}

	/**
	 * From the moment the producer handed each user record to the KPL to its first
	 * delivery, shortest first.
	 */
	long[] putToFirstDeliveryNanos() {
		Map<RecordContent, Long> firstDelivery = this.received.stream()
			.collect(Collectors.toMap(Delivery::content, Delivery::receivedAtNanos, Math::min));
		return this.sent.stream()
			.mapToLong((record) -> firstDelivery.get(record.record().content()) - record.putAtNanos())
			.sorted()
			.toArray();
	}

	String report(CrashPlan plan) {
		long[] putToFirstDelivery = putToFirstDeliveryNanos();
		return String.format(
				"Repeated crashes (%s): %d user records produced (%.0f/s), %d kills (SIGKILL),"
						+ " %d deliveries, %d repeats delivered, %d lost, %d effects applied (%d of user records the"
						+ " KPL stored twice); put to first delivery: median %.1f s, 99th percentile %.1f s,"
						+ " longest %.1f s",
				plan, this.sent.size(), this.sent.size() / (double) plan.duration().toSeconds(), this.kills,
				this.received.size(), repeats(), lost().size(), this.effects.size(), effectsOfUserRecordsThePutTwice(),
				percentileSeconds(putToFirstDelivery, 50), percentileSeconds(putToFirstDelivery, 99),
				percentileSeconds(putToFirstDelivery, 100));
	}

	private static double percentileSeconds(long[] sortedNanos, double percentile) {
		return (sortedNanos.length == 0) ? 0
				: sortedNanos[(int) Math.ceil(percentile / 100 * sortedNanos.length) - 1] / 1e9;
	}
}
