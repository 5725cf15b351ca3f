package io.github.kpldeagg.core;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A key table of a validated aggregate: where each entry lies, one int each. The strings
 * of a small table are kept once decoded and shared by the user records that use them, as
 * a table of one key is common; those of a larger table are decoded for each user record,
 * so that the table never holds more than its offsets and a few strings.
 *
 * @author The kpl-deagg maintainers
 */
final class KeyTable {

	/** The most entries whose strings are kept: a few kilobytes of string headers. */
	static final int MAX_KEPT_STRINGS = 16;

	private final byte[] source;

	/** Offset of each entry's length prefix. */
	private final int[] offsets;

	/**
	 * Decoded entries of a small table, filled as user records are created; null for a
	 * larger table. Racing threads may both decode an entry: strings are immutable, so
	 * either copy is safe to share.
	 */
	private final @Nullable String @Nullable [] strings;

	KeyTable(byte[] source, int[] offsets) {
		this.source = source;
		this.offsets = offsets;
		this.strings = (offsets.length <= MAX_KEPT_STRINGS) ? new String[offsets.length] : null;
	}

	int size() {
		return this.offsets.length;
	}

	/**
	 * Offset of the entry's length prefix.
	 * @param index the index
	 * @return the offset of the entry's length prefix
	 */
	int offset(int index) {
		return this.offsets[index];
	}

	/**
	 * The entry as protobuf-java decodes a string field.
	 * @param index the index
	 * @return the entry as protobuf-java decodes a string field
	 */
	String string(int index) {
		if (this.strings == null) {
			return decode(this.source, this.offsets[index]);
		}
		String string = this.strings[index];
		if (string == null) {
			string = decode(this.source, this.offsets[index]);
			this.strings[index] = string;
		}
		return string;
	}

	/**
	 * The string field whose length prefix is at {@code offset}, decoded as protobuf-java
	 * decodes strings.
	 * @param source the source
	 * @param offset the offset
	 * @return the string field whose length prefix is at {@code offset}, decoded as
	 * protobuf-java decodes strings
	 */
	static String decode(byte[] source, int offset) {
		WireCursor in = new WireCursor(source, offset);
		int length = in.readLength();
		return new String(source, in.position(), length, StandardCharsets.UTF_8);
	}

}
