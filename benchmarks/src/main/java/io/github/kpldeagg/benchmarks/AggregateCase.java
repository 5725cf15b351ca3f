package io.github.kpldeagg.benchmarks;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.KinesisRecord;

/**
 * The aggregates measured, each written by the core's {@link Aggregator} from seeded
 * random user records.
 *
 * @author The kpl-deagg maintainers
 */
public enum AggregateCase {

	/** As many 100-byte user records as fit in a 1 MiB aggregate. */
	MIB_OF_100_B(100, 1 << 20, Integer.MAX_VALUE),

	/** As many 1 KiB user records as fit in a 1 MiB aggregate. */
	MIB_OF_1_KIB(1024, 1 << 20, Integer.MAX_VALUE),

	/**
	 * 50 user records of 512 bytes: 25 KiB of data, about the KPL's default aggregate
	 * size.
	 */
	FIFTY_OF_512_B(512, Aggregator.MAX_RECORD_BYTES, 50);

	private final int dataBytes;

	private final int maxAggregateBytes;

	private final int userRecords;

	AggregateCase(int dataBytes, int maxAggregateBytes, int userRecords) {
		this.dataBytes = dataBytes;
		this.maxAggregateBytes = maxAggregateBytes;
		this.userRecords = userRecords;
	}

	/**
	 * The aggregate: user records with UUID partition keys, until it is full or holds the
	 * count.
	 * @return the aggregate
	 */
	public KinesisRecord aggregate() {
		Aggregator aggregator = Aggregator.create(this.maxAggregateBytes, Integer.MAX_VALUE);
		Random random = new Random(ordinal());
		for (int added = 0; added < this.userRecords; added++) {
			byte[] data = new byte[this.dataBytes];
			random.nextBytes(data);
			List<KinesisRecord> completed = aggregator.add(new UUID(random.nextLong(), random.nextLong()).toString(),
					null, data);
			if (!completed.isEmpty()) {
				return completed.get(0);
			}
		}
		return aggregator.flush().orElseThrow();
	}

}
