import { describe, expect, it } from 'vitest';
import { hiddenCredentials } from '../../../functions/core/url-credentials';

describe('hiddenCredentials', () => {
  it('drops the user name and password when given no mask', () => {
    expect(hiddenCredentials('https://reader:s3cret@news.example.com/a?x=1')).toBe('https://news.example.com/a?x=1');
    expect(hiddenCredentials('https://token@news.example.com/b')).toBe('https://news.example.com/b');
    expect(hiddenCredentials('https://:s3cret@news.example.com/c')).toBe('https://news.example.com/c');
  });

  it('shows the mask in place of the user name, and no password, when given one', () => {
    expect(hiddenCredentials('https://reader:s3cret@news.example.com/a?x=1', '***')).toBe('https://***@news.example.com/a?x=1');
    expect(hiddenCredentials('https://:s3cret@news.example.com/c', '***')).toBe('https://***@news.example.com/c');
  });

  it('returns a url without credentials, or one that does not parse, as it was written', () => {
    // Not normalised either: the host's case and the default port stay as written.
    expect(hiddenCredentials('https://News.Example.com:443/a', '***')).toBe('https://News.Example.com:443/a');
    expect(hiddenCredentials('https://News.Example.com:443/a')).toBe('https://News.Example.com:443/a');
    expect(hiddenCredentials('/relative/reader:s3cret@path')).toBe('/relative/reader:s3cret@path');
  });
});
