/**
 * One scenario in its own process (forked by bench/run.ts with --expose-gc), so that its peak RSS
 * is its own: `process.resourceUsage().maxRSS` at the end, and `process.memoryUsage.rss()` sampled
 * every 250 ms meanwhile. The result goes back to the runner over IPC.
 */
import { scenarioNamed, type Metrics, type ScenarioOptions } from './scenarios/index.js';

export type ChildMessage =
  | { type: 'result'; metrics: Metrics; seconds: number; maxRssKB: number; sampledPeakRssKB: number }
  | { type: 'error'; message: string; seconds: number; maxRssKB: number; sampledPeakRssKB: number };

async function main(): Promise<void> {
  const [name = '', json = '{}'] = process.argv.slice(2);
  const { quick } = JSON.parse(json) as { quick?: boolean };
  const scenario = scenarioNamed(name);
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  let sampledPeak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, 250);
  sampler.unref();
  const started = performance.now();
  const options: ScenarioOptions = {
    quick: quick === true,
    size: (full) => (quick ? Math.max(1, Math.round(full / 10)) : full),
    log: (message) => process.stderr.write(`  [${name} ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`),
  };
  let message: ChildMessage;
  try {
    const metrics = await scenario.run(options);
    message = { type: 'result', metrics, ...usage(started, sampledPeak) };
  } catch (err) {
    message = { type: 'error', message: err instanceof Error ? err.message : String(err), ...usage(started, sampledPeak) };
  }
  clearInterval(sampler);
  // Keep-alive sockets and timers of the scenario must not keep the process: exit once the result is out.
  process.send?.(message, () => process.exit(0));
}

function usage(started: number, sampledPeak: number): { seconds: number; maxRssKB: number; sampledPeakRssKB: number } {
  return {
    seconds: (performance.now() - started) / 1000,
    maxRssKB: process.resourceUsage().maxRSS,
    sampledPeakRssKB: Math.round(Math.max(sampledPeak, process.memoryUsage.rss()) / 1024),
  };
}

main().catch((err: unknown) => {
  process.stderr.write(`bench child: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
