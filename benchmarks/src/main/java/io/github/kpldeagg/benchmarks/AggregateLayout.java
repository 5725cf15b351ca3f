package io.github.kpldeagg.benchmarks;

import java.security.MessageDigest;

/**
 * Where the protobuf body of a KPL aggregate lies: after the 4 magic bytes, before the
 * 16-byte MD5.
 *
 * @author The kpl-deagg maintainers
 */
public final class AggregateLayout {

	/** The length of the KPL magic that starts an aggregate. */
	public static final int MAGIC_BYTES = 4;

	private static final int MD5_BYTES = 16;

	private AggregateLayout() {
	}

	public static int protobufBytes(byte[] aggregate) {
		return aggregate.length - MAGIC_BYTES - MD5_BYTES;
	}

	/**
	 * The MD5 of the protobuf body: the check every reader of an aggregate must make.
	 * @param md5 the md5
	 * @param aggregate the aggregate
	 * @return the MD5 of the protobuf body
	 */
	public static byte[] bodyMd5(MessageDigest md5, byte[] aggregate) {
		md5.update(aggregate, MAGIC_BYTES, protobufBytes(aggregate));
		return md5.digest();
	}

}
