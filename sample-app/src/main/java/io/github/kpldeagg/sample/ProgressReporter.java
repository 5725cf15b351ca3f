package io.github.kpldeagg.sample;

import static io.github.kpldeagg.sample.UserRecordConsumers.READINGS;
import static io.github.kpldeagg.sample.UserRecordConsumers.USER_RECORDS;

import io.github.kpldeagg.sample.check.DeliveryLedger;
import io.github.kpldeagg.sample.check.Tally;
import io.github.kpldeagg.sample.producer.ProducerStats;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/** Prints a progress line at a fixed interval while records are put or received. */
@Component
class ProgressReporter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

	private final DeliveryLedger ledger;

	private final SampleProperties sample;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
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

	/** Starts reporting; {@code producer} is null when the sample only consumes. */
	synchronized void start(@Nullable Supplier<ProducerStats> producer) {
		this.producer = producer;
		lastReportNanos = System.nanoTime();
		long intervalMillis = sample.progressInterval().toMillis();
		reporting = scheduler.scheduleAtFixedRate(this::report, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
	}

	/** Stops reporting after a last line, if anything changed since the previous one. */
	synchronized void stop() {
		if (reporting != null) {
			reporting.cancel(false);
		}
		report();
	}

	private synchronized void report() {
		Tally userRecords = ledger.tally(USER_RECORDS);
		String line;
		if (producer == null) {
			line = "received " + userRecords.userRecords() + " user records in " + userRecords.kinesisRecords()
					+ " Kinesis records (" + userRecords.aggregates() + " aggregates, " + userRecords.plainRecords()
					+ " plain records)";
		}
		else {
			ProducerStats put = producer.get();
			line = "put " + put.userRecords() + "/" + sample.records() + " user records in " + put.kinesisRecords()
					+ " Kinesis records | received " + userRecords.userRecords() + " on " + USER_RECORDS + ", "
					+ ledger.tally(READINGS).userRecords() + " on " + READINGS;
		}
		long now = System.nanoTime();
		if (!line.equals(lastLine)) {
			long perSecond = (userRecords.userRecords() - lastReceived) * 1_000_000_000
					/ Math.max(1, now - lastReportNanos);
			log.info("{} | {} user records/s", line, perSecond);
		}
		lastLine = line;
		lastReceived = userRecords.userRecords();
		lastReportNanos = now;
	}

	@Override
	public void destroy() {
		scheduler.shutdownNow();
	}

}
