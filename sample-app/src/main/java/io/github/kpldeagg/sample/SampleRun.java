package io.github.kpldeagg.sample;

import static io.github.kpldeagg.sample.UserRecordConsumers.READINGS;
import static io.github.kpldeagg.sample.UserRecordConsumers.USER_RECORDS;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.sample.check.CheckResult;
import io.github.kpldeagg.sample.check.DeliveryLedger;
import io.github.kpldeagg.sample.check.Tally;
import io.github.kpldeagg.sample.producer.PacedProducer;
import io.github.kpldeagg.sample.producer.ProducerStats;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The run, once the bindings are up: puts the readings, waits until both bindings have
 * them all, and prints the summary. Its exit code is 0 only when every check passed.
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
		if (!sample.producer().enabled()) {
			log.info("Producer off: reading stream '{}' until stopped (Ctrl-C)", sample.stream());
			progress.start(null);
			return;
		}
		// The binder's endpoint, region and credentials; an HTTP client that closes at
		// once, unlike Netty's.
		try (KinesisClient kinesis = aws.configure(KinesisClient.builder())
			.httpClientBuilder(Apache5HttpClient.builder())
			.build()) {
			PacedProducer producer = new PacedProducer(kinesis, sample.stream(), sample.partitionKeys(), ledger);
			log.info("Run {}: putting {} user records over {} partition keys to stream '{}', about {} per second",
					ledger.run(), sample.records(), sample.partitionKeys(), sample.stream(), sample.rate());
			progress.start(producer::stats);
			producer.put(sample.records(), sample.rate());
			// Auto-configured on the current Spring line only.
			AggregatingProducer aggregatingProducer = kplDeaggProducer.getIfAvailable();
			ProducerStats throughProducer = null;
			if (aggregatingProducer != null) {
				log.info("Run {}: putting {} more user records with kpl-deagg-producer's AggregatingProducer",
						ledger.run(), sample.records());
				throughProducer = producer.putThrough(aggregatingProducer, sample.records(), sample.rate());
			}
			boolean allArrived = awaitAllArrived();
			progress.stop();
			passed = summarize(producer.stats(), throughProducer, allArrived);
			if (sample.keepRunning()) {
				progress.start(producer::stats);
			}
		}
	}

	@Override
	public int getExitCode() {
		return passed ? 0 : 1;
	}

	private boolean awaitAllArrived() {
		long deadline = System.nanoTime() + sample.timeout().toNanos();
		while (ledger.receivedOfThisRun(USER_RECORDS) < ledger.sentCount()
				|| ledger.receivedOfThisRun(READINGS) < ledger.sentCount()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private boolean summarize(ProducerStats put, @Nullable ProducerStats throughProducer, boolean allArrived) {
		log.info("Summary of run {}:", ledger.run());
		log.info("  put: {} user records in {} Kinesis records ({} aggregates, {} plain records), {} PutRecords calls",
				put.userRecords(), put.kinesisRecords(), put.aggregates(), put.plainRecords(), put.putRecordsCalls());
		if (throughProducer != null) {
			long userRecords = throughProducer.userRecords();
			log.info(
					"  put with kpl-deagg-producer: {} user records in {} Kinesis records ({} aggregates, {} plain"
							+ " records), {} PUT payload units",
					userRecords, throughProducer.kinesisRecords(), throughProducer.aggregates(),
					throughProducer.plainRecords(), putPayloadUnits.units());
			log.info(
					"  saved: {} Kinesis records and {} PUT payload units per user record, where one record each"
							+ " would take 1 and at least 1",
					perUserRecord(putPayloadUnits.kinesisRecords(), userRecords),
					perUserRecord(putPayloadUnits.units(), userRecords));
		}
		boolean userRecordsPassed = summarize(USER_RECORDS, "Consumer<UserRecord>, by UserRecord identity");
		boolean readingsPassed = summarize(READINGS, "Consumer<Message<Reading>>, by kpl_* headers");
		boolean passed = allArrived && userRecordsPassed && readingsPassed;
		log.info("  result: {}", passed ? "PASSED" : allArrived ? "FAILED"
				: "FAILED (not every user record arrived within " + sample.timeout().toSeconds() + " s)");
		return passed;
	}

	private static String perUserRecord(long count, long userRecords) {
		return String.format(Locale.ROOT, "%.4f", (userRecords == 0) ? 0.0 : (double) count / userRecords);
	}

	private boolean summarize(String binding, String checkedBy) {
		Tally tally = ledger.tally(binding);
		CheckResult check = ledger.check(binding);
		log.info("  {}: read {} Kinesis records ({} aggregates, {} plain records), {} user records{}", binding,
				tally.kinesisRecords(), tally.aggregates(), tally.plainRecords(), tally.userRecords(),
				tally.notOfThisRun() == 0 ? "" : " (" + tally.notOfThisRun() + " not of this run, ignored)");
		log.info("  {} check ({}): {}", binding, checkedBy, check);
		return check.passed();
	}

}
