/**
 * Search over a coded vocabulary (ICD-10, ICD-O-3 topography and morphology) as clinicians type:
 * accents and case ignored, codes with or without their dot or slash, abbreviations as whole words.
 */
/** How to read an entry of a vocabulary. */
export interface EntryFields<E> {
  /** The forms its code may be typed in, the canonical one first (a morphology answers to `9500/3` and to `9500`). */
  codes(entry: E): readonly string[];
  name(entry: E): string;
  /** Other names and abbreviations clinicians use (LLA, tumor de Wilms, NB…). */
  synonyms(entry: E): readonly string[];
}

/** Case and accents are what people vary when they type: fold them away. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** A code as typed or stored, without its punctuation: `C91.0` and `c910`, `9500/3` and `95003`. */
export function compactCode(code: string): string {
  return code.replace(/[.\s/-]/g, '').toLowerCase();
}

const wordsOf = (folded: string) => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Something that could be (the start of) a code: a letter and digits (`c7`, `C91.0`) or digits (`95`, `9500/3`). */
const looksLikeCode = (compact: string) => /^(?:[a-z]\d*|\d+)$/.test(compact);

interface Indexed<E> {
  entry: E;
  position: number;
  codes: string[];
  name: string;
  synonyms: string[];
  words: string[];
}

/**
 * How well an entry answers the query, lower is better: 0 the code, or an abbreviation or other
 * name typed in full (`c91.0`, `LLA`, `tumor de wilms`); 1 the start of the code, of the name or
 * of another name (`c91`, `neurobl`); 2 every word typed starts a word of the name or other names
 * (`linfo aguda`); undefined when it does not answer.
 */
function tierOf(item: Indexed<unknown>, folded: string, compact: string, queryWords: string[]): number | undefined {
  const codeLike = looksLikeCode(compact);
  if ((codeLike && item.codes.includes(compact)) || item.synonyms.includes(folded)) return 0;
  if ((codeLike && item.codes.some((code) => code.startsWith(compact))) || item.name.startsWith(folded) || item.synonyms.some((synonym) => synonym.startsWith(folded))) {
    return 1;
  }
  if (queryWords.length && queryWords.every((word) => item.words.some((candidate) => candidate.startsWith(word)))) return 2;
  return undefined;
}

export interface Vocabulary<E> {
  readonly entries: readonly E[];
  /** Best first: exact code or abbreviation, then prefixes, then word matches; the catalogue's order within each. */
  search(query: string, limit?: number): E[];
  /** The entry of a code typed in any case, with or without its punctuation. */
  find(code: string): E | undefined;
}

/** Indexes `entries` once; `find` looks up an entry by its canonical code. */
export function vocabulary<E>(entries: readonly E[], fields: EntryFields<E>): Vocabulary<E> {
  const indexed: Indexed<E>[] = entries.map((entry, position) => {
    const name = foldText(fields.name(entry));
    const synonyms = fields.synonyms(entry).map(foldText);
    return { entry, position, codes: fields.codes(entry).map(compactCode), name, synonyms, words: [name, ...synonyms].flatMap(wordsOf) };
  });
  const byCode = new Map(indexed.map((item) => [item.codes[0]!, item.entry]));
  return {
    entries,
    search(query, limit = 20) {
      const folded = foldText(query);
      if (!folded || limit <= 0) return [];
      const compact = compactCode(folded);
      const queryWords = wordsOf(folded);
      const found: { item: Indexed<E>; tier: number }[] = [];
      for (const item of indexed) {
        const tier = tierOf(item, folded, compact, queryWords);
        if (tier !== undefined) found.push({ item, tier });
      }
      found.sort((a, b) => a.tier - b.tier || a.item.position - b.item.position);
      return found.slice(0, limit).map(({ item }) => item.entry);
    },
    find: (code) => byCode.get(compactCode(code)),
  };
}
