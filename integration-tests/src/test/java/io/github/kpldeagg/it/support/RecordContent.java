package io.github.kpldeagg.it.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the producer put into a user record and a consumer must get back whatever way it
 * travelled: the partition key and a digest of the data. (The explicit hash key is not
 * among them: Kinesis does not return the one of a plain record.) Every record a test
 * produces has different content, so content names a produced record.
 */
public record RecordContent(String partitionKey, String dataSha256) {

	public static RecordContent of(String partitionKey, byte[] data) {
		try {
			return new RecordContent(partitionKey,
					HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}
}
