/**
 * The web console at `/` on the local HTTP API (the same files CloudFront serves when deployed): built
 * from console/ by esbuild in memory on the first request, then kept. Only the console's own file
 * names are served, so no API route and no other file on disk is reachable through here.
 */
import { CONSOLE_HEADERS, consoleCsp } from '../../../console/security-headers';
import type { ConsoleFile } from '../../../console/build';

export interface StaticReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export interface ConsoleSite {
  /** The reply for a console file, or undefined when the request is not for one (an API route). */
  reply(method: string, pathname: string): Promise<StaticReply | undefined>;
}

export const CONSOLE_PATHS: ReadonlySet<string> = new Set(['/index.html', '/console.js', '/console.css', '/favicon.svg', '/config.json']);

/** Locally the API shares the console's origin. */
const LOCAL_HEADERS = { ...CONSOLE_HEADERS, 'content-security-policy': consoleCsp("'self'"), 'cache-control': 'no-cache' };

const loadBuilt = async (): Promise<ConsoleFile[]> => (await import('../../../console/build')).buildConsole();

export function consoleSite(load: () => Promise<ConsoleFile[]> = loadBuilt): ConsoleSite {
  let files: Promise<Map<string, ConsoleFile>> | undefined;
  const built = () => {
    files ??= load().then((list) => new Map(list.map((f) => [f.path, f])));
    // A failed build is tried again on the next request rather than remembered.
    files.catch(() => (files = undefined));
    return files;
  };
  return {
    async reply(method, pathname) {
      const path = pathname === '/' ? '/index.html' : pathname;
      if ((method !== 'GET' && method !== 'HEAD') || !CONSOLE_PATHS.has(path)) return undefined;
      try {
        const file = (await built()).get(path);
        if (!file) return undefined;
        return { status: 200, headers: { ...LOCAL_HEADERS, 'content-type': file.contentType }, body: file.body };
      } catch (err) {
        const message = `The console could not be built: ${(err as Error).message.split('\n')[0]}`;
        return { status: 500, headers: { ...LOCAL_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body: message };
      }
    },
  };
}
