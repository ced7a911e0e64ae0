package org.dsa110.contimg.app.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest. */
public final class ManifestVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "contimg " + (version == null ? "(development build)" : version)
                    + " (Kafka " + AppInfoParser.getVersion() + ", Java "
                    + Runtime.version() + ")"
        };
    }
}
