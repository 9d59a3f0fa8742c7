import type { HttpResult } from './types';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function json(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export const ok = (body: unknown) => json(200, body);
export const created = (body: unknown) => json(201, body);
export const noContent = (): HttpResult => ({ statusCode: 204 });

export function errorBody(code: string, message: string, details?: unknown[]) {
  return { error: { code, message, ...(details && details.length > 0 && { details }) } };
}
