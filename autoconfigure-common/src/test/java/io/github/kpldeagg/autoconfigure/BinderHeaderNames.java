package io.github.kpldeagg.autoconfigure;

/**
 * The names of the binder's own headers on this line ({@code aws_*} or
 * {@code Kinesis_*}), for tests in other packages.
 */
public final class BinderHeaderNames {

	public static final String RECEIVED_PARTITION_KEY = TestedBinderLine.LINE.headers().receivedPartitionKey();

	public static final String RECEIVED_SEQUENCE_NUMBER = TestedBinderLine.LINE.headers().receivedSequenceNumber();

	public static final String RECEIVED_STREAM = TestedBinderLine.LINE.headers().receivedStream();

	public static final String SHARD = TestedBinderLine.LINE.headers().shard();

	public static final String CHECKPOINTER = TestedBinderLine.LINE.headers().checkpointer();

	private BinderHeaderNames() {
	}

}
