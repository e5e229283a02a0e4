import type { Environment } from '../options/options.js';
import { parseCommand } from './args.js';
import { examine } from './doctor.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { helpText } from './help.js';
import { renderJson, renderText } from './report.js';

/** Where the doctor reads its configuration and writes its report: a process, or a test. */
export interface DoctorIo {
  /** The arguments after the program name: `['doctor', '--json']`. */
  readonly argv: readonly string[];
  /**
   * The CXONE_* variables, and the proxy and TLS variables the report shows. axios itself reads
   * proxy variables from `process.env`: the bin passes `process.env`, so the two agree.
   */
  readonly env: Environment;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * `npx axios-cxone-auth doctor`: checks the configuration, writes the report, and resolves to the
 * exit code (0 healthy, 1 auth failure, 2 usage or configuration error). Never rejects for a
 * problem of the configuration; never writes a secret or a whole token.
 */
export async function runDoctor(io: DoctorIo): Promise<ExitCode> {
  const command = parseCommand(io.argv);
  if (command.kind === 'help') {
    io.stdout.write(helpText());
    return EXIT_CODES.healthy;
  }
  if (command.kind === 'usage-error') {
    if (command.json) io.stdout.write(`${JSON.stringify({ ok: false, exitCode: EXIT_CODES.usage, usageError: command.message })}\n`);
    else io.stderr.write(`${command.message}\nRun 'npx axios-cxone-auth doctor --help' for the flags.\n`);
    return EXIT_CODES.usage;
  }
  const report = await examine(command.flags, io.env);
  const text = command.flags.json ? renderJson(report) : renderText(report);
  // The report is built from redacted parts: what came from outside is redacted where it is read.
  // The whole text is not scrubbed again, which would garble the doctor's own words and stable
  // finding ids wherever a short secret happens to be one of them (issue 11, hole 12).
  io.stdout.write(text);
  return report.exitCode;
}
