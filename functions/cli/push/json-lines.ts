/**
 * Line numbers for the articles of a JSON document, so a rejected article can be reported as
 * `file:line`. JSON.parse gives values but no positions; this scanner walks the text once, tracking
 * strings and nesting, and notes the line where each element of the article array starts: the root
 * array (`[...]`), or the array under the root key "articles" (`{"articles": [...]}`), or the root
 * object itself for a single article. Only called on text that JSON.parse has already accepted.
 */
export function articleStartLines(text: string): number[] {
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = -1;
  let lastKey: string | undefined;
  let targetDepth = -1; // depth of the article array's elements once found
  let expectingElement = false;
  const lines: number[] = [];
  let rootLine = 0;

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (/\s/.test(ch)) continue;
    // The document's first line, also when it is no object or array (`5`, `"text"`): a line 0 named nothing.
    if (depth === 0 && rootLine === 0) rootLine = line;
    if (depth === targetDepth && expectingElement && ch !== ']') {
      lines.push(line);
      expectingElement = false;
    }
    if (ch === '"') {
      inString = true;
      stringStart = i;
    } else if (ch === '{' || ch === '[') {
      const opensArticleArray = ch === '[' && targetDepth === -1 && (depth === 0 || (depth === 1 && lastKey === 'articles'));
      depth++;
      if (opensArticleArray) {
        targetDepth = depth;
        expectingElement = true;
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
    } else if (ch === ',' && depth === targetDepth) {
      expectingElement = true;
    }
  }
  return targetDepth === -1 ? [rootLine] : lines;
}

/** 1-based line of a character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** More than one non-empty line, and the first is a JSON value on its own: JSON Lines without the extension. */
export function looksLikeJsonLines(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim().length > 0);
  if (lines.length < 2) return false;
  try {
    JSON.parse(lines[0]!);
    return true;
  } catch {
    return false;
  }
}

/**
 * V8 ends its message with "at position N" (Node 20), then " (line L column C)" (Node 22+), when it
 * knows where; some messages quote the text instead and name no place. Only that ending is read, so a
 * quoted "line 9" of the input is never taken for one. Undefined when V8 named no place.
 */
const JSON_ERROR_PLACE = / at position (\d+)(?: \(line \d+ column \d+\))?$/;

export function jsonErrorLine(text: string, error: unknown): number | undefined {
  const place = JSON_ERROR_PLACE.exec(error instanceof Error ? error.message : '');
  return place ? lineOfOffset(text, Number(place[1])) : undefined;
}
