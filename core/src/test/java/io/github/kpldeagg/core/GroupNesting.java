package io.github.kpldeagg.core;

/** Aggregates with an unknown group nested deep inside one of the format's messages. */
final class GroupNesting {

	private GroupNesting() {
	}

	/**
	 * Two user records and groups nested {@code groups} deep inside the aggregate
	 * (message depth 0), the second user record (1) or its tag (2).
	 */
	static byte[] aggregate(int messageDepth, int groups) {
		ProtobufBytes nested = new ProtobufBytes().nestedGroups(7, groups);
		ProtobufBytes aggregate = new ProtobufBytes().string(1, "pk")
			.message(3, ProtobufBytes.userRecord(0, null, "x"));
		return switch (messageDepth) {
			case 0 -> aggregate.message(3, ProtobufBytes.userRecord(0, null, "y")).raw(nested.toByteArray()).framed();
			case 1 -> aggregate.message(3, ProtobufBytes.userRecord(0, null, "y").raw(nested.toByteArray())).framed();
			case 2 ->
				aggregate
					.message(3,
							ProtobufBytes.userRecord(0, null, "y")
								.message(4, new ProtobufBytes().string(1, "key").raw(nested.toByteArray())))
					.framed();
			default -> throw new IllegalArgumentException("The format nests messages 2 deep, not " + messageDepth);
		};
	}

}
