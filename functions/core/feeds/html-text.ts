import { parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';

/** Elements whose content is never text a reader sees. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'math', 'button', 'select']);
/** Elements that start a new line of text: their content never runs into the next element's. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'td',
  'th',
  'ul',
]);

/**
 * Readable plain text from an HTML fragment, by a real HTML parser (htmlparser2, entities decoded):
 * scripts, styles and other non-text elements dropped, block elements on their own lines, runs of
 * white space (including &nbsp;) collapsed. The result is only ever stored and shown as text.
 */
export function htmlToText(html: string): string {
  const lines: string[] = [];
  let line = '';
  const breakLine = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  const walk = (nodes: readonly ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') line += node.data;
      else if (node.type === 'cdata') walk(node.children);
      else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
        const name = node.name.toLowerCase();
        if (SKIPPED.has(name)) continue;
        const block = BLOCKS.has(name);
        if (block) breakLine();
        walk(node.children);
        if (block) breakLine();
      }
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children);
  breakLine();
  return lines.join('\n');
}
