import { defineRule } from '../../src/rules-engine/define.js';
import { storeFindings, undetermined } from '../../src/rules-engine/authenticators.js';

export default defineRule({
  meta: {
    id: 'REG-PROGRESSIVE-PROFILING',
    title: 'Profile data is collected gradually, when it is needed',
    severity: 'info',
    area: 'registration',
    process: 'registration',
    tier: 'T2',
    messages: {
      enabled: 'Missing profile attributes are asked for after sign-up ({{mechanism}}).',
      notEnabled: 'No progressive-profiling mechanism is configured: all profile data is asked for at sign-up, or never.',
    },
    rationale:
      'Asking only for what is needed at sign-up and collecting the rest when a service needs it lowers sign-up abandonment, keeps data minimal (collect on purpose) and still builds the unified profile a connected CIAM needs.',
    remediation:
      'Okta: enable progressiveProfilingAction in the profile-enrollment policy with the attributes to collect later. Keycloak: declarative user profile with attributes required only for specific scopes, and the VERIFY_PROFILE required action enabled. Auth0: a post-login Action that prompts (forms or redirect) for missing attributes.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.4' },
      { spec: 'Okta Management API', section: 'profile enrollment policy (progressiveProfilingAction)' },
      { spec: 'Keycloak Admin REST API', section: 'users/profile, required actions (VERIFY_PROFILE)' },
    ],
  },
  check(inventory) {
    return storeFindings(inventory, 'registration', (entry, reg) => {
      const { enabled, mechanism } = reg.progressiveProfiling;
      const evidence = { progressiveProfiling: enabled, mechanism: mechanism ?? null };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      if (enabled === true) return { ...base, outcome: 'pass', messageId: 'enabled', data: { mechanism: mechanism ?? 'mechanism not named by the connector' } };
      if (enabled === false) return { ...base, outcome: 'info', messageId: 'notEnabled' };
      // E.g. Auth0: progressive profiling lives in custom Actions code that only the operator can tag.
      return undetermined(entry, [`whether a mechanism asks for missing attributes after sign-up${mechanism ? ` (${mechanism})` : ''}`], evidence);
    });
  },
});
