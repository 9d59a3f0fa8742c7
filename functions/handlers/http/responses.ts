import type { HttpResult } from './types';

/**
 * JSON, and never read as anything else: bodies carry article text and titles as clients sent them, and
 * `nosniff` stops a browser from guessing HTML in them.
 */
export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' };

export function json(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export const ok = (body: unknown) => json(200, body);
export const created = (body: unknown) => json(201, body);
export const noContent = (): HttpResult => ({ statusCode: 204 });

export function errorBody(code: string, message: string, details?: unknown[]) {
  return { error: { code, message, ...(details && details.length > 0 && { details }) } };
}
