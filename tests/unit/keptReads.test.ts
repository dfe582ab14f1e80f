import { describe, expect, it } from 'vitest';
import { KeptReads } from '../../server/domain/keptReads';

/** A database stand-in that counts its reads and answers what it holds now. */
function table(initial: Record<string, string>) {
  const rows = { ...initial };
  let reads = 0;
  return { rows, reads: () => reads, load: (key: string) => async () => ((reads += 1), rows[key]) };
}

describe('database reads kept for a short while', () => {
  it('reads a key once for a burst, until the lifetime or the value’s own end, whichever comes first', async () => {
    let now = 0;
    const kept = new KeptReads<string>(10_000, () => now);
    const db = table({ a: 'uno' });
    for (let n = 0; n < 5; n++) expect(await kept.read('a', db.load('a'), () => 4_000)).toBe('uno');
    expect(db.reads()).toBe(1);
    now = 4_000;
    await kept.read('a', db.load('a'));
    expect(db.reads()).toBe(2);
    now = 13_999;
    await kept.read('a', db.load('a'));
    expect(db.reads()).toBe(2);
    now = 14_000;
    await kept.read('a', db.load('a'));
    expect(db.reads()).toBe(3);
  });

  it('forgets only what matches, and keeps no value that may not be kept nor one that does not exist', async () => {
    const kept = new KeptReads<string>(10_000, () => 0);
    const db = table({ a: 'uno', b: 'dos', c: 'tres' });
    await kept.read('a', db.load('a'));
    await kept.read('b', db.load('b'));
    db.rows.a = 'otro';
    kept.forget((_, key) => key === 'a');
    expect(await kept.read('a', db.load('a'))).toBe('otro');
    await kept.read('b', db.load('b'));
    expect(db.reads()).toBe(3);
    await kept.read('c', db.load('c'), () => 'never');
    await kept.read('c', db.load('c'), () => 'never');
    await kept.read('z', db.load('z'));
    await kept.read('z', db.load('z'));
    expect(db.reads()).toBe(7);
  });
});
