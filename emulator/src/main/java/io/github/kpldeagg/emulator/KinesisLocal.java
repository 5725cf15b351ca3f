package io.github.kpldeagg.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/**
 * A local Kinesis for tests and the sample app: kinesis-local 0.6.2 (the npm build of
 * kinesis-mock, LocalStack's Kinesis) run with Node.js on two free ports, plain HTTP and
 * TLS.
 * <p>
 * It is installed with npm on first use into a cache shared by all builds on the machine
 * ({@code ~/.cache/kpl-deagg/npm}, or the system property {@code kpl.emulator.cache}),
 * under a file lock; later starts skip npm. kinesis-local listens on all interfaces and
 * has no host setting, so it runs from a copy of its {@code main.js} patched to bind
 * 127.0.0.1: nothing off the machine can reach it. The TLS port has a self-signed
 * certificate and speaks HTTP/1.1 only; it is there for the KPL daemon. The process is
 * stopped by {@link #close()}, or at the latest when the JVM exits.
 *
 * @author The kpl-deagg maintainers
 */
public final class KinesisLocal implements AutoCloseable {

	static final NpmPackage PACKAGE = new NpmPackage("kinesis-local", "0.6.2",
			"set spring.cloud.aws.endpoint to a running Kinesis");

	private static final Duration STREAM_POLL_INTERVAL = Duration.ofMillis(100);

	private static final Duration STREAM_ACTIVE_TIMEOUT = Duration.ofSeconds(30);

	private final EmulatorProcess process;

	private final KinesisClient client;

	private KinesisLocal(EmulatorProcess process) {
		this.process = process;
		this.client = LoopbackClients.build(KinesisClient.builder(), endpoint());
	}

	/**
	 * Starts kinesis-local on free 127.0.0.1 ports, installing it first if this machine
	 * lacks it.
	 * @return the started kinesis-local
	 */
	public static KinesisLocal start() {
		return start(NodeJs.fromEnvironment(), NpmPackage.defaultCache());
	}

	/**
	 * Installs kinesis-local into the machine's npm cache unless it is there, without
	 * starting it: for builds that start it later where npm cannot reach its registry.
	 */
	public static void install() {
		install(NodeJs.fromEnvironment(), NpmPackage.defaultCache());
	}

	static Path install(NodeJs nodeJs, Path cache) {
		return PACKAGE.installIn(cache, nodeJs, LoopbackPatch::writeLoopbackMain);
	}

	static KinesisLocal start(NodeJs nodeJs, Path cache) {
		Path node = nodeJs.node(PACKAGE);
		Path packageDirectory = install(nodeJs, cache);
		return new KinesisLocal(EmulatorProcess.launch(PACKAGE.name(), cache.resolve("logs"), 2, (ports) -> {
			ProcessBuilder command = new ProcessBuilder(node.toString(), LoopbackPatch.LOOPBACK_MAIN)
				.directory(packageDirectory.toFile());
			Map<String, String> environment = command.environment();
			// An empty value is fatal to kinesis-local; streams
			// are made through createStream.
			environment.remove("INITIALIZE_STREAMS");
			environment.put("KINESIS_MOCK_TLS_PORT", Integer.toString(ports[0]));
			environment.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(ports[1]));
			environment.put("KINESIS_MOCK_CERT_PATH", packageDirectory.resolve("server.json").toString());
			environment.put("AWS_REGION", LoopbackClients.REGION.id());
			return command;
		}));
	}

	/**
	 * Plain HTTP, where the AWS SDK's defaults work (CBOR, HTTP/2 with prior knowledge or
	 * HTTP/1.1).
	 * @return the plain HTTP endpoint
	 */
	public URI endpoint() {
		return URI.create("http://" + EmulatorProcess.LOOPBACK + ":" + this.process.port(1));
	}

	/**
	 * HTTPS with a self-signed certificate and HTTP/1.1 only: for the KPL daemon
	 * ({@code VerifyCertificate=false}).
	 * @return the HTTPS endpoint
	 */
	public URI tlsEndpoint() {
		return URI.create("https://" + EmulatorProcess.LOOPBACK + ":" + tlsPort());
	}

	public int tlsPort() {
		return this.process.port(0);
	}

	/**
	 * A client of {@link #endpoint()} in us-east-1 with static fake credentials; closed
	 * by {@link #close()}.
	 * @return a client of {@link #endpoint()} in us-east-1 with static fake credentials
	 */
	public KinesisClient client() {
		return this.client;
	}

	/**
	 * Creates a provisioned stream and returns once it is ACTIVE.
	 * @param name the name
	 * @param shards the shards
	 */
	public void createStream(String name, int shards) {
		this.client.createStream((request) -> request.streamName(name).shardCount(shards));
		try (KinesisWaiter waiter = KinesisWaiter.builder()
			.client(this.client)
			.overrideConfiguration(
					(waiting) -> waiting.backoffStrategyV2(BackoffStrategy.fixedDelay(STREAM_POLL_INTERVAL))
						.maxAttempts((int) (STREAM_ACTIVE_TIMEOUT.toMillis() / STREAM_POLL_INTERVAL.toMillis()))
						.waitTimeout(STREAM_ACTIVE_TIMEOUT))
			.build()) {
			waiter.waitUntilStreamExists((request) -> request.streamName(name));
		}
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Closes the client and stops kinesis-local (SIGTERM, SIGKILL after a few seconds),
	 * waiting until it is gone.
	 */
	@Override
	public void close() {
		try {
			this.client.close();
		}
		finally {
			this.process.close();
		}
	}

}
