import type { Command } from 'commander';

// PLACEHOLDER: the local runtime issue (#4) implements push, subscribe, watchlist, alerts and keys here
// (one file per command under commands/, registered from this function).
export function registerRemoteCommands(_program: Command): void {}
