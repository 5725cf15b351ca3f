package io.github.kpldeagg.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.jar.Manifest;

import com.google.protobuf.CodedInputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each surefire execution runs on the protobuf-java it claims to: 3.x (compiled against)
 * or 4.x.
 */
class ProtobufRuntimeTests {

	@Test
	void testsRunOnTheExpectedProtobufJava() throws IOException {
		String expected = System.getProperty("kpldeagg.expectedProtobufVersion");
		assertThat(expected).as("set by core/pom.xml; run the tests through Maven").isNotNull();
		String jar = CodedInputStream.class.getProtectionDomain().getCodeSource().getLocation().toString();
		try (InputStream in = new URL("jar:" + jar + "!/META-INF/MANIFEST.MF").openStream()) {
			assertThat(new Manifest(in).getMainAttributes().getValue("Bundle-Version")).isEqualTo(expected);
		}
	}

}
