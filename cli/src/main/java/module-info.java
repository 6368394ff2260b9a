/**
 * The {@code slipway} command. picocli reads the commands' annotated fields, so the package is opened to it. The
 * released {@code slipway.jar} is shaded and runs on the class path; this descriptor is for running the modular jars.
 */
module io.slipway.cli {
    requires io.slipway.core;
    requires io.slipway.heat;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;

    opens io.slipway.cli to info.picocli;
}
