package io.github.kpldeagg.lambda.bench.starter;

import java.util.function.Consumer;

import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.lambda.bench.Work;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** With the starter: called once per user record. */
@SpringBootApplication
public class StarterFunctionApplication {

	@Bean
	Consumer<UserRecord> userRecords() {
		return Work::on;
	}

}
