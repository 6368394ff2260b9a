package io.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM options an installed hook gets from the command that installs it. */
class HookInstallCommandTest {

    @Test
    void aHookRunByThisJvmStartsFromItsClassArchive() {
        assertEquals(List.of("-XX:SharedArchiveFile=/opt/s w/cli/target/slipway-17.0.15.jsa", "-Xlog:cds=off:stderr"),
                HookInstallCommand.archiveOptions(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-XX:SharedArchiveFile=/opt/s w/cli/target/slipway-17.0.15.jsa", "-Xlog:cds=off:stderr", "-jar",
                        "/opt/s w/cli/target/slipway.jar", "hook", "install", "--dir", "/h")));
        assertEquals(List.of("-XX:AOTCache=/x/slipway-25.0.3+9-LTS.aot", "-Xlog:aot=off,cds=off:stderr"),
                HookInstallCommand.archiveOptions(List.of("-XX:AOTCache=/x/slipway-25.0.3+9-LTS.aot", "-cp", "/x/slipway.jar",
                        "io.slipway.cli.SlipwayCommand", "hook", "install")));
    }

    @Test
    void onlyTheJvmsOwnOptionsCount() {
        // Without an archive (SLIPWAY_CDS=0, a test JVM), and an argument of the command itself that looks like one.
        assertEquals(List.of(), HookInstallCommand.archiveOptions(List.of("-XX:+UseSerialGC", "-jar", "slipway.jar",
                "-XX:SharedArchiveFile=/not/an/option.jsa")));
        assertEquals(List.of(), HookInstallCommand.archiveOptions(List.of("io.slipway.cli.SlipwayCommand",
                "-XX:AOTCache=/not/an/option.aot")));
        assertEquals(List.of(), HookInstallCommand.archiveOptions(List.of()));
    }

    @Test
    void optionsAreWrittenAsShellWords() {
        assertEquals("-Xlog:aot=off,cds=off:stderr", HookInstallCommand.word("-Xlog:aot=off,cds=off:stderr"));
        assertEquals("-XX:AOTCache=/x/slipway-25.0.3+9-LTS.aot", HookInstallCommand.word("-XX:AOTCache=/x/slipway-25.0.3+9-LTS.aot"));
        assertEquals("'-XX:SharedArchiveFile=/opt/s w/a.jsa'", HookInstallCommand.word("-XX:SharedArchiveFile=/opt/s w/a.jsa"));
        assertEquals("'a$b'", HookInstallCommand.word("a$b"));
        assertEquals("'é'", HookInstallCommand.word("é"));
        assertEquals("''", HookInstallCommand.word(""));
    }
}
