import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToText } from './html-text';

/** Shorter than this, an extraction is navigation or a cookie banner, not the article: keep the summary. */
const MIN_ARTICLE_CHARS = 200;

/**
 * The article text of a web page (Firefox Reader View's algorithm, @mozilla/readability, over the
 * linkedom DOM), or undefined when the page holds no recognisable article. Text only: never HTML.
 */
export function extractArticleText(html: string, url: string): string | undefined {
  const { document } = parseHTML(html);
  // Readability resolves relative links against the document's URL; linkedom has none of its own.
  Object.defineProperty(document, 'documentURI', { value: url });
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  // Its cleaned HTML, not textContent: headings and paragraphs must not run into each other.
  const text = article?.content ? htmlToText(article.content) : undefined;
  return text && text.length >= MIN_ARTICLE_CHARS ? text : undefined;
}
