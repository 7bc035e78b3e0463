/** Lower case, no accents, no punctuation: what an official types and what is stored compare equal. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, ' ')
    .trim();
}

const STOPWORDS = new Set(['de', 'del', 'la', 'las', 'el', 'los', 'y', 'e', 'en', 'a', 'sa', 'sas', 'ltda', 'the']);

/** The distinct searchable words of a name, folded. */
export function searchWords(value: string): string[] {
  return [...new Set(fold(value).split(' ').filter((word) => word.length >= 2 && !STOPWORDS.has(word)))];
}
