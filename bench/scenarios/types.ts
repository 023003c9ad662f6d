/**
 * The contract of a benchmark scenario. A scenario is a module under bench/scenarios/ registered in
 * bench/scenarios/index.ts; `npm run bench` runs each in its own child process (bench/child.ts), so
 * the peak RSS it reports belongs to that scenario alone. Performance is measured here, never by
 * timed assertions in tests.
 */

/** What a scenario reports: flat name → number or text, shown as-is in results/latest.md. */
export type Metrics = Record<string, number | string>;

export interface ScenarioOptions {
  /** `--quick`: a smoke run with 10× smaller sizes (numbers are not comparable with full runs). */
  quick: boolean;
  /** `full` in a full run, a tenth of it (at least 1) with --quick. */
  size: (full: number) => number;
  /** A progress line on stderr, prefixed with the scenario name. */
  log: (message: string) => void;
}

export interface Scenario {
  /** Unique, kebab-case: what `node dist/bench/run.js <name>` selects. */
  name: string;
  description: string;
  /** Rough wall time on an idle 2-core machine, for bench/README.md and the progress line. */
  expectedSeconds?: { full: number; quick: number };
  /** Run once and return the measurements; throw when the run is not valid (e.g. an incomplete read). */
  run(options: ScenarioOptions): Promise<Metrics>;
}
