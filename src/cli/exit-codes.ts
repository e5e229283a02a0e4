/** The doctor's exit codes: scripts and CI branch on these, so they never change meaning. */
export const EXIT_CODES = {
  /** A token was fetched (and the `--api` request, when asked for, succeeded). Warnings allowed. */
  healthy: 0,
  /** The token request (or the `--api` request) failed: the report says why. */
  authFailure: 1,
  /** The command line or the configuration is wrong: an unknown flag, a missing variable, a bad value. */
  usage: 2,
} as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
