package org.dsa110.contimg.processors.pointing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dsa110.contimg.contract.FileIdentity;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.pointing.PointingExtractor;
import org.dsa110.contimg.processors.kernel.Confinement;

/**
 * Everything one try at a UVH5 file does to the filesystem, in one place, so that all of it can run off the stream
 * thread under one bound ({@link BoundedReads}): the path resolved inside its source, the file's identity, and the
 * header read. On a hung mount any of the three can block; none of them writes.
 */
final class FileRead {

    /** What a try found. */
    sealed interface Result {
        /** Not inside its source on disk (a symbolic link on the way): never read. */
        record Refused(String reason) implements Result {}

        /** Still the identity the caller already knows: nothing read. */
        record Unchanged(FileIdentity identity) implements Result {}

        /** Read: its pointing, and its identity taken before the read. */
        record Observed(FileIdentity identity, PointingObservation observation) implements Result {}

        /**
         * Could not be read; {@code identity} is {@code null} when the file could not even be looked at (gone, or
         * the try abandoned after its bound): such a file is never concluded failed for good.
         */
        record Failed(FileIdentity identity, RuntimeException failure) implements Result {}
    }

    private final PointingExtractor extractor;
    private final List<Path> sources;

    FileRead(PointingExtractor extractor, List<Path> sources) {
        this.extractor = extractor;
        this.sources = List.copyOf(sources);
    }

    /**
     * @param path        an absolute normalized path with a first-sub-band name under one of the sources
     * @param unlessStill an identity to compare with first: if the file still has it, nothing is read
     */
    Result read(String path, FileIdentity unlessStill) {
        Path file = Path.of(path);
        Path source = sources.stream().filter(file::startsWith).findFirst().orElse(null);
        if (source == null) {
            return new Result.Refused("outside the UVH5 sources " + sources);
        }
        String outside = Confinement.refusal(source, file);
        if (outside != null) {
            return new Result.Refused(outside);
        }
        // Taken before the read: if the file changes while it is read, the next request sees another identity.
        FileIdentity identity;
        try {
            identity = FileIdentity.of(file);
        } catch (IOException e) {
            identity = null;
        }
        if (identity != null && identity.equals(unlessStill)) {
            return new Result.Unchanged(identity);
        }
        try {
            return new Result.Observed(identity, extractor.extract(file));
        } catch (RuntimeException e) { // a UvH5Exception, or a bug: the processor tells them apart
            return new Result.Failed(identity, e);
        }
    }
}
