import type { Command } from 'commander';
import { registerAlerts } from './alerts';
import { registerDigest } from './digest-command';
import { registerFeeds } from './feeds';
import { registerKeys } from './keys';
import { registerPush } from './push';
import { registerSmoke } from './smoke';
import { registerSubscriptionCommands } from './subscribe';
import { registerWatchlist } from './watchlist-command';

/** The commands that talk to a running newswatch (local or deployed); one file each. */
export function registerRemoteCommands(program: Command): void {
  registerPush(program);
  registerSubscriptionCommands(program);
  registerWatchlist(program);
  registerAlerts(program);
  registerDigest(program);
  registerKeys(program);
  registerSmoke(program);
  registerFeeds(program);
}
