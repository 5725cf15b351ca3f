package io.github.kpldeagg.producer;

/**
 * Token buckets of one shard's records and bytes per second, each holding one second's
 * worth, as the KPL's limiter. A Kinesis record may overdraw what is left, so that one
 * larger than a second's bytes still goes; the debt delays what follows.
 *
 * @author The kpl-deagg maintainers
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
		this.recordsPerNano = this.maxRecords / 1e9;
		this.bytesPerNano = this.maxBytes / 1e9;
		this.records = this.maxRecords;
		this.bytes = this.maxBytes;
		this.refilledAtNanos = nowNanos;
	}

	/**
	 * Whether one more record may go after those already counted in this batch.
	 * @param recordsInBatch the records in batch
	 * @param bytesInBatch the bytes in batch
	 * @param nowNanos the now nanos
	 * @return whether one more record may go after those already counted in this batch
	 */
	boolean allowsOneMore(int recordsInBatch, long bytesInBatch, long nowNanos) {
		refill(nowNanos);
		return this.records - recordsInBatch >= 1 && this.bytes - bytesInBatch > 0;
	}

	void take(int recordCount, long byteCount) {
		this.records -= recordCount;
		this.bytes -= byteCount;
	}

	private void refill(long nowNanos) {
		long elapsed = nowNanos - this.refilledAtNanos;
		if (elapsed > 0) {
			this.records = Math.min(this.maxRecords, this.records + elapsed * this.recordsPerNano);
			this.bytes = Math.min(this.maxBytes, this.bytes + elapsed * this.bytesPerNano);
			this.refilledAtNanos = nowNanos;
		}
	}

}
