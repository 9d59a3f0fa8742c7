import { ENV } from '../adapters/env-names';
import { MAX_BODY_LIMIT } from '../core/article-limits';
import { wholeNumberSetting } from '../core/text/decimal-integer';
import { switchSetting } from '../core/text/switch-setting';

export const MIB = 1024 * 1024;
const HOUR_SECONDS = 3_600;
/** A hundred years, as the stack's own `articleRetentionDays` setting allows. */
const MAX_RETENTION_DAYS = 36_500;

/** The handlers' settings, whole numbers in decimal digits and an on/off switch (unset: the default); a bad value fails at cold start naming its variable. */
export const config = {
  maxBodyBytes: () => wholeNumberSetting(ENV.maxBodyBytes, process.env[ENV.maxBodyBytes], MIB, 1, MAX_BODY_LIMIT),
  watchlistTtlMs: () => wholeNumberSetting(ENV.watchlistTtlSeconds, process.env[ENV.watchlistTtlSeconds], 30, 0, HOUR_SECONDS) * 1000,
  retentionDays: () => wholeNumberSetting(ENV.retentionDays, process.env[ENV.retentionDays], 0, 0, MAX_RETENTION_DAYS),
  clusterStories: () => switchSetting(ENV.storyClustering, process.env[ENV.storyClustering], true),
};
