package io.github.kpldeagg.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.core.UserRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * One aggregate per operation, the same bytes for every reader. Each reader gets its own
 * input type, built inside the operation: KCL consumes its buffer's position, so it needs
 * a fresh view each time.
 *
 * @author The kpl-deagg maintainers
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = "-Daws.disableEc2Metadata=true") // the SDK classes must never probe
														// the metadata address
public class DeaggregationBenchmark {

	private static final String SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898";

	/** The aggregate to deaggregate. */
	@Param
	public AggregateCase aggregateCase;

	private KinesisRecord aggregate;

	private ByteBuffer aggregateBuffer;

	private final Deaggregator deaggregator = Deaggregator.create();

	private MessageDigest md5;

	@Setup
	public void setUp() throws NoSuchAlgorithmException {
		this.aggregate = this.aggregateCase.aggregate();
		this.aggregateBuffer = ByteBuffer.wrap(this.aggregate.data()).asReadOnlyBuffer();
		this.md5 = MessageDigest.getInstance("MD5");
		// Guards against measuring a pass-through: both readers must
		// find every user record.
		int ours = this.deaggregator.deaggregate(List.of(sdkRecord())).size();
		int kcl = new AggregatorUtil().deaggregate(List.of(kinesisClientRecord())).size();
		if (ours != this.aggregate.userRecordCount() || kcl != this.aggregate.userRecordCount()) {
			throw new IllegalStateException("expected " + this.aggregate.userRecordCount() + " user records, core read "
					+ ours + ", KCL read " + kcl);
		}
	}

	@Benchmark
	public void core(Blackhole blackhole) {
		for (UserRecord userRecord : this.deaggregator.deaggregate(List.of(sdkRecord()))) {
			blackhole.consume(userRecord);
			blackhole.consume(userRecord.dataLength());
			blackhole.consume(userRecord.partitionKey());
		}
	}

	@Benchmark
	public void kcl(Blackhole blackhole) {
		for (KinesisClientRecord userRecord : new AggregatorUtil().deaggregate(List.of(kinesisClientRecord()))) {
			blackhole.consume(userRecord);
			blackhole.consume(userRecord.data().remaining());
			blackhole.consume(userRecord.partitionKey());
		}
	}

	/**
	 * Floor 1: the MD5 that every reader must check.
	 * @return the digest
	 */
	@Benchmark
	public byte[] md5Floor() {
		return AggregateLayout.bodyMd5(this.md5, this.aggregate.data());
	}

	/**
	 * Floor 2: the MD5 plus a walk over every tag and length, creating nothing.
	 * @param blackhole the blackhole
	 */
	@Benchmark
	public void md5AndWireWalkFloor(Blackhole blackhole) throws IOException {
		blackhole.consume(md5Floor());
		blackhole.consume(WireWalk.userRecords(this.aggregate.data(), AggregateLayout.MAGIC_BYTES,
				AggregateLayout.protobufBytes(this.aggregate.data())));
	}

	private Record sdkRecord() {
		return Record.builder()
			.data(SdkBytes.fromByteArrayUnsafe(this.aggregate.data()))
			.partitionKey(this.aggregate.partitionKey())
			.sequenceNumber(SEQUENCE_NUMBER)
			.build();
	}

	private KinesisClientRecord kinesisClientRecord() {
		return KinesisClientRecord.builder()
			.data(this.aggregateBuffer.duplicate())
			.partitionKey(this.aggregate.partitionKey())
			.sequenceNumber(SEQUENCE_NUMBER)
			.build();
	}

}
