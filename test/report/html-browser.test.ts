/**
 * The HTML report in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
 * it must load nothing, log no error (a CSP violation is logged as one), run none of the hostile
 * payloads, draw its charts from the data, filter, and degrade to a complete page without script.
 *
 * `chromium.launch` always starts from a fresh temporary user-data-dir (playwright creates and
 * deletes it; passing `--user-data-dir` is rejected), so no profile state carries between runs.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/report.js';
import { renderHtml } from '../../src/report/html.js';
import { emptyReport } from '../fixtures-report/empty.js';
import { HOSTILE_TARGET, hostileReport } from '../fixtures-report/hostile.js';
import { identityScanReport } from '../fixtures-report/identity-scan.js';
import { oidcScanReport } from '../fixtures-report/oidc-scan.js';
import { formatCount, formatShare } from '../../src/report/identity-view.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const RESULTS_DIR = resolve(import.meta.dirname, '../../test-results');

/**
 * The few browser globals the page functions touch, typed here: the project compiles without the
 * DOM lib on purpose (nothing in src may depend on a browser), and a `lib` reference would leak
 * into the whole program.
 */
interface MiniElement {
  getAttribute(name: string): string | null;
  attributes: ArrayLike<{ name: string }>;
}
interface BrowserGlobals {
  __csp: string[];
  __pwned?: unknown;
  innerWidth: number;
  scrollTo(x: number, y: number): void;
  document: {
    documentElement: { scrollWidth: number };
    addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
    querySelectorAll(selector: string): ArrayLike<MiniElement>;
    body: { insertAdjacentHTML(position: string, html: string): void };
  };
}

/** `[data-key, data-value]` of each element, for comparing chart marks with the data. */
const keyValues = (els: MiniElement[]): Array<[string | null, string | null]> => els.map((e) => [e.getAttribute('data-key'), e.getAttribute('data-value')]);

