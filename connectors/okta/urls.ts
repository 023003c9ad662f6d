/** The org origin without a trailing slash: every API path is appended to it. */
export function orgOrigin(orgUrl: string): string {
  return new URL(orgUrl).origin;
}

export function orgHost(orgUrl: string): string {
  return new URL(orgUrl).hostname.toLowerCase();
}
