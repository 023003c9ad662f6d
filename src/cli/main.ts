import { Command, CommanderError } from 'commander';
import { ConfigError } from '../model/errors.js';
import { TOOL_VERSION } from '../version.js';
import { registerDemo } from './commands/demo.js';
import { registerDiff } from './commands/diff.js';
import { registerInit } from './commands/init.js';
import { registerOidc } from './commands/oidc.js';
import { registerRules } from './commands/rules.js';
import { registerScan } from './commands/scan.js';
import { EXIT } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';

export function buildProgram(io: CliIo): Command {
  const program = new Command('ciamscan')
    .description('Scan a customer-identity deployment read-only and measure, with evidence, how far it is from a connected, optimized CIAM platform.')
    .version(TOOL_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s.replace(/\n$/, '')) });
  registerOidc(program, io);
  registerScan(program, io);
  registerInit(program, io);
  registerRules(program, io);
  registerDemo(program, io);
  registerDiff(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Known errors print one line each and exit 2; unknown ones are bugs: one line, the stack only with
 * --verbose or CIAMSCAN_DEBUG, exit 4.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number | undefined;
  const program = buildProgram({
    ...io,
    setExitCode: (c) => {
      code = c;
    },
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code ?? EXIT.clean;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? EXIT.clean : EXIT.usage;
    }
    if (err instanceof ConfigError) {
      for (const problem of err.problems) io.stderr(`error: ${problem}`);
      return EXIT.usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`internal error: ${message.split('\n')[0] ?? ''} (this is a bug; please report it)`);
    if (argv.includes('--verbose') || argv.includes('-v') || io.env.CIAMSCAN_DEBUG) io.stderr(err instanceof Error && err.stack ? err.stack : message);
    return EXIT.internal;
  }
}
