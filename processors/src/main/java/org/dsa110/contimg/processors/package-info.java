/**
 * The Kafka Streams application {@code contimg-processors}: classifies {@code contimg.fs-events} into
 * {@code contimg.log-moves}, {@code contimg.temp-purges} and {@code contimg.pointing-requests}, and acts on them
 * (moves CASA logs, purges idle temporary directories, extracts UVH5 pointings), writing
 * {@code contimg.outcomes} and {@code contimg.pointing}.
 *
 * <p>Built by issues 8 (classification, log moves, purges) and 4 (pointing extraction); this module holds no
 * code yet.
 */
package org.dsa110.contimg.processors;
