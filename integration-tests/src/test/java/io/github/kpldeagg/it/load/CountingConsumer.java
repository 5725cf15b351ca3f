package io.github.kpldeagg.it.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.kpldeagg.it.support.ConsumerApp;
import io.github.kpldeagg.it.support.DeliveryHandler;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of the load test, run in a JVM of its own so that its CPU and heap are its
 * alone: counts the user records it receives and, every {@value #SAMPLE_MILLIS} ms,
 * writes a {@link LoadSample} to {@code it.progress}.
 */
@Configuration(proxyBeanMethods = false)
public class CountingConsumer {

	static final int SAMPLE_MILLIS = 250;

	public static void main(String[] args) {
		new SpringApplicationBuilder(ConsumerApp.class, CountingConsumer.class, KclShardSync.class).run(args);
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService progressWriter(@Value("${it.progress}") Path progress, Counts counts) {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		AtomicLong maxHeapUsed = new AtomicLong();
		executor.scheduleAtFixedRate(() -> {
			maxHeapUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
			write(progress,
					new LoadSample(counts.startedAtNanos.get(), counts.cpuAtStartNanos.get(), counts.count.get(),
							counts.firstAtNanos.get(), counts.lastAtNanos.get(), maxHeapUsed.get(), cpuNanos()));
		}, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
		return executor;
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	@Bean
	Counts counts() {
		return new Counts();
	}

	/**
	 * Started first of the application's lifecycle beans, just before the bindings, in
	 * either mode: where catching up starts.
	 */
	@Bean
	SmartLifecycle bindingsStart(Counts counts) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				counts.cpuAtStartNanos.set(cpuNanos());
				counts.startedAtNanos.set(System.nanoTime());
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

			@Override
			public int getPhase() {
				return Integer.MIN_VALUE;
			}
		};
	}

	@Bean
	DeliveryHandler countingHandler(Counts counts) {
		return (delivery) -> {
			counts.firstAtNanos.compareAndSet(0, delivery.receivedAtNanos());
			counts.lastAtNanos.accumulateAndGet(delivery.receivedAtNanos(), Math::max);
			counts.count.incrementAndGet();
		};
	}

	/** Replaces the file at once, so that a reader never sees half a sample. */
	private static void write(Path progress, LoadSample sample) {
		try {
			Path next = progress.resolveSibling(progress.getFileName() + ".next");
			Files.writeString(next, sample.toLine(), StandardCharsets.UTF_8);
			Files.move(next, progress, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + progress, ex);
		}
	}

	static final class Counts {

		final AtomicLong count = new AtomicLong();

		final AtomicLong firstAtNanos = new AtomicLong();

		final AtomicLong lastAtNanos = new AtomicLong();

		final AtomicLong startedAtNanos = new AtomicLong();

		final AtomicLong cpuAtStartNanos = new AtomicLong();

	}

}
