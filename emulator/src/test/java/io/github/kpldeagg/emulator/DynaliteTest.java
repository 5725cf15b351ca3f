package io.github.kpldeagg.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class DynaliteTest {

    @Test
    void createsATableOnLoopbackAndStopsOnClose() throws Exception {
        long pid;
        try (Dynalite dynalite = Dynalite.start();
                DynamoDbClient dynamoDb = DynamoDbClient.builder()
                        .endpointOverride(dynalite.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("fake-access-key", "fake-secret-key")))
                        .httpClientBuilder(Apache5HttpClient.builder())
                        .build()) {
            pid = dynalite.pid();

            dynamoDb.createTable(r -> r.tableName("checkpoints")
                    .attributeDefinitions(a -> a.attributeName("key").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("key").keyType(KeyType.HASH))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            dynamoDb.waiter().waitUntilTableExists(r -> r.tableName("checkpoints"));

            assertThat(dynamoDb.describeTable(r -> r.tableName("checkpoints")).table().tableStatus())
                    .isEqualTo(TableStatus.ACTIVE);
            assertThat(dynalite.endpoint()).hasHost("127.0.0.1");
            if (ListeningSockets.supported()) {
                List<InetSocketAddress> listening = ListeningSockets.of(pid);
                assertThat(listening).extracting(InetSocketAddress::getPort).contains(dynalite.endpoint().getPort());
                assertThat(listening).allSatisfy(address -> assertThat(address.getAddress().isLoopbackAddress())
                        .as("%s is loopback", address).isTrue());
            }
        }

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
}
