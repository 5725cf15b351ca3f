package io.github.kpldeagg.it.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.kpldeagg.emulator.procnet.ProcNetTable;
import io.github.kpldeagg.emulator.procnet.ProcessSockets;

/**
 * Samples, every {@link #INTERVAL}, the sockets of this JVM and of every process it
 * started, directly or not (the KPL daemon, child JVMs, the Node.js emulators): the
 * socket inodes in {@code /proc/<pid>/fd}, looked up in the TCP and UDP tables of the
 * process's network namespace. Every socket with a peer is kept, so a test can assert
 * that all peers were on loopback and that the watch did see the connections it expected.
 * A connection opened and closed between two samples is not seen.
 */
public final class NetworkWatch implements AutoCloseable {

	static final Duration INTERVAL = Duration.ofMillis(200);

	private static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");

	private final Set<ObservedSocket> observed = ConcurrentHashMap.newKeySet();

	private final AtomicLong samples = new AtomicLong();

	private final AtomicLong samplingNanos = new AtomicLong();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "network-watch");
		thread.setDaemon(true);
		return thread;
	});

	private NetworkWatch() {
	}

	public static NetworkWatch start() {
		if (!ProcessSockets.supported()) {
			throw new IllegalStateException("The network watch needs Linux's /proc/<pid>/net tables");
		}
		NetworkWatch watch = new NetworkWatch();
		watch.sample();
		watch.sampler.scheduleWithFixedDelay(watch::sample, INTERVAL.toMillis(), INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
		return watch;
	}

	/** Every socket with a peer seen so far. */
	public Set<ObservedSocket> observed() {
		return Set.copyOf(this.observed);
	}

	public long samples() {
		return this.samples.get();
	}

	/** How long one sample took on average, for the report: the watch's cost. */
	public Duration meanSampleTime() {
		long count = this.samples.get();
		return Duration.ofNanos((count == 0) ? 0 : this.samplingNanos.get() / count);
	}

	/**
	 * Takes one more sample now, so that what a test just did is seen before it asserts.
	 */
	public void sampleNow() {
		try {
			this.sampler.submit((Runnable) this::sample).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("The network watch failed", ex);
		}
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
	}

	private void sample() {
		long start = System.nanoTime();
		Map<String, List<ProcNetTable.Row>> rowsByNamespace = new HashMap<>();
		Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
			.forEach((process) -> sample(process, rowsByNamespace));
		this.samplingNanos.addAndGet(System.nanoTime() - start);
		this.samples.incrementAndGet();
	}

	private void sample(ProcessHandle process, Map<String, List<ProcNetTable.Row>> rowsByNamespace) {
		Path proc = Path.of("/proc", Long.toString(process.pid()));
		try {
			Set<Long> inodes = ProcessSockets.inodes(process.pid());
			if (inodes.isEmpty()) {
				return;
			}
			String namespace = Files.readSymbolicLink(proc.resolve("ns/net")).toString();
			List<ProcNetTable.Row> rows = rowsByNamespace.get(namespace);
			if (rows == null) {
				rows = readTables(process.pid());
				rowsByNamespace.put(namespace, rows);
			}
			String command = process.info().command().orElse("?");
			for (ProcNetTable.Row row : rows) {
				if (inodes.contains(row.inode()) && !row.remote().unspecified()) {
					this.observed
						.add(new ObservedSocket(process.pid(), command, row.protocol(), row.local(), row.remote()));
				}
			}
		}
		catch (IOException processEnded) {
			// The process exited between listing and reading: it has no
			// sockets left to watch.
		}
	}

	private static List<ProcNetTable.Row> readTables(long pid) throws IOException {
		List<ProcNetTable.Row> rows = new ArrayList<>();
		for (String table : TABLES) {
			rows.addAll(ProcNetTable.read(pid, table));
		}
		return rows;
	}

}
