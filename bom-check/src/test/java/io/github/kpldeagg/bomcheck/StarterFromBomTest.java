package io.github.kpldeagg.bomcheck;

import java.nio.ByteBuffer;

import io.github.kpldeagg.autoconfigure.awspring.KplDeaggregationAutoConfiguration;
import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.lambda.KplLambdaAutoConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application gets from the starters named without a version, their versions
 * coming from kpl-deagg-dependencies: that this compiles is most of the test.
 */
class StarterFromBomTest {

	@Test
	void startersBringTheCoreAndTheirAutoConfigurations() {
		ByteBuffer data = ByteBuffer.wrap(new byte[] { 1, 2, 3 });
		UserRecord userRecord = Deaggregator.create().deaggregate(data, "key", "1").get(0);
		assertThat(userRecord.partitionKey()).isEqualTo("key");
		assertThat(userRecord.aggregated()).isFalse();
		assertThat(KplDeaggregationAutoConfiguration.class.getPackageName())
			.isEqualTo("io.github.kpldeagg.autoconfigure.awspring");
		assertThat(KplLambdaAutoConfiguration.class.getPackageName()).isEqualTo("io.github.kpldeagg.lambda");
	}

	@Test
	void theBinderComesWithTheStarter() throws ClassNotFoundException {
		assertThat(Class.forName("io.awspring.cloud.kinesis.integration.KinesisMessageDrivenChannelAdapter"))
			.isNotNull();
		assertThat(Class.forName("org.springframework.cloud.function.adapter.aws.FunctionInvoker")).isNotNull();
	}

}
