package io.github.kpldeagg.it.producer;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.it.crash.ChildJvm;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import io.github.kpldeagg.producer.AggregatingProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.kinesis.producer.KinesisProducer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pure-Java {@link AggregatingProducer} against the native KPL on the same
 * kinesis-local: each writes N user records (same partition keys, same data) to a fresh
 * 4-shard stream, at 100 B and at 1 KiB, each producer in a JVM of its own
 * ({@link ProducerRun}), after one user record written and awaited. Prints user records
 * per second from the first add to the last acknowledgement, CPU per 1,000 user records
 * while writing (the JVM's, plus the daemon's for the KPL) and in all, heap after GC and
 * RSS once all are added, peak RSS, time from construction to the first acknowledgement,
 * the jar sizes, and how busy kinesis-local was meanwhile. Only in the {@code proof-long}
 * profile.
 */
@LocalAwsTest
@EnabledIfSystemProperty(named = "kpl.it.proof-long", matches = "true")
class ProducerComparisonIT {

	private static final int USER_RECORDS = Integer.getInteger("kpl.it.compare.user-records", 50_000);

	private static final int SHARDS = 4;

	private static final List<Integer> SIZES = Stream
		.of(System.getProperty("kpl.it.compare.sizes", "100,1024").split(","))
		.map(Integer::valueOf)
		.toList();

	private static final List<String> PRODUCERS = List
		.of(System.getProperty("kpl.it.compare.producers", "ours,kpl").split(","));

	/**
	 * The same for both: C2 on, serial GC (2 cores), enough heap for N records of 1 KiB.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx768m", "-XX:+UseSerialGC");

	private static final Duration TIMEOUT = Duration.ofMinutes(12);

	/**
	 * kinesis-local takes seconds per PutRecords request of megabytes: with the KPL's
	 * RequestTimeout of 6 s both producers time out requests it then writes all the same,
	 * put them again and let user records expire (RecordTtl 30 s). Raised for both, so
	 * that the figures measure writing, not retrying; {@code PT6S} and {@code PT30S}
	 * measure the defaults.
	 */
	private static final Duration REQUEST_TIMEOUT = Duration
		.parse(System.getProperty("kpl.it.compare.request-timeout", "PT2M"));

	/**
	 * {@code off}: our producer's client without the SDK's retries, which put a timed-out
	 * request again without the producer knowing.
	 */
	private static final String SDK_RETRIES = System.getProperty("kpl.it.compare.sdk-retries", "default");

	private static final Duration RECORD_TTL = Duration.parse(System.getProperty("kpl.it.compare.record-ttl", "PT10M"));

	@Test
	void ourProducerAgainstTheNativeKpl(LocalAws aws) throws Exception {
		Path directory = Files.createDirectories(Path.of("target", "producer-comparison"));
		long kinesisLocal = kinesisLocalPid();
		List<String> rows = new ArrayList<>();
		List<Properties> results = new ArrayList<>();
		for (int size : SIZES) {
			for (String mode : PRODUCERS) {
				String stream = aws.createStream("compare-" + mode + "-" + size, SHARDS);
				Path resultFile = directory.resolve(stream + ".properties");
				// Stream names repeat across runs: never read an earlier run's figures.
				Files.deleteIfExists(resultFile);
				long emulatorCpuBefore = ProcFs.cpuMillis(kinesisLocal);
				long before = System.nanoTime();
				try (ChildJvm child = ChildJvm.start(JVM_OPTIONS, ProducerRun.class,
						List.of(mode, Integer.toString(aws.kinesis().tlsPort()), stream, Integer.toString(USER_RECORDS),
								Integer.toString(size), resultFile.toString(), REQUEST_TIMEOUT.toString(),
								RECORD_TTL.toString()),
						directory.resolve(stream + ".log"))) {
					assertThat(child.awaitExit(TIMEOUT)).as("exit status of the %s run, see its log", mode).isZero();
				}
				long wallMillis = (System.nanoTime() - before) / 1_000_000;
				long emulatorCpu = ProcFs.cpuMillis(kinesisLocal) - emulatorCpuBefore;
				Properties result = load(resultFile);
				results.add(result);
				long kinesisRecords = countKinesisRecords(aws, stream);
				rows.add(row(mode, size, result, kinesisRecords, emulatorCpu, wallMillis));
			}
		}
		String report = report(rows);
		Files.writeString(directory.resolve("report.txt"), report);
		System.out.println(report);
		for (Properties result : results) {
			assertThat(result.getProperty("acknowledged"))
				.as("acknowledged by %s, %s B", result.getProperty("mode"), result.getProperty("dataBytes"))
				.isEqualTo(Integer.toString(USER_RECORDS));
		}
	}

