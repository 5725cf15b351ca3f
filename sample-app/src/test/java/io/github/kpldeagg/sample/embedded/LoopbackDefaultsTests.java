package io.github.kpldeagg.sample.embedded;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.core.region.StaticRegionProvider;
import io.github.kpldeagg.sample.embedded.LoopbackDefaults.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The region and credentials providers Spring Cloud AWS builds for every AWS client of
 * the app: for a Kinesis on loopback never the SDK's default chains (which end at the EC2
 * instance metadata address).
 */
class LoopbackDefaultsTests {

	private static final String REGION = "spring.cloud.aws.region.static";

	private static final String ACCESS_KEY = "spring.cloud.aws.credentials.access-key";

	private static final String SECRET_KEY = "spring.cloud.aws.credentials.secret-key";

	private final ApplicationContextRunner springCloudAws = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RegionProviderAutoConfiguration.class, CredentialsProviderAutoConfiguration.class));

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:4567", "https://127.1.2.3", "http://localhost:4566", "http://LOCALHOST",
			"http://[::1]:4567", "http://[0:0:0:0:0:0:0:1]" })
	void aLoopbackEndpointGetsAStaticRegionAndStaticFakeCredentials(String endpoint) {
		this.springCloudAws.withInitializer((context) -> LoopbackDefaults.applyTo(context.getEnvironment(), endpoint))
			.run((context) -> {
				AwsRegionProvider region = context.getBean(AwsRegionProvider.class);
				assertThat(region).isInstanceOf(StaticRegionProvider.class);
				assertThat(region.getRegion()).isEqualTo(Region.US_EAST_1);
				// Spring Cloud AWS chains the static credentials before a web-identity
				// provider (STS is on the class path); without them no provider of the
				// chain would find any here.
				assertThat(context.getBean(AwsCredentialsProvider.class).resolveCredentials())
					.extracting(AwsCredentials::accessKeyId, AwsCredentials::secretAccessKey)
					.containsExactly("fake-access-key", "fake-secret-key");
			});
	}

	@Test
	void settingsTheUserMadeStayWhereverTheyWereMade() {
		AtomicReference<List<Setting>> added = new AtomicReference<>();
		this.springCloudAws.withPropertyValues(ACCESS_KEY + "=my-access-key").withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("SPRING_CLOUD_AWS_REGION_STATIC", "eu-west-1")));
			added.set(LoopbackDefaults.applyTo(context.getEnvironment(), "http://127.0.0.1:4567"));
		}).run((context) -> {
			assertThat(added.get()).containsExactly(new Setting(SECRET_KEY, "fake-secret-key"));
			assertThat(context.getBean(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_WEST_1);
			assertThat(context.getBean(AwsCredentialsProvider.class).resolveCredentials())
				.extracting(AwsCredentials::accessKeyId, AwsCredentials::secretAccessKey)
				.containsExactly("my-access-key", "fake-secret-key");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://kinesis.us-east-1.amazonaws.com", "http://10.0.0.5:4566",
			"http://127.0.0.1.example.com", "http://localhost.example.com", "127.0.0.1:4566", "not a URI" })
	void anyOtherEndpointIsLeftToTheUsersSettings(String endpoint) {
		StandardEnvironment environment = new StandardEnvironment();

		assertThat(LoopbackDefaults.applyTo(environment, endpoint)).isEmpty();
		assertThat(environment.containsProperty(REGION)).isFalse();
		assertThat(environment.containsProperty(ACCESS_KEY)).isFalse();
	}

}
