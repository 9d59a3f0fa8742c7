/**
 * The API key lives in sessionStorage only: it is gone when the tab closes, and never written to
 * localStorage, a cookie or the URL.
 */
const KEY_NAME = 'newswatch.apiKey';

export function readKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_NAME);
  } catch {
    return null;
  }
}

export function saveKey(key: string): void {
  sessionStorage.setItem(KEY_NAME, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_NAME);
}
