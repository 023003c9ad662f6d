/** The results of a benchmark run, and their Markdown form (bench/results/latest.md). */
import type { Metrics } from '../scenarios/types.js';

export interface MachineInfo {
  os: string;
  cpuModel: string;
  cores: number;
  node: string;
  totalMemoryMB: number;
  freeMemoryMB: number;
  /** 1, 5 and 15 minute load averages when the run started. */
  loadAverage: number[];
}

export interface ScenarioResult {
  name: string;
  description: string;
  status: 'ok' | 'failed';
  error?: string;
  /** Wall time of the scenario process (simulator start included). */
  seconds: number;
  /** process.resourceUsage().maxRSS of the scenario process (the simulator runs apart). */
  peakRssMB?: number;
  /** The highest process.memoryUsage().rss sampled every 250 ms. */
  sampledPeakRssMB?: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  metrics: Metrics;
}

export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  machine: MachineInfo;
  scenarios: ScenarioResult[];
}

function cell(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  const text = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

export function renderMarkdown(run: BenchRun): string {
  const m = run.machine;
  const lines = [
    `# ciamscan benchmark${run.quick ? ' (--quick: sizes ÷ 10, smoke only)' : ''}`,
    '',
    `Started ${run.startedAt}, finished ${run.finishedAt}.`,
    '',
    `Machine: ${m.os}; ${m.cpuModel} × ${m.cores}; Node ${m.node}; ${m.freeMemoryMB.toLocaleString('en-US')} of ${m.totalMemoryMB.toLocaleString('en-US')} MB free; load average (1/5/15 min) at start ${load(m.loadAverage)}.`,
    '',
    '| Scenario | Status | Time (s) | Peak RSS (MB) | Records | Records/s | Share of limit (%) | Max in window | 429s | Load avg before → after (1 min) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const s of run.scenarios) {
    const x = s.metrics;
    lines.push(
      `| ${cell(s.name)} | ${s.status === 'ok' ? 'ok' : `**FAILED**: ${cell(s.error)}`} | ${cell(Math.round(s.seconds))} | ${cell(s.peakRssMB)} | ${cell(x.records)} | ${cell(x.recordsPerSecond)} | ${cell(x.sharePctAvg)} | ${cell(x.maxInSlidingWindow)} | ${cell(x.vendor429s)} | ${cell(s.loadAverageBefore[0]?.toFixed(2))} → ${cell(s.loadAverageAfter[0]?.toFixed(2))} |`,
    );
  }
  for (const s of run.scenarios) {
    lines.push('', `## ${s.name}`, '', s.description, '', '| Metric | Value |', '|---|---|');
    const rows: Array<[string, unknown]> = [
      ['status', s.status === 'ok' ? 'ok' : `FAILED: ${s.error ?? ''}`],
      ['scenario seconds (process, simulator start included)', Math.round(s.seconds * 10) / 10],
      ['peak RSS MB (maxRSS)', s.peakRssMB],
      ['peak RSS MB (sampled)', s.sampledPeakRssMB],
      ...Object.entries(s.metrics),
    ];
    for (const [k, v] of rows) lines.push(`| ${cell(k)} | ${cell(v)} |`);
  }
  return `${lines.join('\n')}\n`;
}
