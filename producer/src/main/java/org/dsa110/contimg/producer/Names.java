package org.dsa110.contimg.producer;

import java.nio.file.Path;

/** File names the pipeline can and cannot carry as text. */
final class Names {

    private Names() {}

    /**
     * Whether the path's text is its name: a name that is not valid UTF-8 decodes with replacement characters, and
     * the processors could never find the file again by that text.
     */
    static boolean representable(Path path) {
        return path.toString().indexOf('\uFFFD') < 0;
    }

    /** The path for a log line: newlines and other control characters escaped, so one path stays one line. */
    static String printable(Path path) {
        String text = path.toString();
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
