package io.github.kpldeagg.sample.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.sample.check.DeliveryLedger;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Writes a run's readings at a steady rate in buffering windows, as the KPL does with its
 * default {@code RecordMaxBufferedTime} of 100 ms: what each window collects is
 * aggregated per shard and put. Every fifth window is a single reading put at once, which
 * goes out plain as the KPL sends a lone user record.
 *
 * @author The kpl-deagg maintainers
 */
public final class PacedProducer {

	private static final Duration WINDOW = Duration.ofMillis(100);

	private static final int LONE_READING_EVERY = 5;

	private final ReadingSource readings;

	private final CoreAggregatorWrites writes;

	private final String stream;

	private final DeliveryLedger ledger;

	public PacedProducer(KinesisClient kinesis, String stream, int partitionKeys, DeliveryLedger ledger) {
		this.readings = new ReadingSource(ledger.run(), partitionKeys);
		this.writes = new CoreAggregatorWrites(kinesis, stream, ledger);
		this.stream = stream;
		this.ledger = ledger;
	}

	/**
	 * Puts {@code count} readings at about {@code perSecond} per second; returns when all
	 * are put.
	 * @param count the count
	 * @param perSecond the per second
	 */
	public void put(int count, int perSecond) {
		int perWindow = Math.max(1, (int) (perSecond * WINDOW.toMillis() / 1000));
		long next = System.nanoTime();
		int put = 0;
		for (int window = 1; put < count; window++) {
			boolean lone = window % LONE_READING_EVERY == 0;
			int size = Math.min(count - put, lone ? 1 : perWindow);
			List<OutgoingReading> batch = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				batch.add(this.readings.next());
			}
			this.writes.putWindow(batch);
			put += size;
			if (!lone) {
				next += WINDOW.toNanos();
				sleepUntil(next);
			}
		}
	}

	public ProducerStats stats() {
		return this.writes.stats();
	}

	/**
	 * Puts {@code count} more readings at about {@code perSecond} per second, in the same
	 * windows, with kpl-deagg-producer's {@link AggregatingProducer}, which aggregates
	 * and times them itself; returns when all are put.
	 * @param kplDeaggProducer the kpl deagg producer
	 * @param count the count
	 * @param perSecond the per second
	 * @return what it put
	 */
	public ProducerStats putThrough(AggregatingProducer kplDeaggProducer, int count, int perSecond) {
		KplDeaggProducerWrites kplDeaggWrites = new KplDeaggProducerWrites(kplDeaggProducer, this.stream, this.ledger);
		int perWindow = Math.max(1, (int) (perSecond * WINDOW.toMillis() / 1000));
		long next = System.nanoTime();
		for (int put = 0; put < count; put += perWindow) {
			for (int i = 0; i < Math.min(perWindow, count - put); i++) {
				kplDeaggWrites.add(this.readings.next());
			}
			next += WINDOW.toNanos();
			sleepUntil(next);
		}
		kplDeaggProducer.flushSync();
		return kplDeaggWrites.stats();
	}

	private static void sleepUntil(long nanoTime) {
		long wait = nanoTime - System.nanoTime();
		if (wait > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while producing", ex);
			}
		}
	}

}
