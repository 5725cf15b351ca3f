package io.github.kpldeagg.sample.producer;

/** What the producer has put so far. */
public record ProducerStats(long userRecords, long aggregates, long plainRecords, long putRecordsCalls) {

	public long kinesisRecords() {
		return aggregates + plainRecords;
	}
}
