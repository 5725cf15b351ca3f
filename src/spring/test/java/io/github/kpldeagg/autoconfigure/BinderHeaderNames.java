package io.github.kpldeagg.autoconfigure;

/**
 * The names of the binder's own headers on this line ({@code aws_*} or
 * {@code Kinesis_*}), for tests in other packages.
 */
public final class BinderHeaderNames {

	public static final String RECEIVED_PARTITION_KEY = BinderLine.GENERATION.headers().receivedPartitionKey();

	public static final String RECEIVED_SEQUENCE_NUMBER = BinderLine.GENERATION.headers().receivedSequenceNumber();

	public static final String RECEIVED_STREAM = BinderLine.GENERATION.headers().receivedStream();

	public static final String SHARD = BinderLine.GENERATION.headers().shard();

	public static final String CHECKPOINTER = BinderLine.GENERATION.headers().checkpointer();

	private BinderHeaderNames() {
	}

}
