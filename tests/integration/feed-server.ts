/**
 * A real HTTP server on 127.0.0.1 serving feed fixtures and the misbehaviours feeds show in the wild:
 * validators and 304s, 429 with Retry-After, a redirect loop, a 50 MB answer, a server that never
 * answers, an HTML page where a feed used to be. Tests change `docs` to make a feed change.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const MB = 1024 * 1024;

export interface ServedDoc {
  body: string | Buffer;
  contentType: string;
  /** Serve with an ETag and Last-Modified and answer 304 to a matching conditional GET. */
  validators?: boolean;
}

export interface FeedServer {
  url(path: string): string;
  /** Documents by path; edit to change what a feed serves. */
  docs: Map<string, ServedDoc>;
  /** Requests seen, by path, with the conditional headers they carried. */
  requests: Array<{ path: string; ifNoneMatch?: string; ifModifiedSince?: string; userAgent?: string }>;
  close(): Promise<void>;
}

const etagOf = (doc: ServedDoc) => `"${createHash('sha1').update(doc.body).digest('hex').slice(0, 16)}"`;
const LAST_MODIFIED = 'Tue, 02 Aug 2022 15:00:00 GMT';

export function defaultDocs(): Map<string, ServedDoc> {
  const xml = (name: string, validators = true): ServedDoc => ({ body: fixture(name), contentType: 'application/rss+xml', validators });
  return new Map<string, ServedDoc>([
    ['/rss2.xml', xml('rss2-mess.xml')],
    ['/rss1.rdf', { body: fixture('rss1.rdf'), contentType: 'application/rdf+xml', validators: true }],
    ['/atom.xml', { body: fixture('atom.xml'), contentType: 'application/atom+xml', validators: true }],
    ['/feed.json', { body: fixture('feed.json'), contentType: 'application/feed+json', validators: true }],
    ['/cp1251.xml', xml('rss-windows-1251.xml')],
    ['/koi8r.xml', { body: fixture('rss-koi8r-header.xml'), contentType: 'text/xml; charset=koi8-r' }],
    ['/bom.xml', xml('rss-bom.xml', false)],
    ['/html-page', { body: fixture('not-a-feed.html'), contentType: 'text/html; charset=utf-8' }],
  ]);
}

type Special = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const specials: Record<string, Special> = {
  '/busy': (_req, res) => {
    res.writeHead(429, { 'retry-after': '7200', 'content-type': 'text/plain' });
    res.end('slow down');
  },
  '/unavailable': (_req, res) => {
    res.writeHead(503, { 'retry-after': String(3 * 86_400) });
    res.end();
  },
  '/loop-a': (_req, res) => {
    res.writeHead(302, { location: '/loop-b' });
    res.end();
  },
  '/loop-b': (_req, res) => {
    res.writeHead(301, { location: '/loop-a' });
    res.end();
  },
  '/moved': (_req, res) => {
    res.writeHead(301, { location: '/rss2.xml' });
    res.end();
  },
  '/to-metadata': (_req, res) => {
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
    res.end();
  },
  '/to-ipv6-loopback': (req, res) => {
    res.writeHead(307, { location: `http://[::1]:${req.socket.localPort}/rss2.xml` });
    res.end();
  },
  /** 50 MB of a well-formed feed start, sent in 1 MB chunks without Content-Length. */
  '/huge.xml': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(MB, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < 50 && !res.destroyed) {
        sent++;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      res.end();
    };
    res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
    pump();
  },
  /** Accepts the connection, never answers. */
  '/never': () => undefined,
};

export async function startFeedServer(docs: Map<string, ServedDoc> = defaultDocs()): Promise<FeedServer> {
  const requests: FeedServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({
      path,
      ifNoneMatch: req.headers['if-none-match'],
      ifModifiedSince: req.headers['if-modified-since'],
      userAgent: req.headers['user-agent'],
    });
    const special = specials[path];
    if (special) return special(req, res);
    const doc = docs.get(path);
    if (!doc) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'content-type': doc.contentType };
    if (doc.validators) {
      headers.etag = etagOf(doc);
      headers['last-modified'] = LAST_MODIFIED;
      if (req.headers['if-none-match'] === headers.etag) {
        res.writeHead(304, headers).end();
        return;
      }
    }
    res.writeHead(200, headers).end(doc.body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    docs,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
