import rule from '../../../rules/discovery/disc-issuer-exact.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { without } from '../support.js';

const ENTRA_COMMON = 'https://login.microsoftonline.com/common/v2.0';

// Catalog §2 DISC-ISSUER-EXACT, §1.4: PASS only if `issuer` is byte-identical to the configured issuer
// (no case folding, no trailing-slash normalisation; OIDC Discovery §4.3, RFC 8414 §3.3), uses https and
// has no query or fragment (OIDC Discovery §3). FAIL otherwise.
testRule(rule, [
  {
    name: 'issuer identical to the configured issuer passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'exact', subject: ISSUER, messageIncludes: [ISSUER] }],
  },
  {
    name: 'a trailing slash the configured issuer lacks is a mismatch (no normalisation)',
    inventory: asInventory({ metadata: { ...baseMetadata(), issuer: `${ISSUER}/` } }),
    expected: [{ outcome: 'fail', messageId: 'mismatch', severity: 'high', messageIncludes: [`"${ISSUER}/"`] }],
  },
  {
    name: 'a host that differs only in case is a mismatch (no case folding)',
    inventory: asInventory({ metadata: { ...baseMetadata(), issuer: 'https://LOGIN.example.com' } }),
    expected: [{ outcome: 'fail', messageId: 'mismatch' }],
  },
  {
    name: 'an issuer of another server is a mismatch',
    inventory: asInventory({ metadata: { ...baseMetadata(), issuer: 'https://evil.example.net' } }),
    expected: [{ outcome: 'fail', messageId: 'mismatch', messageIncludes: ['https://evil.example.net', ISSUER] }],
  },
  {
    name: 'metadata without an issuer member fails',
    inventory: asInventory({ metadata: without(baseMetadata(), 'issuer') }),
    expected: [{ outcome: 'fail', messageId: 'absent' }],
  },
  {
    name: 'an http issuer fails even when it matches the configured one',
    inventory: asInventory({ issuer: 'http://login.example.com' }),
    expected: [{ outcome: 'fail', messageId: 'malformed', messageIncludes: ['not https'] }],
  },
  {
    name: 'an issuer with a query component fails',
    inventory: asInventory({ issuer: 'https://login.example.com/tenant?id=7' }),
    expected: [{ outcome: 'fail', messageId: 'malformed', messageIncludes: ['query'] }],
  },
  {
    name: 'an issuer with a fragment fails',
    inventory: asInventory({ issuer: 'https://login.example.com/tenant#main' }),
    expected: [{ outcome: 'fail', messageId: 'malformed', messageIncludes: ['fragment'] }],
  },
  {
    name: 'a multi-tenant template issuer fetched through the common alias fails at medium severity',
    inventory: asInventory({ issuer: ENTRA_COMMON, metadata: { ...baseMetadata(ENTRA_COMMON), issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' } }),
    expected: [{ outcome: 'fail', messageId: 'template', severity: 'medium', messageIncludes: ['{tenantid}'] }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['DISC-METADATA-PUBLISHED'] }],
  },
]);
