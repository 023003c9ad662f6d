import type { FactorType, IdentityProviderFacts } from '../../src/model/store-facts.js';
import { type Json, num, str } from './json.js';

/**
 * Authentication flows, pure. `GET .../authentication/flows/{alias}/executions` returns the flow as
 * a flat, depth-first list of AuthenticationExecutionInfoRepresentation with a `level`; the tree is
 * rebuilt from it so that an execution can be judged with its enclosing sub-flows (a REQUIRED OTP
 * form inside a CONDITIONAL sub-flow only runs when that sub-flow's conditions hold).
 */
export interface FlowNode {
  providerId: string;
  name: string;
  /** REQUIRED, ALTERNATIVE, CONDITIONAL or DISABLED (upper-cased as sent). */
  requirement: string;
  subFlow: boolean;
  parent?: FlowNode;
  children: FlowNode[];
}

export function flowTree(executions: readonly Json[]): FlowNode[] {
  const roots: FlowNode[] = [];
  const stack: FlowNode[] = [];
  for (const e of executions) {
    const level = Math.max(0, num(e.level) ?? 0);
    const node: FlowNode = {
      providerId: str(e.providerId) ?? '',
      name: str(e.displayName) ?? str(e.alias) ?? str(e.providerId) ?? '',
      requirement: (str(e.requirement) ?? 'DISABLED').toUpperCase(),
      subFlow: e.authenticationFlow === true,
      children: [],
    };
    stack.length = Math.min(stack.length, level);
    const parent = stack[stack.length - 1];
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else roots.push(node);
    stack.push(node);
  }
  return roots;
}

function* walk(nodes: readonly FlowNode[]): Generator<FlowNode> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children);
  }
}

