package io.github.kpldeagg.it.support;

import io.github.kpldeagg.emulator.Dynalite;
import io.github.kpldeagg.emulator.KinesisLocal;

/**
 * Run by Maven before the integration tests when they run in a loopback-only network
 * namespace, where npm cannot reach its registry: installs each emulator into the
 * machine's npm cache if it is not there yet.
 */
public final class NpmPreinstall {

	private NpmPreinstall() {
	}

	public static void main(String[] args) {
		KinesisLocal.install();
		Dynalite.install();
	}

}
