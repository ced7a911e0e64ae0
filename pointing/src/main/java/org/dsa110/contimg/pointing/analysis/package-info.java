/**
 * What the pointing history says taken whole: its declination campaigns and the sky it has covered. Pure
 * computation over rows of {@code pointing_history}; no Kafka, no database.
 */
package org.dsa110.contimg.pointing.analysis;
