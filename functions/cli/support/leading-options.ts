/** The options every command that talks to a server takes, each with one value. */
const CONNECTION_OPTIONS = new Set(['--url', '--api-key']);

/**
 * `newswatch --url U --api-key K feeds add X` read as `newswatch feeds add X --url U --api-key K`: the
 * connection options belong to each command, but users put them before it too (as with git's `-C`).
 * Only those given before the command move (with their values, `--url U` or `--url=U`), to the end of
 * the arguments or before a `--` that ends the options. `args` are the user's arguments (no node, no script).
 */
export function connectionOptionsLast(args: readonly string[]): string[] {
  const moved: string[] = [];
  let at = 0;
  while (at < args.length && args[at]!.startsWith('--')) {
    const arg = args[at]!;
    const name = arg.split('=', 1)[0]!;
    if (!CONNECTION_OPTIONS.has(name)) break;
    const takesNext = !arg.includes('=') && at + 1 < args.length;
    moved.push(...args.slice(at, at + (takesNext ? 2 : 1)));
    at += takesNext ? 2 : 1;
  }
  if (moved.length === 0) return [...args];
  const rest = args.slice(at);
  const end = rest.indexOf('--');
  return end < 0 ? [...rest, ...moved] : [...rest.slice(0, end), ...moved, ...rest.slice(end)];
}
