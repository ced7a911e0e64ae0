package org.dsa110.contimg.contract.status;

/**
 * The ids under which the pipeline's components report on {@code contimg.status}: the record's key, which other
 * services look up, so they are built here only. A file-touching component is named for its host
 * ({@code producer@imager1}); the sink's view of the whole pipeline has one id wherever it runs.
 */
public final class ComponentId {

    /** The sink's pipeline monitor: the whole pipeline's status, the old monitor's file. */
    public static final String PIPELINE_MONITOR = "pointing-monitor";

    private ComponentId() {}

    public static String producer(String host) {
        return "producer@" + host;
    }

    public static String processors(String host) {
        return "processors@" + host;
    }

    /** The instance of the cluster-wide calibration application that runs beside a host's processors. */
    public static String calibration(String host) {
        return "calibration@" + host;
    }
}
