package org.dsa110.contimg.processors.calibration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@link TransitFindProcessor} last published for one file: the keys of its matches on
 * {@code contimg.calibrator-transits}, each with where the {@link BestFileMarker} keeps it ({@link TransitIndex}),
 * so a later observation of the file can retract the ones it no longer holds, and the marker find them.
 */
public record FileTransits(Map<String, String> indexByKey) {

    public FileTransits {
        indexByKey = new LinkedHashMap<>(indexByKey);
    }
}
