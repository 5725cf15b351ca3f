package io.github.kpldeagg.sample;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.kpldeagg.sample.check.DeliveryLedger;
import io.github.kpldeagg.sample.check.Tally;
import io.github.kpldeagg.sample.producer.ProducerStats;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Prints a progress line at a fixed interval while records are put or received.
 *
 * @author The kpl-deagg maintainers
 */
@Component
class ProgressReporter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

	private final DeliveryLedger ledger;

	private final SampleProperties sample;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "sample-progress");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable Supplier<ProducerStats> producer;

	private @Nullable ScheduledFuture<?> reporting;

	private String lastLine = "";

	private long lastReceived;

	private long lastReportNanos;

	ProgressReporter(DeliveryLedger ledger, SampleProperties sample) {
		this.ledger = ledger;
		this.sample = sample;
	}

	/**
	 * Starts reporting; {@code producer} is null when the sample only consumes.
	 * @param producer the producer
	 */
	synchronized void start(@Nullable Supplier<ProducerStats> producer) {
		this.producer = producer;
		this.lastReportNanos = System.nanoTime();
		long intervalMillis = this.sample.progressInterval().toMillis();
		this.reporting = this.scheduler.scheduleAtFixedRate(this::report, intervalMillis, intervalMillis,
				TimeUnit.MILLISECONDS);
	}

	/** Stops reporting after a last line, if anything changed since the previous one. */
	synchronized void stop() {
		if (this.reporting != null) {
			this.reporting.cancel(false);
		}
		report();
	}

	private synchronized void report() {
		Tally userRecords = this.ledger.tally(UserRecordConsumers.USER_RECORDS);
		String line;
		if (this.producer == null) {
			line = "received " + userRecords.userRecords() + " user records in " + userRecords.kinesisRecords()
					+ " Kinesis records (" + userRecords.aggregates() + " aggregates, " + userRecords.plainRecords()
					+ " plain records)";
		}
		else {
			ProducerStats put = this.producer.get();
			line = "put " + put.userRecords() + "/" + this.sample.records() + " user records in " + put.kinesisRecords()
					+ " Kinesis records | received " + userRecords.userRecords() + " on "
					+ UserRecordConsumers.USER_RECORDS + ", "
					+ this.ledger.tally(UserRecordConsumers.READINGS).userRecords() + " on "
					+ UserRecordConsumers.READINGS;
		}
		long now = System.nanoTime();
		if (!line.equals(this.lastLine)) {
			long perSecond = (userRecords.userRecords() - this.lastReceived) * 1_000_000_000
					/ Math.max(1, now - this.lastReportNanos);
			log.info("{} | {} user records/s", line, perSecond);
		}
		this.lastLine = line;
		this.lastReceived = userRecords.userRecords();
		this.lastReportNanos = now;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
