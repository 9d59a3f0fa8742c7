/**
 * `url` without the user name and password written in it (`https://reader:secret@host/…`: a feed's, sent
 * as Basic auth when it is polled, or a posted article's): they belong to whoever wrote them, not to every
 * key that reads a feed list or an article, nor to every alert. With `mask`, the user name reads `mask` and the password is dropped, so the reader
 * still sees that there were credentials (`https://***@host/…`); without, both are dropped. A url without
 * credentials, or one that does not parse, is returned as it was written.
 */
export function hiddenCredentials(url: string, mask = ''): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (!parsed.username && !parsed.password)) return url;
  parsed.username = mask;
  parsed.password = '';
  return parsed.href;
}
