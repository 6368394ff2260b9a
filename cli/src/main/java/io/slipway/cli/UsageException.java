package io.slipway.cli;

/** A command line that cannot be acted on (a bad {@code -i}, an unreadable inputs file): exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
