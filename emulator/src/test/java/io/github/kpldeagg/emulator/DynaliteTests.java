package io.github.kpldeagg.emulator;

import java.util.List;

import io.github.kpldeagg.emulator.procnet.ProcessSockets;
import io.github.kpldeagg.emulator.procnet.SocketEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import static org.assertj.core.api.Assertions.assertThat;

class DynaliteTests {

	@Test
	void createsATableOnLoopbackAndStopsOnClose() throws Exception {
		long pid;
		try (Dynalite dynalite = Dynalite.start()) {
			pid = dynalite.pid();
			DynamoDbClient dynamoDb = dynalite.client();

			dynamoDb.createTable((r) -> r.tableName("checkpoints")
				.attributeDefinitions((a) -> a.attributeName("key").attributeType(ScalarAttributeType.S))
				.keySchema((k) -> k.attributeName("key").keyType(KeyType.HASH))
				.billingMode(BillingMode.PAY_PER_REQUEST));
			dynamoDb.waiter().waitUntilTableExists((r) -> r.tableName("checkpoints"));

			assertThat(dynamoDb.describeTable((r) -> r.tableName("checkpoints")).table().tableStatus())
				.isEqualTo(TableStatus.ACTIVE);
			if (ProcessSockets.supported()) {
				List<SocketEndpoint> listening = ProcessSockets.listening(pid);
				assertThat(listening).extracting(SocketEndpoint::port).contains(dynalite.endpoint().getPort());
				assertThat(listening)
					.allSatisfy((endpoint) -> assertThat(endpoint.loopback()).as("%s is loopback", endpoint).isTrue());
			}
		}

		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
	}

}
