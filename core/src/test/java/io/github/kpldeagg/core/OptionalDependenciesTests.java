package io.github.kpldeagg.core;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.google.protobuf.CodedInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS SDK and the Lambda events library are optional: code that uses only raw bytes
 * compiles and runs against the core and protobuf-java alone.
 */
class OptionalDependenciesTests {

	private static final String RAW_CONSUMER = """
			package consumer;

			import io.github.kpldeagg.core.Aggregator;
			import io.github.kpldeagg.core.CorruptAggregatePolicy;
			import io.github.kpldeagg.core.DeaggregationListener;
			import io.github.kpldeagg.core.Deaggregator;
			import io.github.kpldeagg.core.KinesisRecord;
			import io.github.kpldeagg.core.UserRecord;
			import java.nio.ByteBuffer;
			import java.nio.charset.StandardCharsets;
			import java.util.function.Supplier;

			public class RawConsumer implements Supplier<String> {
			    @Override
			    public String get() {
			        Aggregator aggregator = Aggregator.create();
			        aggregator.add("k1", null, "one".getBytes(StandardCharsets.UTF_8));
			        aggregator.add("k2", "42", "two".getBytes(StandardCharsets.UTF_8));
			        KinesisRecord record = aggregator.flush().orElseThrow();
			        Deaggregator deaggregator = Deaggregator.builder()
			                .corruptAggregatePolicy(CorruptAggregatePolicy.FAIL)
			                .listener(new DeaggregationListener() { })
			                .build();
			        StringBuilder out = new StringBuilder();
			        for (UserRecord userRecord : deaggregator.deaggregate(ByteBuffer.wrap(record.data()),
			                record.partitionKey(), "1")) {
			            out.append(userRecord.partitionKey()).append('=')
			                    .append(new String(userRecord.bytes(), StandardCharsets.UTF_8)).append(';');
			        }
			        out.append(deaggregator.deaggregate(ByteBuffer.allocateDirect(3), "pk", null, "2", null).size());
			        return out.toString();
			    }
			}
			""";

	@TempDir
	Path workDirectory;

	@Test
	void rawByteBufferCodeCompilesAndRunsWithoutTheSdkOrLambdaEvents() throws Exception {
		Path core = location(Deaggregator.class);
		Path protobuf = location(CodedInputStream.class);
		Path source = Files.createDirectories(this.workDirectory.resolve("src/consumer")).resolve("RawConsumer.java");
		Files.writeString(source, RAW_CONSUMER);
		Path classes = Files.createDirectories(this.workDirectory.resolve("classes"));

		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		boolean compiled;
		try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
			compiled = javac
				.getTask(null, files, diagnostics,
						List.of("--release", "17", "-proc:none", "-classpath", core + File.pathSeparator + protobuf,
								"-d", classes.toString()),
						null, files.getJavaFileObjects(source))
				.call();
		}
		assertThat(diagnostics.getDiagnostics()).isEmpty();
		assertThat(compiled).isTrue();

		try (URLClassLoader loader = new URLClassLoader(
				new URL[] { classes.toUri().toURL(), core.toUri().toURL(), protobuf.toUri().toURL() },
				ClassLoader.getPlatformClassLoader())) {
			assertThatThrownBy(() -> loader.loadClass("software.amazon.awssdk.services.kinesis.model.Record"))
				.isInstanceOf(ClassNotFoundException.class);
			assertThatThrownBy(() -> loader.loadClass("com.amazonaws.services.lambda.runtime.events.KinesisEvent"))
				.isInstanceOf(ClassNotFoundException.class);
			@SuppressWarnings("unchecked")
			Supplier<String> consumer = (Supplier<String>) loader.loadClass("consumer.RawConsumer")
				.getConstructor()
				.newInstance();

			assertThat(consumer.get()).isEqualTo("k1=one;k2=two;1");
		}
	}

	private static Path location(Class<?> type) throws URISyntaxException {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
	}

}
