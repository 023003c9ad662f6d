import rule from '../../../rules/monitoring/mon-ssf-transmitter.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { failedExchange, jsonDocument, offlineInventory } from '../support.js';

const SSF_URL = `${ISSUER}/.well-known/ssf-configuration`;
const RISC_URL = `${ISSUER}/.well-known/risc-configuration`;
const PUSH = 'urn:ietf:rfc:8935';
const POLL = 'urn:ietf:rfc:8936';

function ssfConfig(members: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: ISSUER,
    jwks_uri: `${ISSUER}/ssf/jwks`,
    delivery_methods_supported: [PUSH, POLL],
    configuration_endpoint: `${ISSUER}/ssf/streams`,
    status_endpoint: `${ISSUER}/ssf/status`,
    verification_endpoint: `${ISSUER}/ssf/verify`,
    ...members,
  };
}

const notFound = (url: string) => ({ method: 'GET', url, status: 404, headers: { 'content-type': 'text/html' } });
const transmitter = (ssf: Record<string, unknown>) => asInventory({ exchanges: { ssf: jsonDocument(SSF_URL, ssf), risc: notFound(RISC_URL) } });

// Catalog §12 MON-SSF-TRANSMITTER (SSF 1.0 §6.1, §6.2, §7; RFC 8935, RFC 8936): INFO present/absent. If
// present: FAIL on a non-https URL or an issuer that differs from the one the document was fetched for;
// WARN if no delivery method is listed. spec_version absent means 1_0-ID1.
testRule(rule, [
  {
    name: 'an SSF transmitter with https endpoints, matching issuer and push/poll delivery is INFO published',
    inventory: transmitter(ssfConfig()),
    expected: [{ outcome: 'info', messageId: 'published', messageIncludes: ['SSF transmitter', '1_0-ID1 (absent)', `${PUSH}, ${POLL}`] }],
  },
  {
    name: 'no SSF and no RISC document (404 on both) is INFO absent',
    inventory: asInventory({ exchanges: { ssf: notFound(SSF_URL), risc: notFound(RISC_URL) } }),
    expected: [{ outcome: 'info', messageId: 'absent', evidence: { ssfStatus: 404, riscStatus: 404 } }],
  },
  {
    name: 'an http configuration_endpoint fails',
    inventory: transmitter(ssfConfig({ configuration_endpoint: 'http://login.example.com/ssf/streams', spec_version: '1_0' })),
    expected: [{ outcome: 'fail', messageId: 'broken', messageIncludes: ['configuration_endpoint is not https'] }],
  },
  {
    name: 'an issuer that differs from the one the document was fetched for fails',
    inventory: transmitter(ssfConfig({ issuer: 'https://ssf.other.example.net' })),
    expected: [{ outcome: 'fail', messageId: 'broken', messageIncludes: ['issuer https://ssf.other.example.net differs from'] }],
  },
  {
    name: 'an SSF document without an issuer fails',
    inventory: transmitter(ssfConfig({ issuer: undefined })),
    expected: [{ outcome: 'fail', messageId: 'broken', messageIncludes: ['issuer (absent)'] }],
  },
  {
    name: 'no delivery method listed warns',
    inventory: transmitter(ssfConfig({ delivery_methods_supported: undefined })),
    expected: [{ outcome: 'warn', messageId: 'noDelivery', messageIncludes: ['SSF transmitter'] }],
  },
  {
    name: 'a legacy RISC document whose issuer is the origin is INFO published',
    inventory: asInventory({ exchanges: { ssf: notFound(SSF_URL), risc: jsonDocument(RISC_URL, { ...ssfConfig({ issuer: `${ISSUER}/` }), spec_version: '1_0' }) } }),
    expected: [{ outcome: 'info', messageId: 'published', messageIncludes: ['RISC transmitter', 'spec version 1_0'] }],
  },
  {
    name: 'the SSF document is judged even when OIDC discovery failed',
    inventory: asInventory({ metadata: null, exchanges: { ssf: jsonDocument(SSF_URL, ssfConfig()), risc: notFound(RISC_URL) } }),
    expected: [{ outcome: 'info', messageId: 'published' }],
  },
  {
    name: 'SSF and RISC documents not fetched: unknown',
    inventory: asInventory({}),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'both fetches failed in transport: unknown (collection error)',
    inventory: asInventory({ exchanges: { ssf: failedExchange(SSF_URL), risc: failedExchange(RISC_URL, 'DNS') } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['could not be fetched'] }],
  },
  {
    name: 'offline evaluation: unknown',
    inventory: offlineInventory(baseMetadata()),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['offline'] }],
  },
]);
