package io.github.kpldeagg.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata the configuration processor generates from the properties' javadoc: the IDE's help. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyHasAPlainTextDescription() throws Exception {
        Path classes = Path.of(KplDeaggregationProperties.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        JsonNode metadata = new ObjectMapper()
                .readTree(classes.resolve("META-INF/spring-configuration-metadata.json").toFile());
        List<JsonNode> properties = new ArrayList<>();
        metadata.get("properties").forEach(properties::add);

        assertThat(properties).extracting(property -> property.get("name").asText())
                .contains("kpl.deaggregation.enabled", "kpl.deaggregation.bindings");
        assertThat(properties).allSatisfy(property -> assertThat(property.path("description").asText())
                .as(property.get("name").asText()).isNotBlank().doesNotContain("{@", "<"));
    }
}
