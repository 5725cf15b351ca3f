package io.github.kpldeagg.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata the configuration processor generates from the properties' javadoc: the
 * IDE's help.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasAPlainTextDescription() throws Exception {
		JsonNode metadata = new ObjectMapper().readTree(ownMetadata().openStream());
		List<JsonNode> properties = new ArrayList<>();
		metadata.get("properties").forEach(properties::add);

		assertThat(properties).extracting((property) -> property.get("name").asText())
			.contains("kpl.deaggregation.enabled", "kpl.deaggregation.bindings");
		assertThat(properties).allSatisfy(
				(property) -> assertThat(property.path("description").asText()).as(property.get("name").asText())
					.isNotBlank()
					.doesNotContain("{@", "<"));
	}

	/**
	 * This module's metadata, from its classes folder or its jar: Spring Boot's jars have
	 * some too.
	 */
	private static URL ownMetadata() throws IOException {
		String location = KplDeaggregationProperties.class.getProtectionDomain()
			.getCodeSource()
			.getLocation()
			.toString();
		return Collections
			.list(KplDeaggregationProperties.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))
			.stream()
			.filter((url) -> url.toString().contains(location))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No configuration metadata in " + location));
	}

}
