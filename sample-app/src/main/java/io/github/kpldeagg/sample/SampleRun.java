package io.github.kpldeagg.sample;

import java.util.Locale;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.sample.check.CheckResult;
import io.github.kpldeagg.sample.check.DeliveryLedger;
import io.github.kpldeagg.sample.check.Tally;
import io.github.kpldeagg.sample.producer.PacedProducer;
import io.github.kpldeagg.sample.producer.ProducerStats;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The run, once the bindings are up: puts the readings, waits until both bindings have
 * them all, and prints the summary. Its exit code is 0 only when every check passed.
 *
 * @author The kpl-deagg maintainers
 */
@Component
class SampleRun implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger log = LoggerFactory.getLogger(SampleRun.class);

	private static final long POLL_MILLIS = 100;

	private final SampleProperties sample;

	private final DeliveryLedger ledger;

	private final ProgressReporter progress;

	private final AwsClientBuilderConfigurer aws;

	private final ObjectProvider<AggregatingProducer> kplDeaggProducer;

	private final PutPayloadUnits putPayloadUnits;

	private volatile boolean passed;

	SampleRun(SampleProperties sample, DeliveryLedger ledger, ProgressReporter progress, AwsClientBuilderConfigurer aws,
			ObjectProvider<AggregatingProducer> kplDeaggProducer, PutPayloadUnits putPayloadUnits) {
		this.sample = sample;
		this.ledger = ledger;
		this.progress = progress;
		this.aws = aws;
		this.kplDeaggProducer = kplDeaggProducer;
		this.putPayloadUnits = putPayloadUnits;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.sample.producer().enabled()) {
			log.info("Producer off: reading stream '{}' until stopped (Ctrl-C)", this.sample.stream());
			this.progress.start(null);
			return;
		}
		// The binder's endpoint, region and credentials; an HTTP client that closes at
		// once, unlike Netty's.
		try (KinesisClient kinesis = this.aws.configure(KinesisClient.builder())
			.httpClientBuilder(Apache5HttpClient.builder())
			.build()) {
			PacedProducer producer = new PacedProducer(kinesis, this.sample.stream(), this.sample.partitionKeys(),
					this.ledger);
			log.info("Run {}: putting {} user records over {} partition keys to stream '{}', about {} per second",
					this.ledger.run(), this.sample.records(), this.sample.partitionKeys(), this.sample.stream(),
					this.sample.rate());
			this.progress.start(producer::stats);
			producer.put(this.sample.records(), this.sample.rate());
			// Auto-configured on the current Spring line only.
			AggregatingProducer aggregatingProducer = this.kplDeaggProducer.getIfAvailable();
			ProducerStats throughProducer = null;
			if (aggregatingProducer != null) {
				log.info("Run {}: putting {} more user records with kpl-deagg-producer's AggregatingProducer",
						this.ledger.run(), this.sample.records());
				throughProducer = producer.putThrough(aggregatingProducer, this.sample.records(), this.sample.rate());
			}
			boolean allArrived = awaitAllArrived();
			this.progress.stop();
			this.passed = summarize(producer.stats(), throughProducer, allArrived);
			if (this.sample.keepRunning()) {
				this.progress.start(producer::stats);
			}
		}
	}

	@Override
	public int getExitCode() {
		return this.passed ? 0 : 1;
	}

	private boolean awaitAllArrived() {
		long deadline = System.nanoTime() + this.sample.timeout().toNanos();
		while (this.ledger.receivedOfThisRun(UserRecordConsumers.USER_RECORDS) < this.ledger.sentCount()
				|| this.ledger.receivedOfThisRun(UserRecordConsumers.READINGS) < this.ledger.sentCount()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private boolean summarize(ProducerStats put, @Nullable ProducerStats throughProducer, boolean allArrived) {
		log.info("Summary of run {}:", this.ledger.run());
		log.info("  put: {} user records in {} Kinesis records ({} aggregates, {} plain records), {} PutRecords calls",
				put.userRecords(), put.kinesisRecords(), put.aggregates(), put.plainRecords(), put.putRecordsCalls());
		if (throughProducer != null) {
			long userRecords = throughProducer.userRecords();
			log.info(
					"  put with kpl-deagg-producer: {} user records in {} Kinesis records ({} aggregates, {} plain"
							+ " records), {} PUT payload units",
					userRecords, throughProducer.kinesisRecords(), throughProducer.aggregates(),
					throughProducer.plainRecords(), this.putPayloadUnits.units());
			log.info(
					"  saved: {} Kinesis records and {} PUT payload units per user record, where one record each"
							+ " would take 1 and at least 1",
					perUserRecord(this.putPayloadUnits.kinesisRecords(), userRecords),
					perUserRecord(this.putPayloadUnits.units(), userRecords));
		}
		boolean userRecordsPassed = summarize(UserRecordConsumers.USER_RECORDS,
				"Consumer<UserRecord>, by UserRecord identity");
		boolean readingsPassed = summarize(UserRecordConsumers.READINGS,
				"Consumer<Message<Reading>>, by kpl_* headers");
		boolean passed = allArrived && userRecordsPassed && readingsPassed;
		log.info("  result: {}", passed ? "PASSED" : allArrived ? "FAILED"
				: "FAILED (not every user record arrived within " + this.sample.timeout().toSeconds() + " s)");
		return passed;
	}

	private static String perUserRecord(long count, long userRecords) {
		return String.format(Locale.ROOT, "%.4f", (userRecords == 0) ? 0.0 : (double) count / userRecords);
	}

	private boolean summarize(String binding, String checkedBy) {
		Tally tally = this.ledger.tally(binding);
		CheckResult check = this.ledger.check(binding);
		log.info("  {}: read {} Kinesis records ({} aggregates, {} plain records), {} user records{}", binding,
				tally.kinesisRecords(), tally.aggregates(), tally.plainRecords(), tally.userRecords(),
				(tally.notOfThisRun() != 0) ? " (" + tally.notOfThisRun() + " not of this run, ignored)" : "");
		log.info("  {} check ({}): {}", binding, checkedBy, check);
		return check.passed();
	}

}
