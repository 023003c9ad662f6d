import type { Redactor } from './privacy/redact.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const ORDER: LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Human progress and diagnostics: always stderr, always redacted, never a report channel. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** A logger whose lines start with `[scope]`. */
  child(scope: string): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  redactor: Redactor;
  write?: (line: string) => void;
  scope?: string;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const threshold = ORDER.indexOf(options.level);
  const emit = (level: LogLevel, message: string) => {
    if (ORDER.indexOf(level) > threshold) return;
    const prefix = options.scope ? `[${options.scope}] ` : '';
    const tag = level === 'error' ? 'error: ' : level === 'warn' ? 'warning: ' : '';
    // One line per message: a multi-line cause must not smuggle a stack trace into the output.
    write(options.redactor.redact(`${tag}${prefix}${message}`).replace(/\r?\n/g, ' '));
  };
  return {
    error: (m) => emit('error', m),
    warn: (m) => emit('warn', m),
    info: (m) => emit('info', m),
    debug: (m) => emit('debug', m),
    child: (scope) => createLogger({ ...options, write, scope: options.scope ? `${options.scope}/${scope}` : scope }),
  };
}

/** A logger that drops everything (tests, library use). */
export function silentLogger(redactor: Redactor): Logger {
  return createLogger({ level: 'error', redactor, write: () => undefined });
}
