/** Hash routes (#/stories/abc): the API owns every path, the console only `/` and its files. */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  view: string;
  id?: string;
}

export const DEFAULT_VIEW = 'stories';

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseHash(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const id = rest.join('/');
  return { view: view || DEFAULT_VIEW, ...(id && { id: decode(id) }) };
}

export const href = (view: string, id?: string) => `#/${view}${id ? `/${encodeURIComponent(id)}` : ''}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
