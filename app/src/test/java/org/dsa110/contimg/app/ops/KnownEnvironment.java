package org.dsa110.contimg.app.ops;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dsa110.contimg.app.Contimg;
import org.dsa110.contimg.contract.config.HostId;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;
import picocli.CommandLine;

/**
 * Every environment variable something in this project reads, found where it is read: the {@code ENV_} constants
 * of the configuration classes, the {@code ${env:...}} defaults of the command line, the {@code ${...}} of the
 * logging configurations, and the few the JVM and the launchers read. Deployment files may set only these.
 */
final class KnownEnvironment {

    /** Read by the JVM ({@code JAVA_TOOL_OPTIONS}, {@code LANG}) and by the launchers ({@code JAVA_OPTS}). */
    private static final List<String> RUNTIME = List.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS", "LANG");

    private static final Pattern PICOCLI_ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");
    private static final Pattern LOGBACK_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:-[^}]*)?}");

    private KnownEnvironment() {}

    static Set<String> names() throws IOException {
        Set<String> names = new TreeSet<>(RUNTIME);
        for (Class<?> type : List.of(PipelinePaths.class, KafkaSettings.class, Membership.class)) {
            for (Field field : type.getFields()) {
                if (field.getName().startsWith("ENV_") && Modifier.isStatic(field.getModifiers())) {
                    try {
                        names.add((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        names.add(HostId.ENV);
        collectPicocli(Contimg.commandLine(), names);
        try (Stream<Path> configs = Stream.concat(
                Files.list(Project.root().resolve("ops/logging")),
                Stream.of(Project.root().resolve("app/src/main/resources/logback.xml")))) {
            for (Path config : configs.toList()) {
                Matcher matcher = LOGBACK_VARIABLE.matcher(Files.readString(config));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        names.remove("LOG_FILE"); // a property the systemd configuration defines for itself
        return names;
    }

    /** The {@code ${env:...}} in the raw {@code defaultValue} of every option of every command and mixin. */
    private static void collectPicocli(CommandLine command, Set<String> names) {
        List<Object> owners = new ArrayList<>();
        owners.add(command.getCommandSpec().userObject());
        command.getCommandSpec().mixins().values().forEach(mixin -> owners.add(mixin.userObject()));
        for (Object owner : owners) {
            for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
                    if (option != null) {
                        Matcher matcher = PICOCLI_ENV.matcher(option.defaultValue());
                        while (matcher.find()) {
                            names.add(matcher.group(1));
                        }
                    }
                }
            }
        }
        command.getSubcommands().values().forEach(sub -> collectPicocli(sub, names));
    }
}
