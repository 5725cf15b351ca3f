package io.github.kpldeagg.emulator;

import java.net.URI;
import java.nio.file.Path;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A local DynamoDB for the binder's checkpoints and locks: dynalite 4.0.0, in memory, on
 * a free 127.0.0.1 port, installed with npm on first use into the same cache as
 * {@link KinesisLocal}. Tables leave CREATING after 50 ms. dynalite has no
 * UpdateTimeToLive.
 *
 * @author The kpl-deagg maintainers
 */
public final class Dynalite implements AutoCloseable {

	static final NpmPackage PACKAGE = new NpmPackage("dynalite", "4.0.0",
			"set spring.cloud.aws.dynamodb.endpoint to a running DynamoDB");

	private final EmulatorProcess process;

	private final DynamoDbClient client;

	private Dynalite(EmulatorProcess process) {
		this.process = process;
		this.client = LoopbackClients.build(DynamoDbClient.builder(), endpoint());
	}

	/**
	 * Starts dynalite on a free 127.0.0.1 port, installing it first if this machine lacks
	 * it.
	 * @return the started dynalite
	 */
	public static Dynalite start() {
		return start(NodeJs.fromEnvironment(), NpmPackage.defaultCache());
	}

	/**
	 * Installs dynalite into the machine's npm cache unless it is there, without starting
	 * it: for builds that start it later where npm cannot reach its registry.
	 */
	public static void install() {
		install(NodeJs.fromEnvironment(), NpmPackage.defaultCache());
	}

	private static Path install(NodeJs nodeJs, Path cache) {
		return PACKAGE.installIn(cache, nodeJs, (installed) -> {
		});
	}

	static Dynalite start(NodeJs nodeJs, Path cache) {
		Path node = nodeJs.node(PACKAGE);
		Path packageDirectory = install(nodeJs, cache);
		return new Dynalite(EmulatorProcess.launch(PACKAGE.name(), cache.resolve("logs"), 1,
				(ports) -> new ProcessBuilder(node.toString(), packageDirectory.resolve("cli.js").toString(), "--host",
						EmulatorProcess.LOOPBACK, "--port", Integer.toString(ports[0]), "--createTableMs", "50")
					.directory(packageDirectory.toFile())));
	}

	public URI endpoint() {
		return URI.create("http://" + EmulatorProcess.LOOPBACK + ":" + this.process.port(0));
	}

	/**
	 * A client of {@link #endpoint()} in us-east-1 with static fake credentials; closed
	 * by {@link #close()}.
	 * @return a client of {@link #endpoint()} in us-east-1 with static fake credentials
	 */
	public DynamoDbClient client() {
		return this.client;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Closes the client and stops dynalite (SIGTERM, SIGKILL after a few seconds),
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
