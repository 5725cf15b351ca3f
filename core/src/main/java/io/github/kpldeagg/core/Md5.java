package io.github.kpldeagg.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MD5, which the KPL format uses both as checksum and as partition-key hash.
 *
 * @author The kpl-deagg maintainers
 */
final class Md5 {

	static final int DIGEST_LENGTH = 16;

	private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must provide MD5", ex);
		}
	});

	private Md5() {
	}

	static byte[] digest(byte[] bytes) {
		return digest(bytes, 0, bytes.length);
	}

	static byte[] digest(byte[] bytes, int offset, int length) {
		MessageDigest md5 = DIGEST.get();
		md5.update(bytes, offset, length);
		return md5.digest();
	}

}
