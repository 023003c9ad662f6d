import type { Process } from '../model/outcome.js';
import type { CatalogRuleId } from './catalog.js';

/**
 * The maturity model as data (catalog §13), kept apart from the rules: for each level of the WSO2
 * ladder and each process × CMM level of the InnoValor model, the gate rules that must not fail and
 * the signal rules that add positive evidence. src/maturity/assess.ts reads it; a test checks that
 * every id named here is a catalog id and that every implemented rule is mapped or listed unmapped.
 */

export interface LevelCell {
  level: number;
  name: string;
  /** What a deployment at this level looks like (for the report). */
  description: string;
  /** Must not FAIL for the level to be credited; at least half must be observed. */
  gates: CatalogRuleId[];
  /** Add positive evidence; at least half of the observed ones must be present. */
  signals: CatalogRuleId[];
  /** Findings that are positive evidence for this level when they fail or warn (the Siloed level). */
  evidenceOnProblem?: CatalogRuleId[];
}

export interface MaturityModel {
  name: string;
  version: string;
  overall: LevelCell[];
  processes: Record<Process, LevelCell[]>;
  /**
   * An `info` or `warn` outcome is a present signal only with one of these message ids (FLOW-PAR
   * "available"; REG-SELF-SERVICE-SIGNUP "unprotected": sign-up exists, weakly); `pass` is always
   * present. Keyed by rule id.
   */
  infoPresent: Partial<Record<CatalogRuleId, string[]>>;
  /** Implemented rules deliberately left out of the model, with the reason. */
  unmapped: Partial<Record<CatalogRuleId, string>>;
  /** What a scan cannot observe; listed for attestation, never guessed. */
  attestation: string[];
}

export const OVERALL_LEVEL_NAMES = ['Nonexistent', 'Managed identity', 'Siloed', 'Connected', 'Optimized'] as const;
export const PROCESS_LEVEL_NAMES = ['Not assessed', 'Initial', 'Repeatable', 'Defined', 'Managed', 'Optimizing'] as const;

