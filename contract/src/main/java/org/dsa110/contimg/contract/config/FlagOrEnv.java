package org.dsa110.contimg.contract.config;

import java.util.Map;
import java.util.function.Function;

/** The precedence every setting follows: a command-line flag, then its environment variable, then a default. */
final class FlagOrEnv {

    private FlagOrEnv() {}

    static <T> T pick(T flag, Map<String, String> env, String variable, Function<String, T> parse, T fallback) {
        if (flag != null) {
            return flag;
        }
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(value.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Environment variable " + variable + "=" + value + " is not valid: " + e.getMessage(), e);
        }
    }
}
