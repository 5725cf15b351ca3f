package io.github.kpldeagg.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackPatchTests {

	@TempDir
	Path packageDirectory;

	@Test
	void replacesTheOneBindHostAndLeavesMainJsAlone() throws IOException {
		String main = "var host = $m_Lcom_comcast_ip4s_Host$().em(\"0.0.0.0\"); var other = \"0.0.0.0\";";
		Files.writeString(this.packageDirectory.resolve("main.js"), main);

		LoopbackPatch.writeLoopbackMain(this.packageDirectory);

		assertThat(this.packageDirectory.resolve("main-loopback.js")).content()
			.isEqualTo("var host = $m_Lcom_comcast_ip4s_Host$().em(\"127.0.0.1\"); var other = \"0.0.0.0\";");
		assertThat(this.packageDirectory.resolve("main.js")).content().isEqualTo(main);
	}

	@Test
	void failsLoudlyWhenTheBindHostIsNotFound() throws IOException {
		Files.writeString(this.packageDirectory.resolve("main.js"), "server.listen(4567, \"0.0.0.0\")");

		assertThatThrownBy(() -> LoopbackPatch.writeLoopbackMain(this.packageDirectory))
			.isInstanceOf(EmulatorUnavailableException.class)
			.hasMessageContaining("Cannot keep kinesis-local on loopback")
			.hasMessageContaining("found none");
		assertThat(this.packageDirectory.resolve("main-loopback.js")).doesNotExist();
	}

	@Test
	void failsLoudlyWhenTheBindHostIsAmbiguous() throws IOException {
		Files.writeString(this.packageDirectory.resolve("main.js"), LoopbackPatch.BIND_ALL_INTERFACES.repeat(2));

		assertThatThrownBy(() -> LoopbackPatch.writeLoopbackMain(this.packageDirectory))
			.isInstanceOf(EmulatorUnavailableException.class)
			.hasMessageContaining("found several");
	}

}
