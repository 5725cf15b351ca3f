package io.github.kpldeagg.producer;

/**
 * Token buckets of one shard's records and bytes per second, each holding one second's
 * worth, as the KPL's limiter. A Kinesis record may overdraw what is left, so that one
 * larger than a second's bytes still goes; the debt delays what follows.
 */
final class ShardRateLimit {

	private static final double RECORDS_PER_SECOND = 1_000;

	private static final double BYTES_PER_SECOND = 1024 * 1024;

	private final double recordsPerNano;

	private final double bytesPerNano;

	private final double maxRecords;

	private final double maxBytes;

	private double records;

	private double bytes;

	private long refilledAtNanos;

	ShardRateLimit(int percent, long nowNanos) {
		this.maxRecords = RECORDS_PER_SECOND * percent / 100;
		this.maxBytes = BYTES_PER_SECOND * percent / 100;
		this.recordsPerNano = maxRecords / 1e9;
		this.bytesPerNano = maxBytes / 1e9;
		this.records = maxRecords;
		this.bytes = maxBytes;
		this.refilledAtNanos = nowNanos;
	}

	/** Whether one more record may go after those already counted in this batch. */
	boolean allowsOneMore(int recordsInBatch, long bytesInBatch, long nowNanos) {
		refill(nowNanos);
		return records - recordsInBatch >= 1 && bytes - bytesInBatch > 0;
	}

	void take(int recordCount, long byteCount) {
		records -= recordCount;
		bytes -= byteCount;
	}

	private void refill(long nowNanos) {
		long elapsed = nowNanos - refilledAtNanos;
		if (elapsed > 0) {
			records = Math.min(maxRecords, records + elapsed * recordsPerNano);
			bytes = Math.min(maxBytes, bytes + elapsed * bytesPerNano);
			refilledAtNanos = nowNanos;
		}
	}

}
