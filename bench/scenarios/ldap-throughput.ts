import type { LdapTargetConfig } from '../../connectors/ldap/config.js';
import { ldapConnector } from '../../connectors/ldap/index.js';
import { round } from '../support/memory.js';
import { startSimulatorProcess } from '../support/simulator-process.js';
import { measureThroughput } from '../support/throughput.js';
import type { Metrics, Scenario, ScenarioOptions } from './types.js';

const ENTRIES = 1_000_000;
/** Used instead when slapadd of ENTRIES would take longer than LOAD_BUDGET_MS on this machine. */
const FALLBACK_ENTRIES = 250_000;
const LOAD_BUDGET_MS = 10 * 60_000;
const CALIBRATION_ENTRIES = 25_000;
/** slapadd slows a little as the database grows (B-tree indexes): projections are padded by this. */
const GROWTH_FACTOR = 1.2;

/**
 * A real slapd with 1M synthetic customers (bench/simulators/ldap.ts: LDIF streamed to a file,
 * bulk-loaded with slapadd before slapd starts), read over StartTLS with paged searches of 1,000
 * entries through the ldap connector. The LDIF and slapadd times are reported separately from the
 * read. A full run first loads 25k entries to project the 1M load time; when the projection
 * exceeds 10 minutes the run uses 250k entries and says so (`entriesNote`).
 */
export const ldapThroughput: Scenario = {
  name: 'ldap-throughput',
  description: `LDAP: ${ENTRIES.toLocaleString('en-US')} entries bulk-loaded into slapd (load time reported apart), read with paged searches (1,000 per page, StartTLS)`,
  expectedSeconds: { full: 240, quick: 25 },
  async run(options) {
    const { entries, note } = options.quick ? { entries: options.size(ENTRIES), note: 'quick run' } : await chooseSize(options);
    const metrics = await measureThroughput(
      {
        connector: ldapConnector,
        simulator: { kind: 'ldap', options: { entries } },
        records: entries,
        // LDIF + slapadd of 1M entries take minutes.
        startTimeoutMs: 40 * 60_000,
        target: (info) =>
          ({
            id: 'bench-ldap',
            type: 'ldap',
            url: info.url,
            startTls: true,
            bindDn: info.bindDn,
            bindPassword: info.bindPassword,
            baseDn: info.baseDn,
            pageSize: 1000,
          }) satisfies LdapTargetConfig,
        secrets: (info) => [info.bindPassword],
        ca: (info) => info.ca,
        startMetrics: (info): Metrics => ({ entries, entriesNote: note, ldifSeconds: round(info.ldifMs / 1000, 1), slapaddSeconds: round(info.loadMs / 1000, 1) }),
      },
      options,
    );
    return metrics;
  },
};

async function chooseSize(options: ScenarioOptions): Promise<{ entries: number; note: string }> {
  options.log(`calibrating slapadd with ${CALIBRATION_ENTRIES.toLocaleString('en-US')} entries`);
  const probe = await startSimulatorProcess({ kind: 'ldap', options: { entries: CALIBRATION_ENTRIES } }, { startTimeoutMs: 10 * 60_000 });
  await probe.close();
  const projectedMs = probe.info.loadMs * (ENTRIES / CALIBRATION_ENTRIES) * GROWTH_FACTOR;
  const projection = `slapadd of ${CALIBRATION_ENTRIES.toLocaleString('en-US')} took ${round(probe.info.loadMs / 1000, 1)} s, 1M projected at ${round(projectedMs / 60_000, 1)} min`;
  options.log(projection);
  if (projectedMs <= LOAD_BUDGET_MS) return { entries: ENTRIES, note: `1M (${projection})` };
  return { entries: FALLBACK_ENTRIES, note: `REDUCED to ${FALLBACK_ENTRIES.toLocaleString('en-US')}: ${projection} > 10 min` };
}
