package io.github.kpldeagg.core;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hostile aggregates for fuzzing: well-formed ones mutated (bit flips, truncations,
 * inflated length prefixes, deep group nesting, huge varints, spliced bytes) and random
 * field soup. The MD5 is recomputed so that the protobuf walk is reached, except now and
 * then.
 */
final class AggregateMutator {

	private static final long[] HUGE_LENGTHS = { Integer.MAX_VALUE, 0xFFFF_FFFFL, -1L, 1L << 28, 1L << 31, 65_536 };

	private final Random random;

	AggregateMutator(Random random) {
		this.random = random;
	}

	/**
	 * A hostile Kinesis record: magic, protobuf and (almost always) the protobuf's MD5.
	 */
	byte[] next() {
		byte[] protobuf = nextProtobuf();
		byte[] framed = ProtobufBytes.frame(protobuf);
		if (this.random.nextInt(50) == 0) {
			framed[framed.length - 1 - this.random.nextInt(Md5.DIGEST_LENGTH)] ^= (byte) (1 << this.random.nextInt(8));
		}
		return framed;
	}

	/** The protobuf part of a hostile aggregate. */
	byte[] nextProtobuf() {
		return switch (this.random.nextInt(10)) {
			case 0 -> fieldSoup(0);
			case 1 -> randomBytes(this.random.nextInt(64));
			case 2 -> validProtobuf();
			default -> mutate(validProtobuf(), 1 + this.random.nextInt(3));
		};
	}

	/**
	 * The protobuf of an aggregate the {@link Aggregator} wrote from random user records.
	 */
	byte[] validProtobuf() {
		RandomUserRecords generator = new RandomUserRecords(this.random);
		List<RandomUserRecords.Input> inputs = generator.next(2 + this.random.nextInt(12), 40);
		Aggregator aggregator = Aggregator.create(Aggregator.MAX_RECORD_BYTES, Integer.MAX_VALUE);
		for (RandomUserRecords.Input input : inputs) {
			aggregator.add(input.partitionKey(), input.explicitHashKey(), input.data());
		}
		return ProtobufBytes.protobufOf(aggregator.flush().orElseThrow().data());
	}

	byte[] mutate(byte[] protobuf, int mutations) {
		byte[] mutated = protobuf;
		for (int i = 0; i < mutations; i++) {
			mutated = mutateOnce(mutated);
		}
		return mutated;
	}

	private byte[] mutateOnce(byte[] bytes) {
		int at = (bytes.length == 0) ? 0 : this.random.nextInt(bytes.length);
		return switch (this.random.nextInt(10)) {
			case 0 -> flipBit(bytes, at);
			case 1 -> setByte(bytes, at);
			case 2 -> Arrays.copyOf(bytes, at);
			case 3 -> splice(bytes, at, Math.min(bytes.length - at, 1 + this.random.nextInt(8)), new byte[0]);
			case 4 -> splice(bytes, at, 0, randomBytes(1 + this.random.nextInt(8)));
			case 5 -> splice(bytes, at, 0, Arrays.copyOfRange(bytes, this.random.nextInt(at + 1), at));
			case 6 -> splice(bytes, at, Math.min(bytes.length - at, 1), varint(hugeLength()));
			case 7 -> splice(bytes, at, 0, nestedGroups());
			case 8 -> splice(bytes, at, 0, hugeVarint());
			default -> splice(bytes, at, 0, fieldSoup(1));
		};
	}

	/**
	 * Random fields: mostly the format's field numbers, any wire type, lengths that may
	 * lie, nesting.
	 */
	byte[] fieldSoup(int depth) {
		ProtobufBytes soup = new ProtobufBytes();
		int fields = this.random.nextInt(8);
		for (int i = 0; i < fields; i++) {
			int fieldNumber = (this.random.nextInt(8) == 0) ? 1 + this.random.nextInt(1 << 20)
					: 1 + this.random.nextInt(5);
			int wireType = (this.random.nextInt(4) == 0) ? this.random.nextInt(8) : ProtobufBytes.LENGTH_DELIMITED;
			soup.tag(fieldNumber, wireType);
			switch (wireType) {
				case ProtobufBytes.VARINT ->
					soup.varint((this.random.nextInt(4) == 0) ? this.random.nextLong() : this.random.nextInt(8));
				case ProtobufBytes.FIXED64 -> soup.raw(randomBytes(8));
				case ProtobufBytes.LENGTH_DELIMITED -> {
					byte[] value = (depth < 3 && this.random.nextBoolean()) ? fieldSoup(depth + 1)
							: randomBytes(this.random.nextInt(12));
					soup.varint((this.random.nextInt(10) == 0) ? hugeLength() : value.length).raw(value);
				}
				case ProtobufBytes.START_GROUP -> soup.raw(fieldSoup(depth + 1))
					.tag((this.random.nextInt(4) == 0) ? fieldNumber + 1 : fieldNumber, ProtobufBytes.END_GROUP);
				case ProtobufBytes.FIXED32 -> soup.raw(randomBytes(4));
				default -> soup.raw(randomBytes(this.random.nextInt(3)));
			}
		}
		return soup.toByteArray();
	}

	private byte[] nestedGroups() {
		int depth = (this.random.nextInt(20) == 0) ? 1 + this.random.nextInt(100_000) : 1 + this.random.nextInt(120);
		int fieldNumber = 1 + this.random.nextInt(10);
		ProtobufBytes groups = new ProtobufBytes();
		for (int i = 0; i < depth; i++) {
			groups.tag(fieldNumber, ProtobufBytes.START_GROUP);
		}
		int closed = this.random.nextBoolean() ? depth : this.random.nextInt(depth + 1);
		for (int i = 0; i < closed; i++) {
			groups.tag(fieldNumber, ProtobufBytes.END_GROUP);
		}
		return groups.toByteArray();
	}

	private long hugeLength() {
		return HUGE_LENGTHS[this.random.nextInt(HUGE_LENGTHS.length)];
	}

	private byte[] hugeVarint() {
		byte[] varint = new byte[10 + this.random.nextInt(2)];
		Arrays.fill(varint, (byte) 0xFF);
		varint[varint.length - 1] = (byte) this.random.nextInt(2);
		return varint;
	}

	private byte[] flipBit(byte[] bytes, int at) {
		if (bytes.length == 0) {
			return bytes;
		}
		byte[] flipped = bytes.clone();
		flipped[at] ^= (byte) (1 << this.random.nextInt(8));
		return flipped;
	}

	private byte[] setByte(byte[] bytes, int at) {
		if (bytes.length == 0) {
			return bytes;
		}
		byte[] set = bytes.clone();
		byte[] special = { 0, 0x7F, (byte) 0x80, (byte) 0xFF, 0x08, 0x12, 0x1A, 0x0B, 0x0C };
		set[at] = this.random.nextBoolean() ? special[this.random.nextInt(special.length)]
				: (byte) this.random.nextInt(256);
		return set;
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] varint(long value) {
		return new ProtobufBytes().varint(value).toByteArray();
	}

	private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length - removed + inserted.length);
		out.write(bytes, 0, at);
		out.writeBytes(inserted);
		out.write(bytes, at + removed, bytes.length - at - removed);
		return out.toByteArray();
	}

}
