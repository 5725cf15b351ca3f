package io.github.kpldeagg.sample.embedded;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Region and credentials for a Kinesis on loopback, the embedded kinesis-local or an
 * emulator the user runs: an emulator takes any, and without them Spring Cloud AWS hands
 * every AWS client the SDK's default region and credentials chains, which end at the EC2
 * instance metadata address. Each setting the user did not make is added with the lowest
 * precedence, so a static region and static credentials always come first (a region or
 * credentials profile the user names is then not consulted).
 *
 * @author The kpl-deagg maintainers
 */
final class LoopbackDefaults {

	static final List<Setting> SETTINGS = List.of(new Setting("spring.cloud.aws.region.static", "us-east-1"),
			new Setting("spring.cloud.aws.credentials.access-key", "fake-access-key"),
			new Setting("spring.cloud.aws.credentials.secret-key", "fake-secret-key"));

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

	private LoopbackDefaults() {
	}

	/**
	 * Adds the settings the environment lacks when {@code endpoint} is on loopback.
	 * @param environment the environment
	 * @param endpoint the endpoint
	 * @return the settings added; none for any other endpoint
	 */
	static List<Setting> applyTo(ConfigurableEnvironment environment, String endpoint) {
		if (!isLoopback(endpoint)) {
			return List.of();
		}
		Binder binder = Binder.get(environment);
		List<Setting> missing = SETTINGS.stream()
			.filter((setting) -> !binder.bind(setting.name(), String.class).isBound())
			.toList();
		if (!missing.isEmpty()) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("loopbackDefaults",
						missing.stream().collect(Collectors.toMap(Setting::name, Setting::value))));
		}
		return missing;
	}

	/**
	 * All the settings as command-line arguments.
	 * @return all the settings as command-line arguments
	 */
	static String asArguments() {
		return SETTINGS.stream().map(Setting::asArgument).collect(Collectors.joining(" "));
	}

	/**
	 * Whether the endpoint's host is localhost or a loopback address; no name is looked
	 * up.
	 * @param endpoint the endpoint
	 * @return whether the endpoint's host is localhost or a loopback address
	 */
	static boolean isLoopback(String endpoint) {
		String host;
		try {
			host = new URI(endpoint).getHost();
		}
		catch (URISyntaxException ex) {
			return false;
		}
		if (host == null) {
			return false;
		}
		if (host.equalsIgnoreCase("localhost") || IPV4_LOOPBACK.matcher(host).matches()) {
			return true;
		}
		try {
			// URI accepts only a valid IPv6 literal in brackets, which InetAddress parses
			// without a lookup.
			return host.startsWith("[") && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * One Spring Cloud AWS setting.
	 *
	 * @param name the name
	 * @param value the value
	 */
	record Setting(String name, String value) {

		String asArgument() {
			return "--" + this.name + "=" + this.value;
		}

		@Override
		public String toString() {
			return this.name + "=" + this.value;
		}
	}

}
