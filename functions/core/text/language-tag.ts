/**
 * A language tag in its canonical BCP 47 form, as `Intl.getCanonicalLocales` gives it: a deprecated
 * code replaced (`iw` → `he`), and each part in its conventional case (`EN` → `en`, `en-gb` → `en-GB`, `zh-hant-tw` →
 * `zh-Hant-TW`, and a name such as `English`, which is a well-formed tag too, → `english`), so a story
 * lists one language once whatever case each client wrote it in. A value that is not a well-formed tag
 * (`en_US`) is kept as sent: it is still the client's own label.
 */
export function canonicalLanguage(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? tag;
  } catch {
    return tag;
  }
}
