package io.github.kpldeagg.autoconfigure;

/**
 * The names of the headers the Kinesis binder's polling adapter sets: {@code aws_*} on
 * the Boot 3 line, {@code Kinesis_*} on the current one. Given by each
 * {@link BinderLine}.
 *
 * @param receivedPartitionKey the record's partition key, overwritten with each user
 * record's
 * @param receivedSequenceNumber the record's sequence number
 * @param receivedStream the stream it was read from
 * @param shard the shard it was read from
 * @param checkpointer the shard's checkpointer (manual checkpoint mode)
 * @param rawRecord the raw record(s) on an error message
 * @author The kpl-deagg maintainers
 */
public record BinderHeaders(String receivedPartitionKey, String receivedSequenceNumber, String receivedStream,
		String shard, String checkpointer, String rawRecord) {
}
