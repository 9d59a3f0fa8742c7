/**
 * The console's Content-Security-Policy and security headers, one definition for `npm start` and the
 * CloudFront response headers policy: scripts, styles and images only from the console's own origin
 * (no inline script, nothing from a CDN), API calls only to `connectSrc`.
 */
export function consoleCsp(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The rest of what CloudFront's security headers add, served the same way locally. */
export const CONSOLE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;
