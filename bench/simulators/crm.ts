/**
 * The CRM simulator (src/demo/crm-simulator.ts) seeded for the benchmarks: a million contacts per
 * CRM, generated on demand from the synthetic world (record i is a pure function of the seed and
 * i), so neither the simulator nor this wrapper ever holds them. Each index maps to one record in
 * O(1): person i's record, except every 40th index, which is a second record (a duplicate) of the
 * person before it, and the last `leadShare` of the space, which holds CRM-only leads. A share of
 * the contacts carries the identity key of the same person in the identity store 'app'.
 */
import { createCertificateAuthority, issueServerCertificate } from '../../src/demo/certificates.js';
import { startCrmSimulator, type CrmContacts, type RunningCrmSimulator } from '../../src/demo/crm-simulator.js';
import { person } from '../../src/synthetic/people.js';
import { localIdOf, recordOf, type StoreSpec, type SyntheticRecord, type WorldSpec } from '../../src/synthetic/world.js';

export interface CrmBenchOptions {
  /** Contacts per CRM (default 1,000,000). */
  contacts?: number;
  seed?: number;
  /** Share of the index space that is CRM-only leads (default 0.05). */
  leadShare?: number;
  /** Share of contacts carrying the identity key (default 0.6). */
  linkRate?: number;
  /** HubSpot requests per rolling 10 s (default 190, Professional/Enterprise private apps). */
  tenSecondLimit?: number;
  /** HubSpot daily allowance (default 1,000,000: Enterprise). */
  dailyLimit?: number;
  /** Salesforce DailyApiRequests (default 1,000,000). */
  dailyApiRequests?: number;
  /** Keep only this many requests in the log (default 10,000; the per-status counters keep everything). */
  requestLogLimit?: number;
}

export const SALESFORCE_LINK_FIELD = 'IdP_Subject__c';
export const HUBSPOT_LINK_PROPERTY = 'idp_subject';

/** One CRM's contacts as the simulator's lazy seed: `(index) => record` with `count`. */
export function lazyCrmContacts(
  storeId: string,
  idStyle: NonNullable<StoreSpec['idStyle']>,
  via: string,
  options: Pick<CrmBenchOptions, 'contacts' | 'seed' | 'leadShare' | 'linkRate'> = {},
): CrmContacts {
  const count = options.contacts ?? 1_000_000;
  const leads = Math.floor(count * (options.leadShare ?? 0.05));
  const people = count - leads;
  const app: StoreSpec = { id: 'app', kind: 'identity-store', coverage: 0.9 };
  const crm: StoreSpec = { id: storeId, kind: 'crm', coverage: 1, idStyle, links: { toStore: 'app', kind: 'crm-key', via, rate: options.linkRate ?? 0.6 } };
  const world: WorldSpec = { seed: options.seed ?? 2026, people, stores: [app, crm] };
  const unlinked: StoreSpec = { ...crm, links: undefined };
  const at = (index: number): SyntheticRecord | undefined => {
    if (index < 0 || index >= count) return undefined;
    if (index >= people) {
      // As storeRecords' CRM-only leads: people nobody else knows, with their own local ids.
      const n = index - people;
      const record = recordOf(unlinked, world, person(world.people + n, world), 0);
      return { ...record, personId: `lead-${storeId}-${n}`, lifecycle: 'lead', localId: localIdOf(crm, world.seed, world.people + n, 2) };
    }
    if (index % 40 === 39) return recordOf(crm, world, person(index - 1, world), 1);
    return recordOf(crm, world, person(index, world), 0);
  };
  return Object.assign(at, { count });
}

/** Salesforce (https://127.0.0.1:<port>) and HubSpot (https://localhost:<port>), a million contacts each. */
export async function startCrmBenchSimulator(options: CrmBenchOptions = {}): Promise<RunningCrmSimulator> {
  const ca = await createCertificateAuthority('ciamscan CRM benchmark CA', 2);
  const cert = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'], days: 2 });
  return startCrmSimulator({
    tls: { ...cert, caPem: ca.certPem },
    salesforce: {
      contacts: lazyCrmContacts('salesforce', 'salesforce', SALESFORCE_LINK_FIELD, options),
      linkField: SALESFORCE_LINK_FIELD,
      dailyApiRequests: options.dailyApiRequests ?? 1_000_000,
    },
    hubspot: {
      contacts: lazyCrmContacts('hubspot', 'numeric', HUBSPOT_LINK_PROPERTY, options),
      linkProperty: HUBSPOT_LINK_PROPERTY,
      tenSecondLimit: options.tenSecondLimit ?? 190,
      dailyLimit: options.dailyLimit ?? 1_000_000,
    },
    requestLogLimit: options.requestLogLimit ?? 10_000,
  });
}
