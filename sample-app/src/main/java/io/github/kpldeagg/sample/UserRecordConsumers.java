package io.github.kpldeagg.sample;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.sample.check.Delivery;
import io.github.kpldeagg.sample.check.DeliveryLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The two consumers, each bound to the stream with its own consumer group so that each
 * reads every record: {@code userRecords} takes the starter's {@link UserRecord},
 * {@code readings} lets Spring Cloud Stream bind each user record's JSON to a
 * {@link Reading} and reads the {@link KplHeaders}.
 *
 * @author The kpl-deagg maintainers
 */
@Configuration(proxyBeanMethods = false)
class UserRecordConsumers {

	static final String USER_RECORDS = "userRecords-in-0";
	static final String READINGS = "readings-in-0";

	private static final Logger log = LoggerFactory.getLogger(UserRecordConsumers.class);

	@Bean
	Consumer<UserRecord> userRecords(DeliveryLedger ledger, SampleProperties sample) {
		AtomicLong received = new AtomicLong();
		return (userRecord) -> {
			long number = received.incrementAndGet();
			log.atLevel(((number - 1) % sample.logEvery() == 0) ? Level.INFO : Level.DEBUG)
				.log("user record #{}: partitionKey={} sequenceNumber={} subSequenceNumber={} aggregated={}", number,
						userRecord.partitionKey(), userRecord.sequenceNumber(), userRecord.subSequenceNumber(),
						userRecord.aggregated());
			ledger.received(USER_RECORDS,
					new Delivery(ReadingJson.read(userRecord.bytes()).orElse(null), userRecord.partitionKey(),
							userRecord.explicitHashKey().orElse(null), userRecord.sequenceNumber(),
							userRecord.subSequenceNumber(), userRecord.aggregated()));
		};
	}

	@Bean
	Consumer<Message<Reading>> readings(DeliveryLedger ledger) {
		return (message) -> {
			MessageHeaders headers = message.getHeaders();
			Long subSequenceNumber = headers.get(KplHeaders.SUB_SEQUENCE_NUMBER, Long.class);
			ledger.received(READINGS,
					new Delivery(message.getPayload(), headers.get(KplHeaders.PARTITION_KEY, String.class),
							headers.get(KplHeaders.EXPLICIT_HASH_KEY, String.class),
							headers.get(KplHeaders.SEQUENCE_NUMBER, String.class),
							(subSequenceNumber != null) ? subSequenceNumber : -1,
							Boolean.TRUE.equals(headers.get(KplHeaders.AGGREGATED))));
		};
	}

}