	private static String row(String mode, int size, Properties result, long kinesisRecords, long emulatorCpu,
			long wallMillis) {
		boolean kpl = "kpl".equals(mode);
		long writeMillis = number(result, "writeMillis");
		double perThousand = 1000.0 / USER_RECORDS;
		long cpuJvm = number(result, "cpuJvmWritingMillis");
		long cpuDaemon = number(result, "cpuDaemonWritingMillis");
		String cpu = kpl ? String.format("%.0f (JVM %.0f + daemon %.0f)", (cpuJvm + cpuDaemon) * perThousand,
				cpuJvm * perThousand, cpuDaemon * perThousand) : String.format("%.0f", cpuJvm * perThousand);
		long cpuTotal = number(result, "cpuJvmTotalMillis") + number(result, "cpuDaemonTotalMillis");
		String rssAllAdded = kpl
				? String.format("%d (JVM %d + daemon %d)",
						(number(result, "rssJvmAllAddedKib") + number(result, "rssDaemonAllAddedKib")) / 1024,
						number(result, "rssJvmAllAddedKib") / 1024, number(result, "rssDaemonAllAddedKib") / 1024)
				: Long.toString(number(result, "rssJvmAllAddedKib") / 1024);
		String peakRss = kpl
				? String.format("%d (JVM %d + daemon %d)",
						(number(result, "peakRssJvmKib") + number(result, "peakRssDaemonKib")) / 1024,
						number(result, "peakRssJvmKib") / 1024, number(result, "peakRssDaemonKib") / 1024)
				: Long.toString(number(result, "peakRssJvmKib") / 1024);
		String acknowledged = (number(result, "failed") == 0) ? "" : String.format(" (%,d acknowledged, %,d failed)",
				number(result, "acknowledged"), number(result, "failed"));
		return String.format("| %s | %s | %,.0f%s | %s | %,d | %.1f | %s | %s | %,d / %,d | %,d | %,d | %.2f | %.1f |",
				kpl ? "native KPL" : "AggregatingProducer", (size == 1024) ? "1 KiB" : size + " B",
				USER_RECORDS * 1000.0 / writeMillis, acknowledged, cpu, cpuTotal,
				number(result, "heapAllAddedBytes") / 1048576.0, rssAllAdded, peakRss,
				number(result, "constructionMillis"), number(result, "firstAckMillis"), number(result, "addMillis"),
				kinesisRecords, emulatorCpu / (double) writeMillis, wallMillis / 1000.0);
	}

	private static long number(Properties result, String name) {
		return Long.parseLong(result.getProperty(name));
	}

	private static String report(List<String> rows) throws URISyntaxException, IOException {
		StringBuilder report = new StringBuilder();
		report.append(String.format(
				"Producers on kinesis-local, %,d user records per run, %d shards, RequestTimeout %s, RecordTtl %s,"
						+ " SDK retries of our client %s, %s, %d cores%n",
				USER_RECORDS, SHARDS, REQUEST_TIMEOUT, RECORD_TTL, SDK_RETRIES, LocalDate.now(),
				Runtime.getRuntime().availableProcessors()));
		report.append("| Producer | Data | User records/s (first add to last ack) | CPU ms per 1,000 user records"
				+ " while writing | CPU ms in all, from construction | Heap after GC, all added (MB)"
				+ " | RSS, all added (MB) | Peak RSS (MB) | Construction / first ack (ms) | Adding all (ms)"
				+ " | Kinesis records in the stream | kinesis-local cores while writing | Child wall time (s) |\n");
		report.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		rows.forEach((row) -> report.append(row).append('\n'));
		long producer = jarSize(AggregatingProducer.class);
		long core = jarSize(Deaggregator.class);
		long kpl = jarSize(KinesisProducer.class);
		report.append(String.format(
				"Jars: kpl-deagg-producer %,d B + kpl-deagg-core %,d B = %,d B;"
						+ " amazon-kinesis-producer %,d B (its native daemons inside)%n",
				producer, core, producer + core, kpl));
		return report.toString();
	}

	/** The size of the jar a class was loaded from, or -1 for a classes directory. */
	private static long jarSize(Class<?> type) throws URISyntaxException, IOException {
		Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		return Files.isRegularFile(location) ? Files.size(location) : -1;
	}

	private static long countKinesisRecords(LocalAws aws, String stream) {
		return KinesisRecords.readAll(aws.kinesis().client(), stream).values().stream().mapToLong(List::size).sum();
	}

	/** kinesis-local, started by this JVM (never another build's). */
	private static long kinesisLocalPid() {
		return ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info().commandLine().orElse("").contains("main-loopback.js"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("kinesis-local is not a descendant of this JVM"))
			.pid();
	}

	private static Properties load(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		return properties;
	}

}
