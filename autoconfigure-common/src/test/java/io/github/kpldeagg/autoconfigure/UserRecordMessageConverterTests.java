package io.github.kpldeagg.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

import org.springframework.cloud.function.context.config.SmartCompositeMessageConverter;
import org.springframework.core.ResolvableType;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The converter inside Spring Cloud Function's composite converter, as functions get
 * their input.
 */
class UserRecordMessageConverterTests {

	private final SmartCompositeMessageConverter converter = new SmartCompositeMessageConverter(
			List.of(new UserRecordMessageConverter(), new ByteArrayMessageConverter(), new StringMessageConverter()));

	@Test
	void turnsAUserRecordMessageIntoTheUserRecord() {
		Instant arrival = Instant.parse("2025-01-02T03:04:05Z");
		Message<byte[]> message = MessageBuilder.withPayload("data".getBytes(StandardCharsets.UTF_8))
			.setHeader(KplHeaders.PARTITION_KEY, "pk")
			.setHeader(KplHeaders.EXPLICIT_HASH_KEY, "42")
			.setHeader(KplHeaders.SEQUENCE_NUMBER, "123")
			.setHeader(KplHeaders.SUB_SEQUENCE_NUMBER, 7L)
			.setHeader(KplHeaders.AGGREGATED, true)
			.setHeader(IntegrationMessageHeaderAccessor.SOURCE_DATA,
					Record.builder()
						.partitionKey("a")
						.sequenceNumber("123")
						.data(SdkBytes.fromUtf8String("aggregate"))
						.approximateArrivalTimestamp(arrival)
						.build())
			.build();

		assertThat(this.converter.fromMessage(message, UserRecord.class)).isEqualTo(UserRecord
			.of(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)), "pk", "42", "123", 7, true, arrival));
	}

	@Test
	void leavesOtherTargetsAndForeignMessagesToTheOtherConverters() {
		Message<byte[]> plain = MessageBuilder.withPayload("data".getBytes(StandardCharsets.UTF_8)).build();
		assertThat(new UserRecordMessageConverter().fromMessage(plain, UserRecord.class)).isNull();
		assertThat(this.converter.fromMessage(plain, String.class)).isEqualTo("data");
	}

	@Test
	void worksWithoutKcl() throws Exception {
		MessageConverter withoutKcl = (MessageConverter) new WithoutKcl()
			.loadClass(UserRecordMessageConverter.class.getName())
			.getConstructor()
			.newInstance();
		Message<byte[]> message = MessageBuilder.withPayload("data".getBytes(StandardCharsets.UTF_8))
			.setHeader(KplHeaders.PARTITION_KEY, "pk")
			.setHeader(KplHeaders.SEQUENCE_NUMBER, "123")
			.setHeader(KplHeaders.SUB_SEQUENCE_NUMBER, 0L)
			.setHeader(KplHeaders.AGGREGATED, false)
			.setHeader(IntegrationMessageHeaderAccessor.SOURCE_DATA, "not a Kinesis record")
			.build();

		assertThat(withoutKcl.fromMessage(message, UserRecord.class)).isEqualTo(UserRecord
			.of(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)), "pk", null, "123", 0, false, null));
	}

	@Test
	void findsEachUserRecordOfABatchOfPayloads() {
		UserRecord first = UserRecord.of(ByteBuffer.wrap(new byte[] { 1 }), "k0", null, "1", 0, true, null);
		UserRecord second = UserRecord.of(ByteBuffer.wrap(new byte[] { 1 }), "k1", null, "1", 1, true, null);
		// Equal bytes: the element's identity, not its content, tells
		// the user records apart.
		List<byte[]> payloads = List.of(new byte[] { 1 }, new byte[] { 1 });
		Message<List<byte[]>> batch = MessageBuilder.withPayload(payloads)
			.setHeader(KplHeaders.USER_RECORDS, new UserRecordBatch(payloads, List.of(first, second)))
			.build();

		Object converted = this.converter.fromMessage(batch, List.class,
				ResolvableType.forClassWithGenerics(List.class, UserRecord.class).getType());

		assertThat(converted).isEqualTo(List.of(first, second));
	}

	/**
	 * Defines the converter's package itself, so that the converter resolves the classes
	 * it uses here, where KCL is missing.
	 */
	private static final class WithoutKcl extends ClassLoader {

		WithoutKcl() {
			super(UserRecordMessageConverterTests.class.getClassLoader());
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("software.amazon.kinesis.")) {
				throw new ClassNotFoundException(name);
			}
			// The converter's package-private helpers must come from the same loader, or
			// it may not access them.
			if (!UserRecordMessageConverter.class.getPackageName().equals(packageOf(name))) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				return (loaded != null) ? loaded : define(name);
			}
		}

		private static String packageOf(String className) {
			return className.substring(0, Math.max(className.lastIndexOf('.'), 0));
		}

		private Class<?> define(String name) throws ClassNotFoundException {
			try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
				if (in == null) {
					throw new ClassNotFoundException(name);
				}
				byte[] bytes = in.readAllBytes();
				return defineClass(name, bytes, 0, bytes.length);
			}
			catch (IOException ex) {
				throw new ClassNotFoundException(name, ex);
			}
		}

	}

}
