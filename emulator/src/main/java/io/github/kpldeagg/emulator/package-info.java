/**
 * Local AWS emulators for this project's tests and sample app, never for production:
 * {@link io.github.kpldeagg.emulator.KinesisLocal} (kinesis-local) and
 * {@link io.github.kpldeagg.emulator.Dynalite} (dynalite), installed with npm into a
 * machine-wide cache on first use, run with Node.js on free 127.0.0.1 ports and stopped
 * with the JVM at the latest. This module is not published; its types may change with any
 * build. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.emulator;

import org.jspecify.annotations.NullMarked;