export const MATURITY_MODEL: MaturityModel = {
  name: 'ciamscan CIAM maturity (WSO2 levels 0–4; InnoValor processes × CMM 1–5)',
  version: '1.0.0',
  overall: [
    {
      level: 1,
      name: 'Managed identity',
      description: 'A central, standards-based customer IdP whose hygiene gates pass.',
      gates: [
        'DISC-METADATA-PUBLISHED',
        'DISC-ISSUER-EXACT',
        'DISC-REQUIRED-FIELDS',
        'DISC-HTTPS-ENDPOINTS',
        'DISC-TLS-BASELINE',
        'DISC-DCR-EXPOSURE',
        'KEY-JWKS-VALID',
        'KEY-JWKS-PUBLIC-ONLY',
        'KEY-STRENGTH',
        'KEY-ID-TOKEN-ALGS',
        'FLOW-NO-ROPC',
        'FLOW-NO-IMPLICIT',
        'OIDC-PKCE-S256',
        'FLOW-PKCE-ENFORCED-PER-CLIENT',
        'FLOW-REDIRECT-URI-HYGIENE',
        'CAUTH-INTROSPECTION-PROTECTED',
        'TOKEN-REFRESH-PROTECTION',
        'SESS-RP-INITIATED-LOGOUT',
        'SESS-POST-LOGOUT-REDIRECT',
        'FED-UPSTREAM-VALIDATION',
        'AUTHN-ONLINE-GUESSING-LIMITS',
        'AUTHN-PASSWORD-POLICY',
        'PROV-SCIM-AUTH-ENFORCED',
        'PROV-DIRECTORY-TLS',
        'MON-EVENT-LOGGING',
      ],
      signals: [
        'DISC-CORS-SCOPE',
        'DISC-ANTI-FRAMING',
        'KEY-KID-USE-HYGIENE',
        'FLOW-REQUEST-URI-FETCH',
        'TOKEN-LIFETIMES',
        'SESS-REAUTH-TIMEOUTS',
        'REG-SELF-SERVICE-SIGNUP',
      ],
    },
    {
      level: 2,
      name: 'Siloed',
      description:
        'Rich customer features (social login, MFA, self-service) but identity not joined to CRM and marketing, or several independent issuers.',
      gates: [],
      signals: ['FED-IDP-INVENTORY', 'MFA-ENABLED-POLICY', 'REG-SELF-SERVICE-SIGNUP', 'REG-EMAIL-VERIFICATION'],
      evidenceOnProblem: ['CRM-LINK-RATE', 'CRM-EXTERNAL-ID-FIELD', 'DISC-ISSUER-INVENTORY', 'IDG-SILO-OVERLAP', 'IDG-APP-FRAGMENTATION', 'IDG-CRM-COVERAGE'],
    },
    {
      level: 3,
      name: 'Connected',
      description: 'Identity joined to CRM with a unified profile, progressive profiling and cross-device identity.',
      gates: [
        'CRM-EXTERNAL-ID-FIELD',
        'CRM-STABLE-KEY',
        'CRM-LINK-RATE',
        'IDG-DUPLICATES-WITHIN-STORE',
        'IDG-SOCIAL-DUPLICATES',
        'IDG-SILO-OVERLAP',
        'IDG-CRM-COVERAGE',
        'IDG-EMAIL-COLLISION-TAKEOVER',
      ],
      signals: [
        'REG-PROGRESSIVE-PROFILING',
        'FLOW-CROSS-DEVICE',
        'FED-SAFE-ACCOUNT-LINKING',
        'PROV-LIFECYCLE-EVENTS',
        'SESS-BACKCHANNEL-LOGOUT',
        'PROV-SCIM-CAPABILITIES',
        'MFA-RESTRICTED-FACTORS',
        'CRM-DUPLICATES',
        'IDG-PROFILE-COMPLETENESS',
        'IDG-APP-FRAGMENTATION',
        'DISC-ISSUER-INVENTORY',
      ],
    },
    {
      level: 4,
      name: 'Optimized',
      description: 'Omnichannel, adaptive and risk-based authentication, analytics and real-time dashboards.',
      gates: ['MFA-ADAPTIVE-RISK', 'MON-SIEM-STREAMING'],
      signals: [
        'MFA-PHISHING-RESISTANT-OPTION',
        'MON-RISK-ANALYTICS',
        'MON-SSF-TRANSMITTER',
        'CRM-SYNC-FRESHNESS',
        'TOKEN-SENDER-CONSTRAINED',
        'FLOW-PAR',
        'FLOW-ISS-RESPONSE-PARAM',
        'CAUTH-ASYMMETRIC-METHODS',
        'CAUTH-CLIENT-INVENTORY',
        'KEY-ROTATION',
        'IDG-CONSENT-CONSISTENCY',
        'IDG-LIFECYCLE-DRIFT',
      ],
    },
  ],
  processes: {
    registration: [
      { level: 2, name: 'Repeatable', description: 'Customers can register themselves.', gates: [], signals: ['REG-SELF-SERVICE-SIGNUP'] },
      {
        level: 3,
        name: 'Defined',
        description: 'Registration is standardised and protected; identifiers are verified; social sign-up exists.',
        gates: ['REG-EMAIL-VERIFICATION', 'IDG-DUPLICATES-WITHIN-STORE'],
        signals: ['REG-SELF-SERVICE-SIGNUP', 'FED-IDP-INVENTORY'],
      },
      { level: 4, name: 'Managed', description: 'Profiles grow through progressive profiling.', gates: [], signals: ['REG-PROGRESSIVE-PROFILING', 'IDG-PROFILE-COMPLETENESS'] },
      { level: 5, name: 'Optimizing', description: 'Not observable by a scan (attestation).', gates: [], signals: [] },
    ],
    provisioning: [
      { level: 2, name: 'Repeatable', description: 'Provisioning interfaces are protected.', gates: ['PROV-SCIM-AUTH-ENFORCED'], signals: [] },
      {
        level: 3,
        name: 'Defined',
        description: 'Standardised provisioning (SCIM) and encrypted directory federation; stores that share customers are joined.',
        gates: ['PROV-SCIM-CAPABILITIES', 'PROV-DIRECTORY-TLS', 'IDG-SILO-OVERLAP'],
        signals: [],
      },
      {
        level: 4,
        name: 'Managed',
        description: 'Lifecycle events reach downstream systems; identity and CRM are linked and in sync.',
        gates: ['IDG-LIFECYCLE-DRIFT'],
        signals: ['PROV-LIFECYCLE-EVENTS', 'CRM-LINK-RATE', 'CRM-SYNC-FRESHNESS', 'IDG-CRM-COVERAGE'],
      },
      { level: 5, name: 'Optimizing', description: 'Continuous, event-driven provisioning (RISC/CAEP).', gates: [], signals: ['MON-SSF-TRANSMITTER'] },
    ],
    authentication: [
      {
        level: 2,
        name: 'Repeatable',
        description: 'A published, TLS-protected provider with valid keys and online-guessing limits.',
        gates: [
          'DISC-METADATA-PUBLISHED',
          'DISC-ISSUER-EXACT',
          'DISC-HTTPS-ENDPOINTS',
          'DISC-TLS-BASELINE',
          'KEY-JWKS-VALID',
          'KEY-JWKS-PUBLIC-ONLY',
          'AUTHN-ONLINE-GUESSING-LIMITS',
        ],
        signals: [],
      },
      {
        level: 3,
        name: 'Defined',
        description: 'Standard flows only (PKCE, no password grant), sound keys, MFA policy, password policy, validated federation.',
        gates: [
          'OIDC-PKCE-S256',
          'FLOW-NO-ROPC',
          'KEY-STRENGTH',
          'AUTHN-PASSWORD-POLICY',
          'MFA-ENABLED-POLICY',
          'FED-UPSTREAM-VALIDATION',
          'IDG-SOCIAL-DUPLICATES',
          'IDG-EMAIL-COLLISION-TAKEOVER',
        ],
        signals: [
          'DISC-REQUIRED-FIELDS',
          'DISC-ANTI-FRAMING',
          'KEY-KID-USE-HYGIENE',
          'KEY-ID-TOKEN-ALGS',
          'SESS-REAUTH-TIMEOUTS',
          'FED-IDP-INVENTORY',
          'IDG-APP-FRAGMENTATION',
        ],
      },
      {
        level: 4,
        name: 'Managed',
        description: 'Phishing-resistant authenticators, cross-device sign-in, managed key rotation.',
        gates: ['MFA-PHISHING-RESISTANT-OPTION'],
        signals: ['FLOW-CROSS-DEVICE', 'KEY-ROTATION', 'SESS-BACKCHANNEL-LOGOUT', 'MFA-RESTRICTED-FACTORS'],
      },
      { level: 5, name: 'Optimizing', description: 'Adaptive, risk-based authentication.', gates: [], signals: ['MFA-ADAPTIVE-RISK'] },
    ],
    authorization: [
      { level: 2, name: 'Repeatable', description: 'Redirect URIs are exact and safe.', gates: ['FLOW-REDIRECT-URI-HYGIENE'], signals: [] },
      {
        level: 3,
        name: 'Defined',
        description: 'No implicit flow, PKCE enforced, refresh tokens protected, registration and introspection closed.',
        gates: ['FLOW-NO-IMPLICIT', 'FLOW-PKCE-ENFORCED-PER-CLIENT', 'TOKEN-REFRESH-PROTECTION', 'DISC-DCR-EXPOSURE', 'CAUTH-INTROSPECTION-PROTECTED'],
        signals: ['TOKEN-LIFETIMES', 'DISC-CORS-SCOPE', 'FLOW-REQUEST-URI-FETCH'],
      },
      {
        level: 4,
        name: 'Managed',
        description: 'Asymmetric client authentication, sender-constrained tokens, PAR and mix-up defence.',
        gates: [],
        signals: ['CAUTH-ASYMMETRIC-METHODS', 'CAUTH-CLIENT-INVENTORY', 'TOKEN-SENDER-CONSTRAINED', 'FLOW-PAR', 'FLOW-ISS-RESPONSE-PARAM'],
      },
      { level: 5, name: 'Optimizing', description: 'Not observable by a scan (attestation).', gates: [], signals: [] },
    ],
    'user-management': [
      { level: 2, name: 'Repeatable', description: 'Customers can end their provider session.', gates: ['SESS-RP-INITIATED-LOGOUT'], signals: [] },
      {
        level: 3,
        name: 'Defined',
        description: 'One identity per customer: safe logout redirects, a CRM join key, no duplicate or siloed profiles.',
        gates: ['SESS-POST-LOGOUT-REDIRECT', 'CRM-EXTERNAL-ID-FIELD', 'IDG-DUPLICATES-WITHIN-STORE', 'IDG-SOCIAL-DUPLICATES', 'IDG-SILO-OVERLAP'],
        signals: ['DISC-ISSUER-INVENTORY'],
      },
      {
        level: 4,
        name: 'Managed',
        description: 'Safe account linking, stable CRM keys, few duplicates, connected sessions, consent and lifecycle in agreement.',
        gates: ['IDG-LIFECYCLE-DRIFT'],
        signals: [
          'FED-SAFE-ACCOUNT-LINKING',
          'CRM-STABLE-KEY',
          'CRM-DUPLICATES',
          'CRM-LINK-RATE',
          'CRM-SYNC-FRESHNESS',
          'SESS-BACKCHANNEL-LOGOUT',
          'IDG-CONSENT-CONSISTENCY',
        ],
      },
      { level: 5, name: 'Optimizing', description: 'Continuous session and credential signals (CAEP).', gates: [], signals: ['MON-SSF-TRANSMITTER'] },
    ],
    monitoring: [
      { level: 2, name: 'Repeatable', description: 'Authentication and admin events are recorded.', gates: ['MON-EVENT-LOGGING'], signals: [] },
      { level: 3, name: 'Defined', description: 'Retention and the important event types are configured.', gates: [], signals: ['MON-EVENT-LOGGING'] },
      { level: 4, name: 'Managed', description: 'Logs stream to a SIEM; risk analytics are produced.', gates: [], signals: ['MON-SIEM-STREAMING', 'MON-RISK-ANALYTICS'] },
      { level: 5, name: 'Optimizing', description: 'Event-driven signals shared with other systems; analytics drive adaptive authentication.', gates: [], signals: ['MON-SSF-TRANSMITTER', 'MFA-ADAPTIVE-RISK'] },
    ],
  },
  infoPresent: {
    'MFA-PHISHING-RESISTANT-OPTION': ['passkeyEndpoints'],
    'REG-SELF-SERVICE-SIGNUP': ['promptCreate', 'unprotected'],
    'FLOW-PAR': ['available', 'enforced', 'clientsEnforced'],
    'FLOW-CROSS-DEVICE': ['available', 'clientsScoped', 'clientsUnneeded'],
    'FED-IDP-INVENTORY': ['socialOrEnterprise'],
    'MON-SSF-TRANSMITTER': ['published'],
    'DISC-ISSUER-INVENTORY': ['count', 'oneIdentityStore', 'separatePopulations'],
    'IDG-APP-FRAGMENTATION': ['onePlatform'],
  },
  unmapped: {},
  attestation: [
    'Customer-identity strategy, ownership and roadmap',
    'Consent and privacy governance (records of processing, retention, erasure procedures)',
    'Marketing-automation and analytics tooling beyond the scanned CRMs',
    'Batch synchronisation jobs between stores that no API exposes',
    'Security operations: dashboards, alerting and incident response on the collected events',
    'Customer support and identity-proofing processes',
  ],
};
