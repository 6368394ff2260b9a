package io.slipway.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --progress=text|json|auto}, for the commands that report progress on stderr: {@code text} (the default, and
 * what {@code auto} picks) for people, {@code json} one JSON object per line per event ({@link JsonProgress}).
 */
final class ProgressOption {

    /** The formats, as {@code docker compose --progress} names its own. */
    enum Format {
        TEXT, JSON, AUTO
    }

    @Option(names = "--progress", paramLabel = "FORMAT", defaultValue = "auto",
            converter = FormatConverter.class,
            description = {"How progress is shown on stderr: text (for people), json (one JSON object per line and per"
                    + " event: id, status, text, timestamp, deployment, event) or auto (text). Default: ${DEFAULT-VALUE}.",
                    "Stdout is not affected."})
    private Format format = Format.AUTO;

    /**
     * The reporter of {@code deployment}'s progress on {@code err}.
     *
     * @param logsOfSucceeded whether the command prints a succeeded service's log tail, so that the backend reads it
     *        ({@link io.slipway.LaunchListener#logsOfSucceeded()})
     */
    Progress open(PrintWriter err, String deployment, boolean logsOfSucceeded) {
        return format == Format.JSON ? new JsonProgress(err, deployment, logsOfSucceeded)
                : new TextProgress(err, deployment, logsOfSucceeded);
    }

    /** Case-insensitive, naming the valid values when the given one is none. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("invalid --progress '" + value
                        + "'; valid: text, json, auto");
            }
        }
    }
}
