package io.github.kpldeagg.it.load;

import io.github.kpldeagg.it.support.ConsumerApp;
import io.github.kpldeagg.it.support.DeliveryHandler;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of the load test, run in a JVM of its own so that its CPU and heap are its alone: counts the user
 * records it receives and, every {@value #SAMPLE_MILLIS} ms, writes a {@link LoadSample} to {@code it.progress}:
 * the count, when the first and the last arrived, the heap in use at most so far and the JVM's CPU time.
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
        com.sun.management.OperatingSystemMXBean system =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong maxHeapUsed = new AtomicLong();
        executor.scheduleAtFixedRate(() -> {
            maxHeapUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            write(progress, new LoadSample(counts.count.get(), counts.firstAtNanos.get(), counts.lastAtNanos.get(),
                    maxHeapUsed.get(), system.getProcessCpuTime()));
        }, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        return executor;
    }

    @Bean
    Counts counts() {
        return new Counts();
    }

    @Bean
    DeliveryHandler countingHandler(Counts counts) {
        return delivery -> {
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
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + progress, e);
        }
    }

    static final class Counts {

        final AtomicLong count = new AtomicLong();
        final AtomicLong firstAtNanos = new AtomicLong();
        final AtomicLong lastAtNanos = new AtomicLong();
    }
}
