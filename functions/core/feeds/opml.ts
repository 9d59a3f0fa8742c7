import { parseOpml } from 'feedsmith';

export interface OpmlFeed {
  url: string;
  /** The outline's title (or text): used as the feed's `source`. */
  source?: string;
}

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  outlines?: Outline[];
}

/** Every feed an OPML subscription list names (folders flattened, each URL once, document order). */
export function opmlFeeds(text: string): OpmlFeed[] {
  let document: { body?: { outlines?: Outline[] } };
  try {
    document = parseOpml(text) as typeof document;
  } catch (error) {
    throw new SyntaxError(`not an OPML document (${(error as Error).message})`);
  }
  const found = new Map<string, OpmlFeed>();
  const walk = (outlines: readonly Outline[] = []) => {
    for (const outline of outlines) {
      const url = outline.xmlUrl?.trim();
      const source = (outline.title ?? outline.text)?.trim();
      if (url && !found.has(url)) found.set(url, { url, ...(source && { source }) });
      walk(outline.outlines);
    }
  };
  walk(document.body?.outlines);
  return [...found.values()];
}
