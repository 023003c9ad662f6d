import { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { CollectContext } from '../../src/connector.js';
import type { Observation } from '../../src/model/observation.js';
import type { SystemSnapshot } from '../../src/model/snapshot.js';
import { collectContacts } from './collect-contacts.js';
import {
  DEFAULT_CUSTOMER_STAGES,
  DEFAULT_DAILY_RESERVE,
  DEFAULT_LEAD_STAGES,
  basePathOf,
  propertyNames,
  type HubspotTargetConfig,
} from './config.js';
import { describeSchema, interpretHubspot, requestedProperties, type ContactMapping, type SchemaFacts } from './interpret.js';
import { MARKETABLE_PROPERTY } from './interpret-contacts.js';
import { TEN_SECOND_WINDOW_MS, plannedDailyLimit, windowAdvice } from './limits.js';
import { Grants, SCOPES } from './permissions.js';
import { QuotaMeter } from './quotas.js';
import { HubspotSdk } from './sdk.js';
import { readSection } from './sections.js';
import { readTokenInfo } from './token-info.js';
import { HubspotTransport } from './transport.js';

/**
 * The I/O of a HubSpot scan, in order: the token's scopes (token info), the contact property
 * definitions, then the contacts (totals by search, the list by cursor). Every section that fails
 * becomes `unknown` or a coded error and the scan goes on; the snapshot carries what was read.
 */
export const PROPERTIES_DATASET = 'contact-properties';

export async function collectHubspot(config: HubspotTargetConfig, ctx: CollectContext): Promise<SystemSnapshot> {
  const collection = new StoreCollection(config.id, config.profiles);
  const http = ctx.http();
  const basePath = basePathOf(config);
  const advice = windowAdvice(config, ctx.limits);
  if (advice) ctx.log.warn(advice);

  const grants = await checkGrants(config, ctx, basePath);
  const meter = new QuotaMeter({ dailyReserve: config.dailyReserve ?? DEFAULT_DAILY_RESERVE, ...optional('dailyLimit', plannedDailyLimit(config)) });
  const transport = new HubspotTransport({ http, redactor: ctx.secrets, meter, signal: ctx.signal });
  const sdk = new HubspotSdk({ basePath, accessToken: config.accessToken, transport, redactor: ctx.secrets });

  const names = propertyNames(config);
  const customerStages = (config.lifecycleStages?.customer ?? DEFAULT_CUSTOMER_STAGES).map((s) => s.toLowerCase());
  const schema: Observation<SchemaFacts> = await readSection(collection, grants, collection.dataset(PROPERTIES_DATASET), 'contact properties', SCOPES.schemas, async () => {
    const properties = await sdk.contactProperties();
    collection.dataset(PROPERTIES_DATASET).page(properties.length);
    return describeSchema(properties, {
      ...optional('linkProperty', config.linkProperty),
      consentProperty: names.consent,
      lifecycleProperty: names.lifecycle,
      customerStages,
    });
  });

  const known = schema.state === 'observed' ? schema.value : undefined;
  const linkProperty = config.linkProperty ?? known?.linkProperty;
  const mapping: ContactMapping = {
    names,
    ...optional('linkProperty', linkProperty),
    ...(known?.names.has(MARKETABLE_PROPERTY) ? { marketableProperty: MARKETABLE_PROPERTY } : {}),
    customerStages: new Set(customerStages),
    leadStages: new Set((config.lifecycleStages?.lead ?? DEFAULT_LEAD_STAGES).map((s) => s.toLowerCase())),
  };
  // Only properties the account has (HubSpot ignores others, but there is no reason to ask).
  const properties = requestedProperties(mapping).filter((p) => !known || known.names.has(p));
  // A configured property the account does not have: HubSpot would refuse the HAS_PROPERTY search (400).
  const countKeyed = linkProperty !== undefined && (!known || known.names.has(linkProperty));
  const contacts = await collectContacts({ sdk, collection, grants, mapping, properties, countKeyed, ctx, ...optional('maxRecords', config.profiles?.maxRecords) });

  const facts = interpretHubspot({ schema, contacts, ...optional('configuredLinkProperty', config.linkProperty) });
  const snapshot = collection.snapshot('crm', 'hubspot', { crm: facts }, http.stats());
  const max = meter.tenSecondMax;
  const window = ctx.limits.windows.find((w) => w.perMs === TEN_SECOND_WINDOW_MS);
  if (max !== undefined && window && window.requests > max) ctx.log.warn(`HubSpot reports ${max} requests per 10 s for this app, below this target's window of ${window.requests}: lower limits.windows`);
  const quotas = meter.quotas();
  if (Object.keys(quotas).length > 0) snapshot.coverage.quotas = quotas;
  return snapshot;
}

/** The scopes the token holds, when HubSpot's token-info endpoint says; otherwise every section is tried. */
async function checkGrants(config: HubspotTargetConfig, ctx: CollectContext, basePath: string): Promise<Grants> {
  const result = await readTokenInfo(ctx.http(), basePath, config.accessToken, ctx.secrets);
  if (result.ok) {
    ctx.log.debug(`token info: ${result.info.scopes.length} scopes granted`);
    return new Grants(result.info.scopes);
  }
  ctx.log.debug(`token info not available (${result.error.code}); each section names its scope when HubSpot refuses it`);
  return new Grants(undefined);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
