package io.github.kpldeagg.lambda.bench.plain;

import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.KinesisEventUserRecord;
import io.github.kpldeagg.lambda.bench.Work;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Spring Cloud Function alone: the whole event in one call, deaggregated by hand. */
@SpringBootApplication
public class PlainFunctionApplication {

	@Bean
	Consumer<KinesisEvent> kinesisEvents() {
		Deaggregator deaggregator = Deaggregator.create();
		return (event) -> deaggregator.streamEvent(event).map(KinesisEventUserRecord::userRecord).forEach(Work::on);
	}

}
