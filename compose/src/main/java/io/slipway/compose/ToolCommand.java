package io.slipway.compose;

import java.util.List;

/**
 * One command line for the Compose tool.
 *
 * @param what the tool and subcommand as a user would say it, e.g. {@code docker-compose up}, for messages
 * @param argv the whole argv, program first
 */
record ToolCommand(String what, List<String> argv) {

    ToolCommand {
        argv = List.copyOf(argv);
    }
}
