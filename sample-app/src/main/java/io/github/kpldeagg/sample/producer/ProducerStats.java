package io.github.kpldeagg.sample.producer;

/**
 * What the producer has put so far.
 *
 * @param aggregates the aggregates
 * @param plainRecords the plain records
 * @param putRecordsCalls the put records calls
 * @param userRecords the user records
 * @author The kpl-deagg maintainers
 */
public record ProducerStats(long userRecords, long aggregates, long plainRecords, long putRecordsCalls) {

	public long kinesisRecords() {
		return this.aggregates + this.plainRecords;
	}
}
