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

/**
 * The words of a search as the index knows them: stopwords and one-letter words are not indexed, so they are
 * dropped from the query too, except the last word, which may be the start of a longer one being typed.
 */
export function queryWords(query: string): string[] {
  const typed = fold(query).split(' ').filter(Boolean);
  return typed.filter(
    (word, index) => (word.length >= 2 && !STOPWORDS.has(word)) || (index === typed.length - 1 && word.length >= 1 && typed.length === 1),
  );
}

/** The distinct searchable words of a name, folded. */
export function searchWords(value: string): string[] {
  return [
    ...new Set(
      fold(value)
        .split(' ')
        .filter((word) => word.length >= 2 && !STOPWORDS.has(word)),
    ),
  ];
}
