import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { PERMISSION } from './permissions.js';
import type { RawDocument, ServiceProviderConfigRaw } from './raw.js';
import type { ScimReader } from './reader.js';
import { isRefusal, recordRefusal } from './refusals.js';
import { discoveryResources } from './scim-json.js';

/** Answers that a credential may turn into the document: refused, or an SSO login page instead of JSON. */
const RETRY_WITH_CREDENTIAL = new Set(['AUTH_FAILED', 'PERMISSION_DENIED', 'NOT_JSON', 'REDIRECT_OFF_ORIGIN']);

/**
 * RFC 7644 §4 discovery. /ServiceProviderConfig is asked for without credentials first (whether it
 * is public is itself evidence), and with the credential when that is refused.
 */
export async function readServiceProviderConfig(reader: ScimReader, collection: StoreCollection): Promise<ServiceProviderConfigRaw> {
  const anonymous = await reader.document('/ServiceProviderConfig', 'ServiceProviderConfig', { anonymous: true });
  const raw: ServiceProviderConfigRaw = { anonymous };
  if (anonymous.error && RETRY_WITH_CREDENTIAL.has(anonymous.error.code) && reader.hasCredential) {
    raw.authenticated = await reader.document('/ServiceProviderConfig', 'ServiceProviderConfig');
  }
  record(collection, 'service-provider-config', raw.authenticated ?? anonymous, 'document');
  return raw;
}

/** /ResourceTypes or /Schemas, with the credential when there is one. */
export async function readDiscoveryList(reader: ScimReader, collection: StoreCollection, path: '/ResourceTypes' | '/Schemas'): Promise<RawDocument> {
  const doc = await reader.document(path, path.slice(1), { list: true });
  record(collection, path === '/Schemas' ? 'schemas' : 'resource-types', doc, 'list');
  return doc;
}

/**
 * Coverage and errors for one discovery document. A permanent answer to /ServiceProviderConfig
 * (404, HTML, not a JSON object) is evidence, as for the OIDC documents: the facts keep it as the
 * capabilities' `JsonDocument` and PROV-SCIM-CAPABILITIES judges it. A 404 on /ResourceTypes or
 * /Schemas is evidence too (the provider publishes none). Transport failures, 429 and 5xx are
 * failed reads.
 */
function record(collection: StoreCollection, dataset: string, doc: RawDocument, kind: 'document' | 'list'): void {
  const tracker = collection.dataset(dataset);
  const error = doc.error;
  if (!error) {
    tracker.page(kind === 'document' ? 1 : countResources(doc.body));
    return;
  }
  if (isRefusal(error)) {
    // Only the final answer is recorded: an anonymous refusal means no credential is configured.
    if (!doc.authenticated) tracker.stopped('not-read', `${error.code}: the provider requires authentication and no credential is configured`);
    else {
      recordRefusal(collection, error, PERMISSION.discovery);
      tracker.stopped('not-read', `${error.code}: ${error.message}`);
    }
    return;
  }
  const answered = error.status !== undefined && !error.retryable && error.code !== 'REDIRECT_OFF_ORIGIN';
  if (kind === 'document' && answered) {
    tracker.stopped('complete', `answered, but not with a usable document (kept as evidence): ${error.code}: ${error.message}`);
    return;
  }
  if (kind === 'list' && error.code === 'NOT_FOUND') {
    tracker.stopped('complete', `the provider does not publish ${dataset} (HTTP 404)`);
    return;
  }
  collection.errors.push(error);
  tracker.failed(error);
}

function countResources(body: string | undefined): number {
  if (body === undefined) return 0;
  try {
    return discoveryResources(JSON.parse(body)).length;
  } catch {
    return 0;
  }
}
