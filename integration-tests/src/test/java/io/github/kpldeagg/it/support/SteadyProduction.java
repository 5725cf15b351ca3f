package io.github.kpldeagg.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The real KPL writing to a stream for as long as a test needs, from a thread of its own:
 * slice after slice of {@link Corpus} records (each slice handed to the KPL at once, so
 * that it aggregates, and awaited), a pause between slices, until a number of slices is
 * sent or {@link #stop(Duration)} is called. Each written slice goes to the sink as the
 * KPL reported it.
 */
public final class SteadyProduction {

	private final AtomicBoolean stopping = new AtomicBoolean();

	private final AtomicInteger slicesSent = new AtomicInteger();

	private final CompletableFuture<Void> running;

	private SteadyProduction(RealKpl kpl, String stream, Pace pace, long seed, Consumer<List<SentRecord>> sink) {
		// A thread of its own: the common pool has one thread on two cores, and
		// tests use it too.
		this.running = CompletableFuture.runAsync(() -> {
			for (int slice = 0; slice < pace.maxSlices() && !this.stopping.get(); slice++) {
				List<ProducedRecord> records = Corpus.generate(slice * pace.sliceSize(), pace.sliceSize(),
						seed + slice);
				sink.accept((slice == 0) ? warmUpFirst(kpl, stream, records) : kpl.send(stream, records));
				this.slicesSent.incrementAndGet();
				Deliveries.sleep(pace.pause());
			}
		}, (runnable) -> new Thread(runnable, "steady-production").start());
	}

	public static SteadyProduction start(RealKpl kpl, String stream, Pace pace, long seed,
			Consumer<List<SentRecord>> sink) {
		return new SteadyProduction(kpl, stream, pace, seed, sink);
	}

	/**
	 * Until the daemon has the stream's shard map it sends every record plain: the first
	 * one alone, awaited.
	 */
	private static List<SentRecord> warmUpFirst(RealKpl kpl, String stream, List<ProducedRecord> records) {
		List<SentRecord> sent = new ArrayList<>(records.size());
		sent.add(kpl.warmUp(stream, records.get(0)));
		sent.addAll(kpl.send(stream, records.subList(1, records.size())));
		return sent;
	}

	public int slicesSent() {
		return this.slicesSent.get();
	}

	public boolean isDone() {
		return this.running.isDone();
	}

	/**
	 * Waits until the last slice is written, within {@code timeout}; rethrows what failed
	 * the production.
	 */
	public void awaitEnd(Duration timeout) {
		this.running.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	/**
	 * Sends no further slice after the one being written; returns when that one is
	 * written.
	 */
	public void stop(Duration timeout) {
		this.stopping.set(true);
		awaitEnd(timeout);
	}

	/**
	 * How the KPL writes: {@code sliceSize} user records at once, then {@code pause}, at
	 * most {@code maxSlices} times.
	 */
	public record Pace(int sliceSize, Duration pause, int maxSlices) {

		public static Pace until(int sliceSize, Duration pause) {
			return new Pace(sliceSize, pause, Integer.MAX_VALUE);
		}
	}

}
