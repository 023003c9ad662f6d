/**
 * `npm run bench` — the benchmark runner.
 *
 *   node dist/bench/run.js [scenario-name ...] [--quick]
 *   node dist/bench/run.js --list
 *
 * Runs the named scenarios (all when none is named), each in its own child process (bench/child.ts)
 * so that peak RSS is per scenario, then writes bench/results/<time>.json and bench/results/latest.md
 * (bench/results/ is not committed) and prints the table. Exit code 1 when a scenario failed.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type as osType } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './child.js';
import { SCENARIOS, scenarioNamed, type Scenario } from './scenarios/index.js';
import { renderMarkdown, type BenchRun, type MachineInfo, type ScenarioResult } from './support/report.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD = join(HERE, 'child.js');
/** A scenario still running after this is killed (a hung run must not hang the bench). */
const SCENARIO_TIMEOUT_MS = 45 * 60_000;

function usage(): string {
  return [
    'usage: node dist/bench/run.js [scenario-name ...] [--quick]   (npm run bench -- [names] [--quick])',
    '       node dist/bench/run.js --list',
    '',
    'Scenarios:',
    ...SCENARIOS.map((s) => `  ${s.name.padEnd(26)} ${s.description}${s.expectedSeconds ? ` (~${s.expectedSeconds.full} s; --quick ~${s.expectedSeconds.quick} s)` : ''}`),
  ].join('\n');
}

/** The repository root: the nearest folder above this file whose package.json is ciamscan's. */
function repoRoot(): string {
  let dir = HERE;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ciamscan') return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(HERE, '..', '..');
    dir = parent;
  }
}

function machine(): MachineInfo {
  const cpu = cpus();
  return {
    os: `${osType()} ${release()} ${process.arch}`,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    node: process.version,
    totalMemoryMB: Math.round(totalmem() / 1024 / 1024),
    freeMemoryMB: Math.round(freemem() / 1024 / 1024),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function runScenario(scenario: Scenario, quick: boolean): Promise<ScenarioResult> {
  const loadAverageBefore = loadavg().map((l) => Math.round(l * 100) / 100);
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = fork(CHILD, [scenario.name, JSON.stringify({ quick })], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let message: ChildMessage | undefined;
    child.on('message', (m: ChildMessage) => {
      message = m;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), SCENARIO_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const base = { name: scenario.name, description: scenario.description, loadAverageBefore, loadAverageAfter: loadavg().map((l) => Math.round(l * 100) / 100) };
      if (!message) {
        resolvePromise({ ...base, status: 'failed', error: `the scenario process ended (${signal ?? `exit ${code}`}) without a result`, seconds: (performance.now() - started) / 1000, metrics: {} });
        return;
      }
      const memory = { peakRssMB: Math.round(message.maxRssKB / 1024), sampledPeakRssMB: Math.round(message.sampledPeakRssKB / 1024) };
      if (message.type === 'error') resolvePromise({ ...base, status: 'failed', error: message.message, seconds: message.seconds, ...memory, metrics: {} });
      else resolvePromise({ ...base, status: 'ok', seconds: message.seconds, ...memory, metrics: message.metrics });
    });
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h') || args.includes('--list')) {
    console.log(usage());
    return 0;
  }
  const quick = args.includes('--quick');
  const unknownFlags = args.filter((a) => a.startsWith('-') && a !== '--quick');
  const names = args.filter((a) => !a.startsWith('-'));
  const unknownNames = names.filter((n) => !scenarioNamed(n));
  if (unknownFlags.length || unknownNames.length) {
    console.error(`unknown ${[...unknownFlags, ...unknownNames].join(', ')}\n\n${usage()}`);
    return 2;
  }
  const selected = names.length ? names.map((n) => scenarioNamed(n)!) : [...SCENARIOS];
  const run: BenchRun = { startedAt: new Date().toISOString(), finishedAt: '', quick, machine: machine(), scenarios: [] };
  const expected = selected.reduce((a, s) => a + (s.expectedSeconds ? (quick ? s.expectedSeconds.quick : s.expectedSeconds.full) : 0), 0);
  console.error(`ciamscan bench${quick ? ' --quick' : ''}: ${selected.length} scenario(s), roughly ${Math.ceil(expected / 60)} min on an idle 2-core machine; load average ${run.machine.loadAverage.join(' ')}`);
  for (const scenario of selected) {
    const hint = scenario.expectedSeconds ? ` (~${quick ? scenario.expectedSeconds.quick : scenario.expectedSeconds.full} s)` : '';
    console.error(`\n▶ ${scenario.name}${hint}: ${scenario.description}`);
    const result = await runScenario(scenario, quick);
    run.scenarios.push(result);
    console.error(result.status === 'ok' ? `✓ ${scenario.name}: ${Math.round(result.seconds)} s, peak RSS ${result.peakRssMB} MB` : `✗ ${scenario.name}: ${result.error}`);
  }
  run.finishedAt = new Date().toISOString();

  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  // ISO 8601 with ":" replaced, so that the name is valid on every file system.
  const file = join(dir, `${run.startedAt.replace(/:/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  const markdown = renderMarkdown(run);
  writeFileSync(join(dir, 'latest.md'), markdown);
  console.log(`\n${markdown}`);
  console.error(`Results: ${file} and ${join(dir, 'latest.md')}`);
  return run.scenarios.every((s) => s.status === 'ok') ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
