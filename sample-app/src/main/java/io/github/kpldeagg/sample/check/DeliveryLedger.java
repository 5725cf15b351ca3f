package io.github.kpldeagg.sample.check;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

import io.github.kpldeagg.sample.Reading;

/**
 * Tallies what each binding receives and checks it against what the producer sent: every
 * user record of this run exactly once, in Kinesis order per partition key, with the
 * identity Kinesis gave it. The producer and the bindings' consumer threads call it
 * concurrently.
 *
 * @author The kpl-deagg maintainers
 */
public final class DeliveryLedger {

	/**
	 * Kinesis order: by the carrying record's sequence number, then by position in the
	 * aggregate.
	 */
	private static final Comparator<Delivery> KINESIS_ORDER = Comparator
		.comparing((Delivery delivery) -> new BigInteger(delivery.sequenceNumber()))
		.thenComparingLong(Delivery::subSequenceNumber);

	private final String run;

	private final Map<ReadingId, Delivery> sent = new ConcurrentHashMap<>();

	private final Map<String, BindingDeliveries> bindings = new ConcurrentHashMap<>();

	public DeliveryLedger(String run) {
		this.run = run;
	}

	public static DeliveryLedger forNewRun() {
		return new DeliveryLedger(UUID.randomUUID().toString().substring(0, 8));
	}

	/**
	 * The id this run's readings carry.
	 * @return the id this run's readings carry
	 */
	public String run() {
		return this.run;
	}

	/**
	 * Records a user record the producer put, with the sequence number Kinesis returned
	 * for it.
	 * @param delivery the delivery
	 */
	public void sent(Delivery delivery) {
		this.sent.put(ReadingId.of(delivery), delivery);
	}

	public int sentCount() {
		return this.sent.size();
	}

	/**
	 * Records a user record {@code binding} received.
	 * @param binding the binding
	 * @param delivery the delivery
	 */
	public void received(String binding, Delivery delivery) {
		boolean ofThisRun = delivery.reading() != null && this.run.equals(delivery.reading().run());
		deliveries(binding).add(delivery, ofThisRun);
	}

	/**
	 * How many user records of this run {@code binding} received, duplicates included.
	 * @param binding the binding
	 * @return how many user records of this run {@code binding} received, duplicates
	 * included
	 */
	public long receivedOfThisRun(String binding) {
		return deliveries(binding).ofThisRun.size();
	}

	public Tally tally(String binding) {
		BindingDeliveries deliveries = deliveries(binding);
		return new Tally(deliveries.userRecords.sum(), deliveries.aggregates.sum(), deliveries.plainRecords.sum(),
				deliveries.notOfThisRun.sum());
	}

	/**
	 * Compares what {@code binding} received of this run, in arrival order, with what was
	 * sent.
	 * @param binding the binding
	 * @return the comparison of what {@code binding} received of this run, in arrival
	 * order, with what was sent
	 */
	public CheckResult check(String binding) {
		Set<ReadingId> arrived = new HashSet<>();
		Map<String, Delivery> lastSentPerPartitionKey = new HashMap<>();
		int duplicates = 0;
		int outOfOrder = 0;
		int notAsSent = 0;
		int unexpected = 0;
		for (Delivery received : deliveries(binding).ofThisRun) {
			ReadingId id = ReadingId.of(received);
			Delivery expected = this.sent.get(id);
			if (expected == null) {
				unexpected++;
			}
			else if (!arrived.add(id)) {
				duplicates++;
			}
			else {
				if (!expected.equals(received)) {
					notAsSent++;
				}
				Delivery previous = lastSentPerPartitionKey.put(expected.partitionKey(), expected);
				if (previous != null && KINESIS_ORDER.compare(previous, expected) > 0) {
					outOfOrder++;
				}
			}
		}
		return new CheckResult(this.sent.size(), arrived.size(), duplicates, outOfOrder, notAsSent, unexpected);
	}

	private BindingDeliveries deliveries(String binding) {
		return this.bindings.computeIfAbsent(binding, (name) -> new BindingDeliveries());
	}

	private record ReadingId(String device, long seq) {

		/**
		 * Of a delivery sent or received in this run, which has a reading.
		 * @param delivery the delivery
		 * @return the identity of a delivery sent or received in this run, which has a
		 * reading
		 */
		static ReadingId of(Delivery delivery) {
			Reading reading = Objects.requireNonNull(delivery.reading(), "reading");
			return new ReadingId(reading.device(), reading.seq());
		}
	}

	private static final class BindingDeliveries {

		final LongAdder userRecords = new LongAdder();

		final LongAdder aggregates = new LongAdder();

		final LongAdder plainRecords = new LongAdder();

		final LongAdder notOfThisRun = new LongAdder();

		/**
		 * Kept for the check: bounded by what this run sent, whereas other records may
		 * keep coming.
		 */
		final Queue<Delivery> ofThisRun = new ConcurrentLinkedQueue<>();

		void add(Delivery delivery, boolean isOfThisRun) {
			this.userRecords.increment();
			if (!delivery.aggregated()) {
				this.plainRecords.increment();
			}
			else if (delivery.subSequenceNumber() == 0) {
				this.aggregates.increment();
			}
			if (isOfThisRun) {
				this.ofThisRun.add(delivery);
			}
			else {
				this.notOfThisRun.increment();
			}
		}

	}

}
