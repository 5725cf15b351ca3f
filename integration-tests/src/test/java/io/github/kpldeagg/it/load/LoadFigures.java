package io.github.kpldeagg.it.load;

import java.time.Duration;

/**
 * One mode's run of {@link SustainedLoadIT}: how long the KPL took to write the backlog,
 * the consumer's sample once it had delivered it, when and for how long the KPL wrote the
 * second phase, and the consumer's sample once it had delivered that too.
 */
record LoadFigures(String mode, String stream, int userRecords, Duration backlogPut, LoadSample backlog,
		long firstPutAtNanos, Duration put, LoadSample endToEnd) {

	/**
	 * From the consumer application starting its bindings to the last delivery of the
	 * backlog: what each mode takes to begin counts (KCL takes its leases and prefetches
	 * before it delivers the first user record).
	 */
	private Duration catchUp() {
		return Duration.ofNanos(this.backlog.lastAtNanos() - this.backlog.startedAtNanos());
	}

	/** From the first put of the second phase to its last delivery. */
	private Duration putToDelivered() {
		return Duration.ofNanos(this.endToEnd.lastAtNanos() - this.firstPutAtNanos);
	}

	@Override
	public String toString() {
		long catchUpCpu = this.backlog.cpuNanos() - this.backlog.cpuAtStartNanos();
		long endToEndCpu = this.endToEnd.cpuNanos() - this.backlog.cpuNanos();
		return String.format("  %-8s catch-up of the backlog from start: %,.0f user records/s (first after %.1f s), CPU"
				+ " %.2f cores, %.0f ms per 1,000 user records, heap at most %d MB (the KPL wrote it at" + " %,.0f/s)%n"
				+ "           end to end while the KPL writes: %,.0f user records/s from first put to last"
				+ " delivery, CPU %.2f cores, %.0f ms per 1,000 user records, heap at most %d MB (the KPL put"
				+ " %,.0f/s)", this.mode, perSecond(this.backlog.count(), catchUp()),
				(this.backlog.firstAtNanos() - this.backlog.startedAtNanos()) / 1e9, cores(catchUpCpu, catchUp()),
				catchUpCpu / 1e6 / (this.backlog.count() / 1000.0), megabytes(this.backlog.maxHeapUsedBytes()),
				perSecond(this.userRecords, this.backlogPut), perSecond(this.userRecords, putToDelivered()),
				cores(endToEndCpu, putToDelivered()), endToEndCpu / 1e6 / (this.userRecords / 1000.0),
				megabytes(this.endToEnd.maxHeapUsedBytes()), perSecond(this.userRecords, this.put));
	}

	private static double perSecond(long userRecords, Duration duration) {
		return userRecords / (duration.toNanos() / 1e9);
	}

	/** CPU time over wall time: 1.0 is one core busy all along. */
	private static double cores(long cpuNanos, Duration duration) {
		return cpuNanos / (double) duration.toNanos();
	}

	private static long megabytes(long bytes) {
		return bytes / (1024 * 1024);
	}
}
