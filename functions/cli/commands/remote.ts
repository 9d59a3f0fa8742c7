import type { Command } from 'commander';
import { registerPush } from './push';

/** The commands that talk to a running newswatch (local or deployed); one file each. */
export function registerRemoteCommands(program: Command): void {
  registerPush(program);
}
