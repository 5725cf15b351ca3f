package io.github.kpldeagg.sample.check;

/**
 * What one binding has received so far, counted from the user records' identities: an
 * aggregate is counted at its first user record.
 *
 * @param notOfThisRun user records that are not readings of this run (earlier runs, other
 * producers)
 * @param aggregates the aggregates
 * @param plainRecords the plain records
 * @param userRecords the user records
 * @author The kpl-deagg maintainers
 */
public record Tally(long userRecords, long aggregates, long plainRecords, long notOfThisRun) {

	/** The Kinesis records the user records came in. */
	public long kinesisRecords() {
		return this.aggregates + this.plainRecords;
	}
}
