// The shipped translations, read straight from locales/ (single-line
// messages only), so tests name buttons and headings in each language
// without copying the words.
import { readFileSync, readdirSync } from 'node:fs';

const cache = new Map();

export function ftl(lang, key) {
  if (!cache.has(lang)) {
    const dir = new URL(`../../locales/${lang}/`, import.meta.url);
    const messages = new Map();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
      for (const line of readFileSync(new URL(file, dir), 'utf8').split('\n')) {
        const m = line.match(/^([a-zA-Z][\w-]*) = (.+)$/);
        if (m) messages.set(m[1], m[2]);
      }
    }
    cache.set(lang, messages);
  }
  const text = cache.get(lang).get(key);
  if (text === undefined) throw new Error(`no single-line message ${key} in ${lang}`);
  return text;
}

export const LANGS = ['en', 'km', 'lo', 'my', 'th', 'vi', 'zh-Hans'];
