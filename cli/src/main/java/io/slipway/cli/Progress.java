package io.slipway.cli;

import io.slipway.LaunchListener;

/**
 * Progress of one command on stderr: the backend's events ({@link LaunchListener}), and the command's own start and
 * end. Called from the backend's threads; implementations print whole lines, one at a time.
 */
interface Progress extends LaunchListener {

    /**
     * The command started {@code action} ({@code apply}, {@code plan}, {@code delete}) on {@code backend}.
     */
    void started(String action, String backend);

    /**
     * The command ended: {@code status} is its outcome in a word ({@code succeeded}, {@code failed}, {@code changes},
     * {@code no_changes}, {@code deleted}), {@code text} says it for people.
     */
    void done(String status, String text);
}
