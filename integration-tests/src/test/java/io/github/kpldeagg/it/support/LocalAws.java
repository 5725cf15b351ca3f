package io.github.kpldeagg.it.support;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.kpldeagg.emulator.Dynalite;
import io.github.kpldeagg.emulator.KinesisLocal;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The local Kinesis (kinesis-local) and DynamoDB (dynalite) of a test run, on 127.0.0.1:
 * started by the first test class that asks for them, stopped when the run ends. Test
 * classes get it as a parameter and make their own streams, so they do not see each
 * other's records.
 */
public final class LocalAws {

	private static final AtomicInteger STREAMS = new AtomicInteger();

	private final KinesisLocal kinesis;

	private final Dynalite dynamoDb;

	private LocalAws(KinesisLocal kinesis, Dynalite dynamoDb) {
		this.kinesis = kinesis;
		this.dynamoDb = dynamoDb;
	}

	public KinesisLocal kinesis() {
		return this.kinesis;
	}

	public Dynalite dynamoDb() {
		return this.dynamoDb;
	}

	/** Creates an ACTIVE stream with a name no other test uses. */
	public String createStream(String purpose, int shards) {
		String name = purpose + "-" + STREAMS.incrementAndGet();
		this.kinesis.createStream(name, shards);
		return name;
	}

	/**
	 * Starts the run's emulators before a test class and resolves {@link LocalAws}
	 * parameters.
	 */
	public static final class Extension implements BeforeAllCallback, ParameterResolver {

		@Override
		public void beforeAll(ExtensionContext context) {
			run(context);
		}

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == LocalAws.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return run(context);
		}

		private static LocalAws run(ExtensionContext context) {
			return context.getRoot()
				.getStore(ExtensionContext.Namespace.GLOBAL)
				.getOrComputeIfAbsent(LocalAws.class, (key) -> new Running(), Running.class).localAws;
		}

	}

	/** Started emulators, stopped by JUnit when the run ends. */
	private static final class Running implements CloseableResource {

		final LocalAws localAws;

		Running() {
			KinesisLocal kinesis = KinesisLocal.start();
			try {
				this.localAws = new LocalAws(kinesis, Dynalite.start());
			}
			catch (RuntimeException ex) {
				kinesis.close();
				throw ex;
			}
		}

		@Override
		public void close() {
			try {
				this.localAws.kinesis.close();
			}
			finally {
				this.localAws.dynamoDb.close();
			}
		}

	}

}
