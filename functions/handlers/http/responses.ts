import { NEWSWATCH_HEADER, NEWSWATCH_HEADER_VALUE } from '../../core/newswatch-header';
import type { HttpResult } from './types';

/** Marks an answer as newswatch's (core/newswatch-header.ts): the CLI asks for it on an empty one. */
const OURS = { [NEWSWATCH_HEADER]: NEWSWATCH_HEADER_VALUE };

/**
 * JSON, and never read as anything else: bodies carry article text and titles as clients sent them, and
 * `nosniff` stops a browser from guessing HTML in them.
 */
export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...OURS };

export function json(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export const ok = (body: unknown) => json(200, body);
export const created = (body: unknown) => json(201, body);
export const noContent = (): HttpResult => ({ statusCode: 204, headers: OURS });

export function errorBody(code: string, message: string, details?: unknown[]) {
  return { error: { code, message, ...(details && details.length > 0 && { details }) } };
}