function ancestors(node: FlowNode): FlowNode[] {
  const out: FlowNode[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** An execution runs at all: neither it nor an enclosing sub-flow is DISABLED. */
export function isEnabled(node: FlowNode): boolean {
  return node.requirement !== 'DISABLED' && ancestors(node).every((a) => a.requirement !== 'DISABLED');
}

function enabledProviders(nodes: readonly FlowNode[]): Set<string> {
  const out = new Set<string>();
  for (const node of walk(nodes)) if (!node.subFlow && isEnabled(node)) out.add(node.providerId);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Second factors in the browser flow

/** Keycloak's built-in authenticators that are a factor besides the password (and common extensions by name). */
export function factorType(providerId: string): FactorType | undefined {
  switch (providerId) {
    case 'auth-otp-form':
    case 'auth-conditional-otp-form':
      return 'otp';
    case 'webauthn-authenticator':
      return 'webauthn';
    case 'webauthn-authenticator-passwordless':
      return 'passkey';
    case 'auth-recovery-authn-code-form':
      return 'recovery-code';
    default:
      if (/sms/i.test(providerId)) return 'sms';
      if (/email/i.test(providerId) && /otp|code|authenticator/i.test(providerId)) return 'email';
      return undefined;
  }
}

/** First-factor steps: an ALTERNATIVE factor next to one of these is another way in, not a second step. */
const FIRST_FACTORS = new Set([
  'auth-username-password-form',
  'auth-username-form',
  'auth-password-form',
  'auth-cookie',
  'identity-provider-redirector',
  'auth-spnego',
  'auth-x509-client-username-form',
  'webauthn-authenticator-passwordless',
]);

const USER_CONFIGURED = 'conditional-user-configured';

export type FactorUse = 'always' | 'conditional' | 'user-opt-in' | 'alternative';

export interface FactorFinding {
  type: FactorType;
  providerId: string;
  use: FactorUse;
  /** The conditions of the enclosing CONDITIONAL sub-flow, when there is one. */
  conditions: string[];
}

/** How one enabled factor execution is applied, judged from its enclosing sub-flows and siblings. */
function factorUse(node: FlowNode): { use: FactorUse; conditions: string[] } {
  const conditional = ancestors(node).find((a) => a.requirement === 'CONDITIONAL');
  if (conditional) {
    const conditions = conditional.children.filter((c) => c.providerId.startsWith('conditional-') && isEnabled(c)).map((c) => c.providerId);
    const onlyUserConfigured = conditions.every((c) => c === USER_CONFIGURED);
    return { use: onlyUserConfigured ? 'user-opt-in' : 'conditional', conditions };
  }
  if (node.requirement === 'REQUIRED') return { use: 'always', conditions: [] };
  const siblings = (node.parent?.children ?? []).filter((s) => s !== node && isEnabled(s));
  const nextToFirstFactor = siblings.some((s) => s.subFlow || FIRST_FACTORS.has(s.providerId) || !factorType(s.providerId));
  return { use: nextToFirstFactor || !node.parent ? 'alternative' : 'always', conditions: [] };
}

export function factorFindings(roots: readonly FlowNode[]): FactorFinding[] {
  const out: FactorFinding[] = [];
  for (const node of walk(roots)) {
    if (node.subFlow || !isEnabled(node)) continue;
    const type = factorType(node.providerId);
    if (!type) continue;
    out.push({ type, providerId: node.providerId, ...factorUse(node) });
  }
  return out;
}

/** Every provider id of the flow with its enabled state, for the factor list (disabled ones too). */
export function factorExecutions(roots: readonly FlowNode[]): Array<{ type: FactorType; providerId: string; enabled: boolean }> {
  const out: Array<{ type: FactorType; providerId: string; enabled: boolean }> = [];
  for (const node of walk(roots)) {
    const type = node.subFlow ? undefined : factorType(node.providerId);
    if (type) out.push({ type, providerId: node.providerId, enabled: isEnabled(node) });
  }
  return out;
}

/** Conditions that change the login requirement with context (role, client scope, attribute, level of authentication, ...). */
export function contextConditions(roots: readonly FlowNode[]): string[] {
  const out = new Set<string>();
  for (const node of walk(roots)) {
    if (node.subFlow || !isEnabled(node)) continue;
    if (node.providerId.startsWith('conditional-') && node.providerId !== USER_CONFIGURED) out.add(node.providerId);
    if (/risk|fraud|adaptive/i.test(node.providerId)) out.add(node.providerId);
  }
  return [...out].sort();
}

export function passwordLogin(roots: readonly FlowNode[]): boolean {
  const enabled = enabledProviders(roots);
  return enabled.has('auth-username-password-form') || enabled.has('auth-password-form');
}

// ---------------------------------------------------------------------------------------------
// Registration flow: CAPTCHA

/** `registration-recaptcha-action` (and the Enterprise variant, or a third-party CAPTCHA step) enabled. */
export function registrationCaptcha(roots: readonly FlowNode[]): boolean {
  return [...enabledProviders(roots)].some((id) => /captcha/i.test(id));
}

// ---------------------------------------------------------------------------------------------
// First broker login flow: account linking

/** Steps that make the user prove they own the existing account before it is linked. */
const PROOF_STEPS: Record<string, string> = {
  'idp-username-password-form': 're-authentication with the existing account\'s password',
  'idp-email-verification': 'a link mailed to the existing account\'s address',
};

export function linkingOf(roots: readonly FlowNode[]): IdentityProviderFacts['linking'] {
  const enabled = enabledProviders(roots);
  if (enabled.size === 0) return { mode: 'unknown', detail: 'the first broker login flow has no enabled execution' };
  const proofs = Object.keys(PROOF_STEPS).filter((id) => enabled.has(id));
  const proofText = proofs.map((id) => PROOF_STEPS[id]).join(' or ');
  if (enabled.has('idp-auto-link')) {
    return proofs.length
      ? { mode: 'reauthenticate', matchOn: 'email', detail: `idp-auto-link after ${proofText}` }
      : { mode: 'automatic', matchOn: 'email', detail: 'idp-auto-link links an existing account with the same email or username without any proof of ownership' };
  }
  if (proofs.length) {
    return {
      mode: 'reauthenticate',
      matchOn: 'email',
      detail: `${enabled.has('idp-confirm-link') ? 'idp-confirm-link, then ' : ''}${proofText}`,
    };
  }
  if (enabled.has('idp-confirm-link')) return { mode: 'confirm', matchOn: 'email', detail: 'idp-confirm-link without a proof of ownership' };
  if (enabled.has('idp-create-user-if-unique')) return { mode: 'disabled', matchOn: 'none', detail: 'an existing account with the same email or username is not linked (idp-create-user-if-unique only)' };
  return { mode: 'custom', detail: `custom flow: ${[...enabled].sort().join(', ')}` };
}
