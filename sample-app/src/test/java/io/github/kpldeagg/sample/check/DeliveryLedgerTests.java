package io.github.kpldeagg.sample.check;

import java.util.List;

import io.github.kpldeagg.sample.Reading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryLedgerTests {

	private static final String RUN = "run-1";

	private static final String BINDING = "in-0";

	private final DeliveryLedger ledger = new DeliveryLedger(RUN);

	/**
	 * device-a: two user records in one aggregate then a plain record; device-b: one user
	 * record.
	 */
	private final Delivery a0 = delivery(RUN, "device-a", 0, null, "100", 0, true);

	private final Delivery b0 = delivery(RUN, "device-b", 0, "42", "100", 1, true);

	private final Delivery a1 = delivery(RUN, "device-a", 1, null, "100", 2, true);

	private final Delivery a2 = delivery(RUN, "device-a", 2, null, "200", 0, false);

	@Test
	void passesWhenEverySentUserRecordArrivesOnceInKinesisOrderPerPartitionKey() {
		sendAll();
		// Another partition key may come in between: order only holds per partition key.
		receive(this.b0, this.a0, this.a1, this.a2);

		CheckResult check = this.ledger.check(BINDING);

		assertThat(check.passed()).as(check.toString()).isTrue();
		assertThat(check).isEqualTo(new CheckResult(4, 4, 0, 0, 0, 0));
		assertThat(check.toString()).startsWith("PASSED: 4 of 4 user records");
	}

	@Test
	void countsMissingUserRecords() {
		sendAll();
		receive(this.a0, this.a1, this.a2);

		CheckResult check = this.ledger.check(BINDING);

		assertThat(check.passed()).isFalse();
		assertThat(check.missing()).isEqualTo(1);
		assertThat(check.toString()).startsWith("FAILED: 3 of 4 user records arrived; 1 missing");
	}

	@Test
	void countsDuplicatesAsSuchAndNotAsDisorder() {
		sendAll();
		receive(this.a0, this.b0, this.a1, this.a0, this.a1, this.a2);

		CheckResult check = this.ledger.check(BINDING);

		assertThat(check.passed()).isFalse();
		assertThat(check).isEqualTo(new CheckResult(4, 4, 2, 0, 0, 0));
	}

	@Test
	void countsUserRecordsThatArriveBeforeOnesKinesisStoredEarlierUnderTheSameKey() {
		sendAll();
		receive(this.a1, this.a0, this.b0, this.a2);

		CheckResult check = this.ledger.check(BINDING);

		assertThat(check.passed()).isFalse();
		assertThat(check).isEqualTo(new CheckResult(4, 4, 0, 1, 0, 0));
	}

	@Test
	void ordersBySequenceNumberNumericallyThenBySubSequenceNumber() {
		Delivery first = delivery(RUN, "device-a", 0, null, "9", 5, true);
		Delivery second = delivery(RUN, "device-a", 1, null, "10", 0, true);
		this.ledger.sent(first);
		this.ledger.sent(second);
		receive(first, second);

		assertThat(this.ledger.check(BINDING).passed()).isTrue();
	}

	@Test
	void countsUserRecordsWhoseIdentityDiffersFromWhatWasSent() {
		sendAll();
		Delivery wrongSubSequenceNumber = delivery(RUN, "device-a", 1, null, "100", 1, true);
		Delivery lostExplicitHashKey = delivery(RUN, "device-b", 0, null, "100", 1, true);
		Delivery notAggregated = delivery(RUN, "device-a", 2, null, "200", 0, true);
		receive(this.a0, lostExplicitHashKey, wrongSubSequenceNumber, notAggregated);

		CheckResult check = this.ledger.check(BINDING);

		assertThat(check).isEqualTo(new CheckResult(4, 4, 0, 0, 3, 0));
		assertThat(check.passed()).isFalse();
	}

	@Test
	void countsReadingsOfThisRunThatWereNeverSent() {
		sendAll();
		receive(this.a0, this.b0, this.a1, this.a2, delivery(RUN, "device-c", 0, null, "300", 0, false));

		CheckResult check = this.ledger.check(BINDING);

		assertThat(check).isEqualTo(new CheckResult(4, 4, 0, 0, 0, 1));
		assertThat(check.passed()).isFalse();
	}

	@Test
	void ignoresEarlierRunsAndOtherPayloadsInTheCheckButTalliesThem() {
		sendAll();
		Delivery earlierRun = delivery("run-0", "device-a", 0, null, "50", 0, false);
		Delivery notAReading = new Delivery(null, "other", null, "60", 0, false);
		receive(earlierRun, notAReading, this.a0, this.b0, this.a1, this.a2);

		assertThat(this.ledger.check(BINDING).passed()).isTrue();
		assertThat(this.ledger.receivedOfThisRun(BINDING)).isEqualTo(4);
		assertThat(this.ledger.tally(BINDING)).isEqualTo(new Tally(6, 1, 3, 2));
	}

	@Test
	void talliesAnAggregateAtItsFirstUserRecordAndEachPlainRecord() {
		receive(this.a0, this.b0, this.a1, this.a2);

		Tally tally = this.ledger.tally(BINDING);

		assertThat(tally).isEqualTo(new Tally(4, 1, 1, 0));
		assertThat(tally.kinesisRecords()).isEqualTo(2);
	}

	@Test
	void keepsBindingsApart() {
		sendAll();
		receive(this.a0, this.b0, this.a1, this.a2);

		assertThat(this.ledger.check("other-in-0").missing()).isEqualTo(4);
		assertThat(this.ledger.tally("other-in-0").userRecords()).isZero();
	}

	private void sendAll() {
		List.of(this.a0, this.b0, this.a1, this.a2).forEach(this.ledger::sent);
	}

	private void receive(Delivery... deliveries) {
		for (Delivery delivery : deliveries) {
			this.ledger.received(BINDING, delivery);
		}
	}

	private static Delivery delivery(String run, String device, long seq, String explicitHashKey, String sequenceNumber,
			long subSequenceNumber, boolean aggregated) {
		return new Delivery(new Reading(run, device, seq, 20.5), device, explicitHashKey, sequenceNumber,
				subSequenceNumber, aggregated);
	}

}
