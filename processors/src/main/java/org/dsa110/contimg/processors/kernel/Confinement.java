package org.dsa110.contimg.processors.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whether a path a record names lies inside its root on disk, not only by its name.
 *
 * <p>A prefix check ({@code path.startsWith(root)}) passes {@code ROOT/link/casa-A.log} where {@code ROOT/link}
 * points outside the root, and opening or linking the path would follow the link (the no-follow options of the
 * JDK cover only the last component). So every action resolves first: each directory from the root down to the
 * candidate's parent must be a directory and not a symbolic link (whatever it points at, even inside the root:
 * the old tools never followed one, and a link is how a swap is made), and the parent's real path must lie inside
 * the root's. The candidate itself is its caller's to check without following it: a log, a purge candidate and a
 * UVH5 file each have their own rule for what they may be.
 *
 * <p>The root itself is as configured and may be a link (a data root mounted elsewhere is the operator's choice).
 * What is checked here is checked just before the action, not atomically with it: a directory swapped for a link
 * in the microseconds between is the one race left, and only to a caller who can already rename directories in
 * the tree. Purges, which delete, close even that: they delete relative to an open parent descriptor.
 */
public final class Confinement {

    private Confinement() {}

    /**
     * Why {@code path} is not inside {@code root} as the filesystem resolves it, or {@code null} when it is (or
     * when a directory on the way is gone: the action then finds the path gone, and says so).
     *
     * @param root an absolute normalized root
     * @param path an absolute normalized path under {@code root} by name
     */
    public static String refusal(Path root, Path path) {
        if (!path.startsWith(root) || path.equals(root)) {
            return "outside " + root;
        }
        Path parent = path.getParent();
        Path directory = root;
        for (Path name : root.relativize(parent)) {
            if (name.toString().isEmpty()) {
                break; // the parent is the root itself
            }
            directory = directory.resolve(name);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                return "cannot check " + directory + " on its path: " + e.getMessage();
            }
            if (attributes.isSymbolicLink()) {
                return "has a symbolic link on its path (" + directory + "): never followed";
            }
            if (!attributes.isDirectory()) {
                return "has a non-directory on its path (" + directory + ")";
            }
        }
        try {
            Path real = parent.toRealPath();
            Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot)) {
                return "resolves outside " + root + " (to " + real + ")";
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "cannot resolve " + parent + ": " + e.getMessage();
        }
        return null;
    }
}
