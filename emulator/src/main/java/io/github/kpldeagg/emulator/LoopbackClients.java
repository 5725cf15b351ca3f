package io.github.kpldeagg.emulator;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * AWS SDK clients of an emulator: its loopback endpoint, us-east-1 and static fake
 * credentials, so that no default provider chain looks for a region or credentials
 * anywhere else.
 *
 * @author The kpl-deagg maintainers
 */
final class LoopbackClients {

	static final Region REGION = Region.US_EAST_1;

	private LoopbackClients() {
	}

	/**
	 * The Apache 5 HTTP client closes its pooled connections on close(), without which
	 * kinesis-local ignores SIGTERM.
	 * @param <B> the builder's type
	 * @param <C> the client's type
	 * @param builder the client's builder
	 * @param endpoint the emulator's endpoint
	 * @return the client
	 */
	static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint) {
		return builder.endpointOverride(endpoint)
			.region(REGION)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create("fake-access-key", "fake-secret-key")))
			.httpClientBuilder(Apache5HttpClient.builder())
			.build();
	}

}
