package io.github.kpldeagg.benchmarks.fanout;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.kpldeagg.benchmarks.AggregateLayout;
import io.github.kpldeagg.core.KinesisRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.mapping.InboundMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The starter's fan-out: Kinesis-record messages into the adapter's output channel,
 * through the binding to a {@code Consumer<UserRecord>}. Every operation delivers the
 * same {@code userRecords} user records:
 * <ul>
 * <li>{@link #deaggregated}: one KPL aggregate of them, fanned out by the starter;</li>
 * <li>{@link #plain}: one plain Kinesis record each, through the same channel (which
 * passes them through);</li>
 * <li>{@link #bindingOnly}: their user-record messages, built beforehand, straight into
 * the binding channel: what the binding alone costs;</li>
 * <li>{@link #deaggregatedEmbedHeaders} and {@link #plainEmbedHeaders}: the same on a
 * binding that embeds headers, the binder's default, whose mapper tries to decode each
 * record (here: finds none);</li>
 * <li>{@link #aggregateMd5}: the MD5 of the aggregate's protobuf body alone, the check
 * that any reader of the format (KCL too) pays before it may trust an aggregate, and that
 * a plain record does not have.</li>
 * </ul>
 * Each operation first has the shard read from its start again (what the adapter does
 * when its checkpoint is removed), or the starter would skip, as handled, what the last
 * operation sent. The adapter's own work per Kinesis record, before its output channel,
 * is outside the measurement, but for its embedded-headers decoding: the starter decodes
 * each user record of an aggregate as the adapter decodes each plain record, so the two
 * embed-headers methods also do the adapter's decoding of each Kinesis record (the
 * aggregate, or each plain record) with the binder's mapper.
 *
 * @author The kpl-deagg maintainers
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The SDK classes must never probe the metadata address; a fixed heap
// steadies the application's GC.
@Fork(jvmArgsAppend = { "-Daws.disableEc2Metadata=true", "-Xms2g", "-Xmx2g" })
public class FanOutBenchmark {

	/** How many user records every operation delivers. */
	@Param({ "100", "1000" })
	public int userRecords;

	/** The size of each user record's data, in bytes. */
	@Param({ "100", "1024" })
	public int payloadBytes;

	private ConfigurableApplicationContext context;

	private KinesisBindingFanOut kinesisBinding;

	private MessageChannel bindingChannel;

	private KinesisBindingFanOut.Output adapterOutput;

	private KinesisBindingFanOut.Output embedHeadersAdapterOutput;

	private InboundMessageMapper<byte[]> embeddedHeadersMapper;

	private Message<byte[]> aggregateMessage;

	private List<Message<byte[]>> plainMessages;

	private List<Message<?>> userRecordMessages;

	private MessageDigest md5;

	@Setup
	public void setUp(Blackhole blackhole) throws NoSuchAlgorithmException {
		this.md5 = MessageDigest.getInstance("MD5");
		this.context = new SpringApplicationBuilder(FanOutApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=WARN",
					// It warns on the first lookup of every function, which it
					// then finds and registers.
					"logging.level.org.springframework.cloud.function.context.catalog=ERROR",
					"spring.cloud.function.definition=" + FanOutApplication.FUNCTION,
					// No AWS client of the application may reach
					// anything but the loopback.
					"spring.cloud.aws.endpoint=http://127.0.0.1:1", "spring.cloud.aws.region.static=us-east-1",
					"spring.cloud.aws.credentials.access-key=fake", "spring.cloud.aws.credentials.secret-key=fake")
			.run();
		UserRecordSink sink = this.context.getBean(FanOutApplication.FUNCTION, UserRecordSink.class);
		sink.drainInto(blackhole);
		this.bindingChannel = this.context.getBean(FanOutApplication.BINDING, MessageChannel.class);
		this.kinesisBinding = new KinesisBindingFanOut(this.context);
		this.adapterOutput = this.kinesisBinding.adapterOutput(this.bindingChannel, false);
		this.embedHeadersAdapterOutput = this.kinesisBinding.adapterOutput(this.bindingChannel, true);
		this.embeddedHeadersMapper = this.kinesisBinding.embeddedHeadersMapper();

		JsonUserRecords produced = JsonUserRecords.of(this.userRecords, this.payloadBytes);
		KinesisRecord aggregate = produced.aggregate();
		this.aggregateMessage = AdapterMessages.of(aggregate.data(), aggregate.partitionKey(), 0);
		this.plainMessages = new ArrayList<>(this.userRecords);
		for (int i = 0; i < this.userRecords; i++) {
			this.plainMessages.add(AdapterMessages.of(produced.payloads().get(i), produced.partitionKeys().get(i), i));
		}
		this.userRecordMessages = userRecordMessagesOf(this.plainMessages);

		// Guards against measuring something else: each path must hand every user record
		// to the consumer.
		deaggregated();
		expect(sink, this.userRecords, this.userRecords);
		deaggregatedEmbedHeaders(blackhole);
		expect(sink, 2L * this.userRecords, 2L * this.userRecords);
		plain();
		plainEmbedHeaders(blackhole);
		bindingOnly();
		expect(sink, 5L * this.userRecords, 2L * this.userRecords);
	}

	@TearDown
	public void tearDown() {
		this.kinesisBinding.close();
		this.context.close();
	}

	@Benchmark
	public void deaggregated() {
		this.adapterOutput.readFromTheStart().run();
		this.adapterOutput.channel().send(this.aggregateMessage);
	}

	@Benchmark
	public void plain() {
		this.adapterOutput.readFromTheStart().run();
		for (Message<byte[]> message : this.plainMessages) {
			this.adapterOutput.channel().send(message);
		}
	}

	@Benchmark
	public void bindingOnly() {
		for (Message<?> message : this.userRecordMessages) {
			this.bindingChannel.send(message);
		}
	}

	@Benchmark
	public void deaggregatedEmbedHeaders(Blackhole blackhole) {
		blackhole.consume(this.embeddedHeadersMapper.toMessage(this.aggregateMessage.getPayload()));
		this.embedHeadersAdapterOutput.readFromTheStart().run();
		this.embedHeadersAdapterOutput.channel().send(this.aggregateMessage);
	}

	@Benchmark
	public void plainEmbedHeaders(Blackhole blackhole) {
		this.embedHeadersAdapterOutput.readFromTheStart().run();
		for (Message<byte[]> message : this.plainMessages) {
			blackhole.consume(this.embeddedHeadersMapper.toMessage(message.getPayload()));
			this.embedHeadersAdapterOutput.channel().send(message);
		}
	}

	@Benchmark
	public byte[] aggregateMd5() {
		return AggregateLayout.bodyMd5(this.md5, this.aggregateMessage.getPayload());
	}

	/**
	 * The messages the starter sends to the binding channel for these plain records.
	 * @param plain the plain
	 * @return the messages the starter sends to the binding channel for these plain
	 * records
	 */
	private List<Message<?>> userRecordMessagesOf(List<Message<byte[]>> plain) {
		List<Message<?>> captured = new ArrayList<>(plain.size());
		MessageChannel fanOut = this.kinesisBinding.adapterOutput((message, timeout) -> captured.add(message), false)
			.channel();
		plain.forEach(fanOut::send);
		return captured;
	}

	private static void expect(UserRecordSink sink, long received, long aggregated) {
		if (sink.received() != received || sink.aggregated() != aggregated) {
			throw new IllegalStateException(
					"Expected " + received + " user records, " + aggregated + " of them aggregated; the consumer got "
							+ sink.received() + ", " + sink.aggregated() + " aggregated");
		}
	}

}
