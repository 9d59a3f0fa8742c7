import { ENV } from '../adapters/env-names';

/** A non-negative number from the environment, or the default when unset; a bad value fails at cold start. */
export function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`Environment variable ${name} must be a non-negative number, got "${raw}"`);
  return value;
}

export const MIB = 1024 * 1024;

export const config = {
  maxBodyBytes: () => numberEnv(ENV.maxBodyBytes, MIB),
  watchlistTtlMs: () => numberEnv(ENV.watchlistTtlSeconds, 30) * 1000,
  retentionDays: () => numberEnv(ENV.retentionDays, 0),
  clusterStories: () => process.env[ENV.storyClustering] !== 'off',
};
