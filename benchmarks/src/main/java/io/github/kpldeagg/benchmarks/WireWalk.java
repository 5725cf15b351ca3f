package io.github.kpldeagg.benchmarks;

import java.io.IOException;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * The least any reader of the format must do besides the MD5: visit every tag and length
 * of the {@code AggregatedRecord} and its user records, skipping all content and creating
 * no objects.
 *
 * @author The kpl-deagg maintainers
 */
final class WireWalk {

	private static final int RECORDS = 3 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

	private WireWalk() {
	}

	/**
	 * Walks the protobuf bytes; returns the number of user records so the walk cannot be
	 * elided.
	 * @param bytes the bytes
	 * @param offset the offset
	 * @param length the length
	 * @return the number of user records
	 */
	static int userRecords(byte[] bytes, int offset, int length) throws IOException {
		CodedInputStream in = CodedInputStream.newInstance(bytes, offset, length);
		int userRecords = 0;
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			if (tag != RECORDS) {
				in.skipField(tag);
				continue;
			}
			int outerLimit = in.pushLimit(in.readRawVarint32());
			for (int field = in.readTag(); field != 0; field = in.readTag()) {
				in.skipField(field);
			}
			in.popLimit(outerLimit);
			userRecords++;
		}
		return userRecords;
	}

}
