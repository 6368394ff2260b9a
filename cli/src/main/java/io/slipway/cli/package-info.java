/**
 * The {@code slipway} command line ({@link io.slipway.cli.SlipwayCommand}): {@code backends}, {@code apply},
 * {@code delete} and {@code status}, over any backend on the class path. Exit codes: 0 when every service
 * succeeded, 1 when one failed or timed out (or the backend could not be reached), 2 on bad usage or an
 * invalid spec, input or backend config (nothing is started then). Results go to stdout, progress and
 * errors to stderr; secrets are never printed.
 */
package io.slipway.cli;