interface Observed {
  page: Page;
  context: BrowserContext;
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

let browser: Browser;
let workDir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    // Never skip: a missing browser must be visible in CI, not a silently green suite.
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The HTML report tests need Debian's chromium package: run "apt-get update && apt-get install -y chromium".`,
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  workDir = mkdtempSync(join(tmpdir(), 'ciamscan-report-'));
  mkdirSync(RESULTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Open a report from a file:// URL (as a reader would) with every network request denied and recorded. */
async function open(report: ScanReport, name: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Observed> {
  const file = join(workDir, `${name}.html`);
  writeFileSync(file, renderHtml(report));
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const observed: Observed = { page: undefined as unknown as Page, context, requests: [], consoleErrors: [], pageErrors: [], dialogs: [] };
  await context.route('**/*', async (route) => {
    const requested = route.request().url();
    if (requested === url) return route.continue();
    observed.requests.push(requested);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  observed.page = page;
  page.on('request', (r) => {
    if (r.url() !== url) observed.requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') observed.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => observed.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    observed.dialogs.push(d.message());
    void d.dismiss();
  });
  if (options.javaScriptEnabled !== false) {
    // Injected by the driver before any page script: records CSP violations as data, too.
    await page.addInitScript(() => {
      const w = globalThis as unknown as BrowserGlobals;
      w.__csp = [];
      w.document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }
  await page.goto(url, { waitUntil: 'load' });
  return observed;
}

async function expectClean(o: Observed): Promise<void> {
  expect(o.requests).toEqual([]);
  expect(o.consoleErrors).toEqual([]);
  expect(o.pageErrors).toEqual([]);
  expect(o.dialogs).toEqual([]);
  expect(await o.page.evaluate(() => (globalThis as unknown as BrowserGlobals).__csp)).toEqual([]);
  expect(await o.page.evaluate(() => (globalThis as unknown as BrowserGlobals).__pwned === undefined)).toBe(true);
}

const visibleRows = (page: Page) => page.locator('#findings-table tbody tr[data-outcome]:visible');
const visibleClusters = (page: Page) => page.locator('#clusters-table tbody tr[data-cluster-targets]:visible');

const EDGE_WORDS: Record<string, string> = { 'external-id': 'external id', 'crm-key': 'CRM key', federation: 'federation', 'directory-federation': 'directory federation', provisioning: 'provisioning' };

describe('HTML report in headless Chromium', () => {
  it('renders the OIDC scan offline with charts that match the data', async () => {
    const o = await open(oidcScanReport, 'oidc');
    const { page } = o;
    try {
      await expectClean(o);

      const gauge = page.locator('svg.gauge');
      await expect(gauge.getAttribute('aria-label')).resolves.toBe('Maturity gauge: level 1 of 4, Managed identity, confidence medium');
      expect(await gauge.locator('path.gauge-seg').count()).toBe(4);
      expect(await gauge.locator('path.gauge-seg.on').count()).toBe(1);

      const processes = page.locator('svg.hbars');
      expect(await processes.getAttribute('aria-label')).toMatch(/^Maturity per process on the CMM scale 1 to 5: /);
      const processBars = await processes.locator('rect.bar').evaluateAll(keyValues);
      expect(processBars).toEqual(Object.entries(oidcScanReport.maturity.processes).map(([p, v]) => [p, String(v.level)]));

      const donutSegments = await page.locator('svg.donut circle.donut-seg').evaluateAll(keyValues);
      const nonZero = Object.entries(oidcScanReport.summary.byOutcome).filter(([, n]) => n > 0);
      expect(donutSegments).toHaveLength(nonZero.length);
      for (const [outcome, n] of nonZero) expect(donutSegments).toContainEqual([outcome, String(n)]);

      const severityBars = await page.locator('svg.columns rect.bar').evaluateAll(keyValues);
      expect(severityBars).toEqual(['critical', 'high', 'medium', 'low', 'info'].map((s) => [s, String(oidcScanReport.summary.failuresBySeverity[s as 'high'])]));
      // Bar heights follow the values (a zero is flat).
      const infoHeight = await page.locator('svg.columns rect.bar[data-key="info"]').getAttribute('height');
      expect(Number(infoHeight)).toBe(0);

      // Coverage bar for the partially read dataset.
      expect(await page.locator('svg.progress[aria-label="clients: 120 of 480 records read (25 %)"]').count()).toBe(1);

      // Filtering: all rows, then only failures, then failures of one severity, then one target.
      const total = oidcScanReport.results.length;
      await expect(page.locator('#filter-status').textContent()).resolves.toBe(`Showing ${total} of ${total} findings`);
      expect(await visibleRows(page).count()).toBe(total);
      await page.locator('button[data-filter-outcome="fail"]').click();
      const fails = oidcScanReport.results.filter((r) => r.outcome === 'fail');
      expect(await visibleRows(page).count()).toBe(fails.length);
      expect(await visibleRows(page).evaluateAll((rows: MiniElement[]) => rows.map((r) => r.getAttribute('data-outcome')))).toEqual(fails.map(() => 'fail'));
      expect(await page.locator('button[data-filter-outcome="fail"]').getAttribute('aria-pressed')).toBe('true');
      await page.locator('#filter-severity').selectOption('critical');
      expect(await visibleRows(page).count()).toBe(fails.filter((r) => r.severity === 'critical').length);
      await page.locator('button[data-filter-outcome=""]').click();
      await page.locator('#filter-severity').selectOption('');
      await page.locator('#filter-target').selectOption('partner-oidc');
      expect(await visibleRows(page).count()).toBe(oidcScanReport.results.filter((r) => r.targetId === 'partner-oidc').length);
      await page.locator('#filter-target').selectOption('');
      await page.locator('#filter-text').fill('no match for this text');
      expect(await visibleRows(page).count()).toBe(0);
      expect(await page.locator('#filters-empty').isVisible()).toBe(true);
      await page.locator('#filter-text').fill('');
      expect(await visibleRows(page).count()).toBe(total);

      // A finding expands to show its evidence as JSON.
      const first = page.locator('details.finding').first();
      await first.locator('summary').click();
      await expect(first.locator('pre').textContent()).resolves.toContain('"bits": 1024');

      await first.locator('summary').click();
      await page.evaluate(() => (globalThis as unknown as BrowserGlobals).scrollTo(0, 0));
      await page.screenshot({ path: join(RESULTS_DIR, 'report.png'), fullPage: true });
      await page.screenshot({ path: join(RESULTS_DIR, 'report-top.png') });
      await expectClean(o);
    } finally {
      await o.context.close();
    }
  });

  it('shows hostile values as text and runs none of them', async () => {
    const o = await open(hostileReport, 'hostile');
    const { page } = o;
    try {
      // Hover and open everything a payload could hook into.
      for (const summary of await page.locator('summary').all()) await summary.click();
      await page.locator('code').first().hover();
      await expectClean(o);
      expect(await page.locator('img, iframe, object, embed').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('svg[onload], [onerror], [onmouseover]').count()).toBe(0);
      const handlerAttributes = await page.evaluate(() =>
        Array.from((globalThis as unknown as BrowserGlobals).document.querySelectorAll('*')).flatMap((el) =>
          Array.from(el.attributes)
            .filter((a) => a.name.startsWith('on'))
            .map((a) => a.name),
        ),
      );
      expect(handlerAttributes).toEqual([]);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      // The hostile target id also filters the clusters, through an index we wrote, not the value.
      await page.locator('#cluster-target').selectOption({ label: HOSTILE_TARGET });
      expect(await visibleClusters(page).count()).toBe(2);
      await page.locator('#cluster-target').selectOption({ label: 'plain-target' });
      expect(await visibleClusters(page).count()).toBe(1);
      expect(await page.locator('svg.heatmap g.heat-pair.silo').count()).toBe(1);
      const text = await page.locator('body').innerText();
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('"><img src=x onerror=alert(1)>');
      expect(text).toContain('run `rm -rf /` and ``more``');
      expect(text).toContain(`j***@'"><img src=x onerror="window.__pwned='img'">|\`x\``);
      expect(text).toContain('email:<script>alert(1)</script>');
      // The hostile target id round-trips through a data attribute and the target filter.
      const hostileTarget = hostileReport.targets[0]!.id;
      await page.locator('#filter-target').selectOption(hostileTarget);
      expect(await visibleRows(page).count()).toBe(hostileReport.results.filter((r) => r.targetId === hostileTarget).length);
    } finally {
      await o.context.close();
    }
  });

  it('blocks an injected inline handler by CSP even if escaping had failed', async () => {
    const o = await open(oidcScanReport, 'csp');
    try {
      await o.page.evaluate(() => {
        (globalThis as unknown as BrowserGlobals).document.body.insertAdjacentHTML(
          'beforeend',
          '<img id="injected" alt="" onerror="window.__pwned=1" src="data:,">',
        );
      });
      await o.page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).__csp.length > 0);
      expect(await o.page.evaluate(() => (globalThis as unknown as BrowserGlobals).__pwned === undefined)).toBe(true);
      expect(o.consoleErrors.join('\n')).toMatch(/Content Security Policy/);
      expect(o.requests).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it('shows every finding without JavaScript and hides the filter bar', async () => {
    const o = await open(oidcScanReport, 'nojs', { javaScriptEnabled: false });
    try {
      expect(await o.page.locator('#filters').isVisible()).toBe(false);
      expect(await visibleRows(o.page).count()).toBe(oidcScanReport.results.length);
      expect(o.requests).toEqual([]);
      expect(o.consoleErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it('renders the identity section offline: heatmap, link-rate bars, cluster filter', async () => {
    const o = await open(identityScanReport, 'identity');
    const { page } = o;
    const id = identityScanReport.identity;
    try {
      await expectClean(o);
      // Nothing is wider than the window.
      expect(await page.evaluate(() => {
        const w = globalThis as unknown as BrowserGlobals;
        return w.document.documentElement.scrollWidth <= w.innerWidth;
      })).toBe(true);

      // Heatmap: one cell per pair of systems, labelled with its numbers; silos outlined and tagged.
      const heatmap = page.locator('svg.heatmap');
      const pairs = heatmap.locator('g.heat-pair');
      expect(await pairs.count()).toBe((3 * 2) / 2);
      const labels = await pairs.evaluateAll((els: MiniElement[]) => els.map((e) => e.getAttribute('aria-label')));
      const expected = id.overlaps.map((o) => {
        const edges = [...new Set((o.edges ?? []).map((e) => EDGE_WORDS[e.kind]))].join(', ');
        const what = o.shared === 0 ? 'no shared people' : edges ? `joined by ${edges}` : 'silo: nothing joins them';
        return `${o.targetA} and ${o.targetB}: ${formatCount(o.shared)} people in both, ${formatShare(o.shareOfSmaller)} of the smaller system; ${what}`;
      });
      expect([...labels].sort()).toEqual([...expected].sort());
      const silos = id.overlaps.filter((o) => o.shared > 0 && (o.edges ?? []).length === 0);
      const siloCells = heatmap.locator('g.heat-pair.silo');
      expect(await siloCells.count()).toBe(silos.length);
      for (const silo of silos) {
        const cell = heatmap.locator(`g.heat-pair[data-a="${silo.targetA}"][data-b="${silo.targetB}"]`);
        await expect(cell.getAttribute('data-state')).resolves.toBe('silo');
        expect(await cell.locator('rect.silo-outline').count()).toBe(1);
        await expect(cell.locator('text.silo-text').textContent()).resolves.toBe('⚠ SILO');
        // The silo is stated in words next to the chart as well.
        await expect(page.locator(`li.pair-silo[data-a="${silo.targetA}"][data-b="${silo.targetB}"]`).innerText()).resolves.toContain('Nothing joins them');
      }
      expect(await heatmap.getAttribute('aria-label')).toContain(`${silos.length} silo.`);
      expect(await heatmap.locator('g.heat-system').count()).toBe(3);

      // Link-rate bars: segments carry and show the counts; their drawn widths follow them.
      const r = id.linkRates[0]!;
      const row = page.locator(`svg.stacked g.stacked-row[data-key="${r.crmTargetId}"]`);
      expect(await row.locator('rect.seg').evaluateAll(keyValues)).toEqual([
        ['explicit', String(r.linkedExplicit)],
        ['match-only', String(r.linkedMatchOnly)],
        ['unlinked', String(r.unlinked)],
      ]);
      expect(await row.locator('text.seg-value').allTextContents()).toEqual([r.linkedExplicit, r.linkedMatchOnly, r.unlinked].map(String));
      const widths = await Promise.all(['explicit', 'match-only', 'unlinked'].map(async (k) => (await row.locator(`rect.seg[data-key="${k}"]`).boundingBox())!.width));
      const drawn = widths.reduce((a, b) => a + b, 0);
      [r.linkedExplicit, r.linkedMatchOnly, r.unlinked].forEach((v, i) => expect(widths[i]! / drawn).toBeCloseTo(v / r.customerContacts, 2));
      await expect(row.locator('text.stacked-caption').textContent()).resolves.toBe(
        `${r.linkedExplicit} explicit key (${formatShare(r.linkedExplicit / r.customerContacts)}) · ${r.linkedMatchOnly} match only (${formatShare(
          r.linkedMatchOnly / r.customerContacts,
        )}) · ${r.unlinked} unlinked (${formatShare(r.unlinked / r.customerContacts)})`,
      );

      // Clusters: all shown, then filtered by system and by span.
      const total = id.clusters.length;
      await expect(page.locator('#cluster-status').textContent()).resolves.toBe(`Showing ${total} of ${total} clusters`);
      expect(await visibleClusters(page).count()).toBe(total);
      const inShop = id.clusters.filter((c) => c.members.some((m) => m.targetId === 'legacy-shop'));
      await page.locator('#cluster-target').selectOption({ label: 'legacy-shop' });
      expect(await visibleClusters(page).count()).toBe(inShop.length);
      await expect(page.locator('#cluster-status').textContent()).resolves.toBe(`Showing ${inShop.length} of ${total} clusters`);
      const single = inShop.filter((c) => new Set(c.members.map((m) => m.targetId)).size === 1);
      await page.locator('#cluster-span').selectOption('single');
      expect(await visibleClusters(page).count()).toBe(single.length);
      expect(await page.locator('#clusters-empty').isVisible()).toBe(single.length === 0);
      await page.locator('#cluster-span').selectOption('');
      await page.locator('#cluster-target').selectOption('');
      expect(await visibleClusters(page).count()).toBe(total);
      expect(await page.locator('#clusters-empty').isVisible()).toBe(false);

      // The resolution details open on demand.
      const details = page.locator('#identity-resolution');
      expect(await details.locator('table').isVisible()).toBe(false);
      await details.locator('summary').click();
      expect(await details.locator('table').isVisible()).toBe(true);

      // A full-page capture clipped to the section: an element capture would scroll and paint the
      // sticky section menu over the middle of it.
      await page.evaluate(() => (globalThis as unknown as BrowserGlobals).scrollTo(0, 0));
      const box = (await page.locator('#identity').boundingBox())!;
      await page.screenshot({ path: join(RESULTS_DIR, 'report-identity.png'), fullPage: true, clip: { x: 0, y: box.y - 8, width: 1280, height: box.height + 16 } });
      await expectClean(o);
    } finally {
      await o.context.close();
    }
  });

  it('shows every cluster without JavaScript and hides the cluster filter', async () => {
    const o = await open(identityScanReport, 'identity-nojs', { javaScriptEnabled: false });
    try {
      expect(await o.page.locator('#cluster-filters').isVisible()).toBe(false);
      expect(await visibleClusters(o.page).count()).toBe(identityScanReport.identity.clusters.length);
      expect(await o.page.locator('svg.heatmap g.heat-pair').count()).toBe(3);
      expect(o.requests).toEqual([]);
      expect(o.consoleErrors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it('renders an empty scan cleanly', async () => {
    const o = await open(emptyReport, 'empty');
    try {
      await expectClean(o);
      expect(await o.page.locator('svg.gauge').getAttribute('aria-label')).toBe('Maturity gauge: level 0 of 4, Nonexistent, confidence none');
      expect(await o.page.locator('svg.gauge path.gauge-seg.on').count()).toBe(0);
      expect(await o.page.locator('svg.donut circle.donut-seg').count()).toBe(0);
      expect(await o.page.locator('svg.columns rect.bar').count()).toBe(5);
      expect(await o.page.locator('#findings-table').count()).toBe(0);
      expect(await o.page.locator('#findings').innerText()).toContain('No results');
    } finally {
      await o.context.close();
    }
  });
});
