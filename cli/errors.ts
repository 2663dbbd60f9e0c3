// The command line's two kinds of failure, told apart where main() reports them.
import type { Command } from './help.ts';

/** A mistake in how the command was called: one line, the usage, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

/** A failure worth one line and exit 1, without a stack (e.g. NATS unreachable). */
export class CliError extends Error {}
