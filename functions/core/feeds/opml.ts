import { XMLParser, XMLValidator } from 'fast-xml-parser';
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

/**
 * Every feed an OPML subscription list names (folders flattened, each URL once, document order). Throws
 * SyntaxError saying what is wrong and where: XML that is not well-formed (its line and column, and whether
 * the file looks cut short), another kind of document, an OPML file without `<body>` or `<outline>`
 * elements, or outlines none of which has an `xmlUrl`.
 */
export function opmlFeeds(text: string): OpmlFeed[] {
  // feedsmith reads a file cut short after a whole element as if it ended there: the XML is checked first.
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) throw new SyntaxError(notWellFormed(text, wellFormed.err));
  let document: { body?: { outlines?: Outline[] } };
  try {
    document = parseOpml(text) as typeof document;
  } catch (error) {
    throw new SyntaxError(structureProblem(text) ?? `not an OPML document (${(error as Error).message})`);
  }
  const found = new Map<string, OpmlFeed>();
  let outlines = 0;
  let firstLeaf: Outline | undefined;
  const walk = (list: readonly Outline[] = []) => {
    for (const outline of list) {
      outlines++;
      if (!outline.outlines?.length) firstLeaf ??= outline;
      const url = outline.xmlUrl?.trim();
      const source = (outline.title ?? outline.text)?.trim();
      if (url && !found.has(url)) found.set(url, { url, ...(source && { source }) });
      walk(outline.outlines);
    }
  };
  walk(document.body?.outlines);
  if (found.size === 0) throw new SyntaxError(structureProblem(text) ?? noFeed(outlines, firstLeaf));
  return [...found.values()];
}

interface XmlError {
  code: string;
  msg: string;
  line: number;
  col: number;
}

/** The validator's complaint about elements left open at the end of the input: `Invalid '["opml","body"]' found.` */
const STILL_OPEN = /^Invalid '(\[[\s\S]*\])' found\.?$/;

function notWellFormed(text: string, error: XmlError): string {
  const lines = text.trimEnd().split('\n').length;
  const open = STILL_OPEN.exec(error.msg);
  if (error.code === 'InvalidXml' && open) {
    let names: unknown;
    try {
      names = JSON.parse(open[1]!);
    } catch {
      names = undefined;
    }
    if (Array.isArray(names) && names.length > 0) {
      const elements = names.map((name) => `<${String(name)}>`).join(', ');
      return `not well-formed XML: the file ends (line ${lines}) with ${elements} still open: cut short?`;
    }
  }
  const cut = error.line >= lines ? ' (on its last line: the file is cut short?)' : '';
  const what = error.line === 1 && error.col === 1 ? ' (not an XML file: an OPML file starts with <?xml or <opml>)' : '';
  return `not well-formed XML at line ${error.line}, column ${error.col}${cut}: ${error.msg}${what}`;
}

type Element = Record<string, unknown>;

/** What the well-formed document lacks to be OPML with feeds, or undefined when nothing is found missing. */
function structureProblem(text: string): string | undefined {
  let tree: Element;
  try {
    tree = new XMLParser({ ignoreAttributes: true }).parse(text) as Element;
  } catch {
    return undefined;
  }
  const root = Object.keys(tree).find((name) => !name.startsWith('?') && !name.startsWith('#'));
  if (root === undefined) return 'not an OPML document: it holds no element';
  if (root !== 'opml') return `not an OPML document: its root element is <${root}>, not <opml>`;
  const opml = tree.opml;
  if (typeof opml !== 'object' || opml === null || !('body' in opml)) {
    return 'not an OPML document: <opml> has no <body> element (where the feeds are listed, as <outline> elements)';
  }
  const body = (opml as Element).body;
  if (typeof body !== 'object' || body === null || !('outline' in body)) return 'no feed to import: <body> holds no <outline> element';
  return undefined;
}

/** Why no feed was found: no outline at all, or outlines without an xmlUrl (the first that is no folder named). */
function noFeed(outlines: number, firstLeaf: Outline | undefined): string {
  if (outlines === 0) return 'no feed to import: <body> holds no <outline> element';
  const name = (firstLeaf?.title ?? firstLeaf?.text)?.trim();
  const firstNamed = name ? `; the first that is no folder: "${name}"` : '';
  return `no feed to import: none of its ${outlines} <outline> element${outlines === 1 ? '' : 's'} has an xmlUrl attribute (a feed's address${firstNamed})`;
}
