package org.dsa110.contimg.processors.pointing;

import java.util.List;

/**
 * What the {@link TransitFindProcessor} last published for one file: the keys of its transits on
 * {@code contimg.calibrator-transits}, so a later observation of the file can retract the ones it no longer holds.
 */
public record FileTransits(List<String> keys) {

    public FileTransits {
        keys = List.copyOf(keys);
    }
}
