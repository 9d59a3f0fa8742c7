import { ENV } from '../adapters/env-names';
import type { Table } from '../adapters/table';
import type { FeedAdminDeps } from '../app/feeds/manage-feeds';

/** Deployed, feeds reach public addresses only; the local runtime alone sets the opt-out. */
export const feedsPublicOnly = () => process.env[ENV.feedsAllowPrivate] !== 'true';

export function feedAdminDeps(table: Table): FeedAdminDeps {
  return { table, publicOnly: feedsPublicOnly() };
}
