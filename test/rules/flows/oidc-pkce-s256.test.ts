import rule from '../../../rules/flows/oidc-pkce-s256.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { without } from '../support.js';

const methods = (value: unknown) => asInventory({ metadata: { ...baseMetadata(), code_challenge_methods_supported: value } });

// Catalog §3 OIDC-PKCE-S256 (RFC 9700 §2.1.1; RFC 7636 §4.2–4.3; RFC 8414 §2): PASS if S256 and not
// plain; WARN if both; FAIL if absent (PKCE undetectable; RFC 8414: omitted means not supported) or
// without S256.
testRule(rule, [
  {
    name: 'S256 only passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 's256Only' }],
  },
  {
    name: 'S256 and plain warn (plain is the default method, a downgrade path)',
    inventory: methods(['plain', 'S256']),
    expected: [{ outcome: 'warn', messageId: 'plainToo', messageIncludes: ['plain, S256'] }],
  },
  {
    name: 'code_challenge_methods_supported absent fails',
    inventory: asInventory({ metadata: without(baseMetadata(), 'code_challenge_methods_supported') }),
    expected: [{ outcome: 'fail', messageId: 'absent', severity: 'high', evidence: { codeChallengeMethods: null } }],
  },
  {
    name: 'plain only fails',
    inventory: methods(['plain']),
    expected: [{ outcome: 'fail', messageId: 'noS256', messageIncludes: ['plain'] }],
  },
  {
    name: 'an empty list fails (no S256)',
    inventory: methods([]),
    expected: [{ outcome: 'fail', messageId: 'noS256', messageIncludes: ['(none)'] }],
  },
  {
    name: 'unregistered values next to S256 are ignored',
    inventory: methods(['RS256', 'ES256', 'S256']),
    expected: [{ outcome: 'pass', messageId: 's256Only' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
