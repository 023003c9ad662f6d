import type { PermissionRequirement } from '../../src/connector.js';

/**
 * SCIM has no standard scope names (RFC 7644 §2 leaves authorization to the provider), so a
 * permission is named by the reads it must allow. Catalog §14.4: a bearer token with read scope,
 * if the provider distinguishes; GET only.
 */
export const PERMISSION = {
  discovery: 'SCIM read: GET /ServiceProviderConfig, /ResourceTypes, /Schemas',
  users: 'SCIM read: GET /Users',
  groups: 'SCIM read: GET /Groups',
} as const;

export const SCIM_PERMISSIONS: PermissionRequirement[] = [
  {
    tier: 'T0',
    permission: 'none when the provider publishes discovery anonymously; else the SCIM credential',
    purpose: 'GET /ServiceProviderConfig (unauthenticated first), /ResourceTypes, /Schemas: capabilities for PROV-SCIM-CAPABILITIES',
  },
  {
    tier: 'T2',
    permission: PERMISSION.users,
    purpose: 'the user count (count=0) and, paged, the identifying attributes of every user for the identity analysis',
  },
  { tier: 'T2', permission: PERMISSION.groups, purpose: 'the group count only (count=0); no group or membership is read' },
  {
    tier: 'T1',
    permission: 'none; operator opt-in (activeProbes: true)',
    purpose: 'one anonymous GET /Users?count=0&attributes=id for PROV-SCIM-AUTH-ENFORCED (status and totalResults kept, body discarded)',
  },
];
