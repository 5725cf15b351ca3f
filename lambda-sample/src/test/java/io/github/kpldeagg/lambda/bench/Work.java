package io.github.kpldeagg.lambda.bench;

import io.github.kpldeagg.core.UserRecord;

/** The work both variants do per user record: count it and its bytes. */
public final class Work {

	static long userRecords;
	static long bytes;

	private Work() {
	}

	public static void on(UserRecord userRecord) {
		userRecords++;
		bytes += userRecord.dataLength();
	}

}
