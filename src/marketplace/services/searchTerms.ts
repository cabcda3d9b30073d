/**
 * Japanese has no spaces between words, so a word index cannot find 「ロゴ」 inside 「ロゴ作成します」.
 * We index every character and every pair of neighbouring characters (bigrams) of the normalised text;
 * a query matches a service whose terms contain all of the query's terms, then a LIKE confirms the order.
 */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function tokens(text: string): string[] {
  return normaliseForSearch(text)
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((token) => token.length > 0);
}

export function searchTermsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const token of tokens(text)) {
    const chars = [...token];
    for (let i = 0; i < chars.length; i++) {
      terms.add(chars[i]);
      if (i + 1 < chars.length) terms.add(chars[i] + chars[i + 1]);
    }
  }
  return [...terms];
}

/**
 * The term that files a service under its category, so that words and a category meet inside the term
 * index (one index scan instead of a large bitmap per side). A query's words are split at punctuation,
 * so no typed word can ask for it.
 */
export function categoryTerm(categoryId: number): string {
  return `c:${categoryId}`;
}

/** What a service row's search_terms holds: its text's terms and its category's. */
export function serviceTermsOf(text: string, categoryId: number): string[] {
  return [...searchTermsOf(text), categoryTerm(categoryId)];
}

/**
 * The terms a query needs: bigrams that cover each word without overlapping (plus the last pair for an
 * odd length), or the character itself for a one-character word. Overlapping pairs add nothing the LIKE
 * does not check, and their correlation makes the planner badly underestimate how many rows match.
 */
export function queryTerms(query: string): { terms: string[]; termsPerWord: string[][]; words: string[] } {
  const words = tokens(query).slice(0, 8);
  const termsPerWord = words.map((word) => {
    const chars = [...word];
    if (chars.length === 1) return [chars[0]];
    const pairs: string[] = [];
    for (let i = 0; i + 1 < chars.length; i += 2) pairs.push(chars[i] + chars[i + 1]);
    if (chars.length > 2 && chars.length % 2 === 1) pairs.push(chars[chars.length - 2] + chars[chars.length - 1]);
    return pairs;
  });
  return { terms: [...new Set(termsPerWord.flat())], termsPerWord, words };
}
