package io.github.kpldeagg.producer;

/**
 * What {@link AggregatingProducer#addUserRecord} does when
 * {@link ProducerConfiguration#maxOutstandingUserRecords()} user records are outstanding.
 *
 * @author The kpl-deagg maintainers
 */
public enum BackPressure {

	/** Wait until one of them completes; an interrupt fails the new record's future. */
	BLOCK,

	/**
	 * Return at once a future failed with {@link OutstandingLimitException}.
	 */
	FAIL

}
