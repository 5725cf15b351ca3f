package io.github.kpldeagg.it.support;

/**
 * What identifies a delivered user record across redeliveries: the stream, the shard, the
 * sequence number of the Kinesis record that carried it, and its sub-sequence number in
 * that record.
 */
public record UserRecordId(String stream, String shard, String sequenceNumber, long subSequenceNumber) {

	@Override
	public String toString() {
		return this.stream + "/" + this.shard + "/" + this.sequenceNumber + "/" + this.subSequenceNumber;
	}
}
