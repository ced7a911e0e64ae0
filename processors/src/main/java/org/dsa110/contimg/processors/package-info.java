/**
 * The Kafka Streams application {@code contimg-processors}: {@link org.dsa110.contimg.processors.classify
 * classify} routes {@code contimg.fs-events} to {@code contimg.log-moves}, {@code contimg.temp-purges} and
 * {@code contimg.pointing-requests}; {@link org.dsa110.contimg.processors.logs logs} moves CASA logs and
 * {@link org.dsa110.contimg.processors.purge purge} deletes idle temporary directories, and
 * {@link org.dsa110.contimg.processors.pointing pointing} reads the pointing of UVH5 files into
 * {@code contimg.pointing}, each writing an {@link org.dsa110.contimg.contract.Outcome} per action to
 * {@code contimg.outcomes}. The topology is built by
 * {@link org.dsa110.contimg.processors.ProcessorsTopology#build}.
 */
package org.dsa110.contimg.processors;
