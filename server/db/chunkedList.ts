import { isDuplicateKey } from './failures';

/** How many owners' current documents one list remembers: those busy on this instance, and then some. */
const REMEMBERED_OWNERS = 1000;

/** What every document of a chunked list keeps beside its entries. */
interface ChunkFields {
  /** How many entries were appended to the document; absent on one written before lists were spread, which counts as full. */
  appended?: number | null;
}

/** The owner's own document, which holds the first entries. */
interface HeadFields extends ChunkFields {
  /** The highest numbered further document, written before any entry goes into it. */
  chunks?: number | null;
}

/** What a chunked list asks of the models of its two kinds of document (mongoose models, validating what is pushed). */
interface ListDocuments {
  findById(id: string, projection?: Record<string, 1>): { lean(): PromiseLike<unknown> };
  updateOne(filter: Record<string, unknown>, update: Record<string, unknown>, options?: { upsert: boolean; runValidators?: boolean }): PromiseLike<unknown>;
}

/** The `_id` of an owner's further document number `chunk` (from 1). */
export const chunkId = (ownerId: string, chunk: number) => `${ownerId}/${chunk}`;

/**
 * An append-only list per owner (a session's presence marks, its chat; written as `Input`, read
 * back as stored, `Entry`), spread over documents of about `perDocument` entries: the owner's own
 * document holds the first ones, documents with `_id` `<ownerId>/<n>` the rest, each found by
 * `_id`. The embedded database rewrites a whole document to append to it, so one ever-growing
 * document made each append cost more than the last (a join's mark 13 ms at a session's start,
 * 32 ms after 300 joins and leaves). Appends from several instances at once lose nothing: a full
 * document refuses the next (its `appended` no longer matches, and the upsert collides with its
 * `_id`), and the writer moves on to the next document.
 */
export class ChunkedList<Entry, Head extends HeadFields, Input = Entry> {
  /** The document each owner's entries went into last, from this instance: where the next ones are tried first. */
  private readonly appendingTo = new Map<string, number>();

  constructor(
    private readonly head: ListDocuments,
    private readonly rest: ListDocuments,
    private readonly field: string,
    private readonly perDocument: number,
  ) {}

  async append(ownerId: string, entries: readonly Input[]): Promise<void> {
    let chunk = this.appendingTo.get(ownerId) ?? ((await this.head.findById(ownerId, { chunks: 1 }).lean()) as HeadFields | null)?.chunks ?? 0;
    while (!(await this.appendTo(ownerId, chunk, entries))) {
      chunk += 1;
      // The owner's document names the next one before any entry goes into it, so no reader misses it.
      await this.head.updateOne({ _id: ownerId }, { $max: { chunks: chunk } }, { upsert: true });
    }
    this.appendingTo.delete(ownerId);
    this.appendingTo.set(ownerId, chunk);
    if (this.appendingTo.size > REMEMBERED_OWNERS) this.appendingTo.delete(this.appendingTo.keys().next().value!);
  }

  /** Appends to document `chunk` (0: the owner's own), made if missing; false when it is full. */
  private async appendTo(ownerId: string, chunk: number, entries: readonly Input[]): Promise<boolean> {
    const notFull = { appended: { $lt: this.perDocument } };
    const update = { $push: { [this.field]: { $each: entries } }, $inc: { appended: entries.length } };
    const options = { upsert: true, runValidators: true };
    try {
      if (chunk === 0) await this.head.updateOne({ _id: ownerId, ...notFull }, update, options);
      else await this.rest.updateOne({ _id: chunkId(ownerId, chunk), ...notFull }, update, options);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /**
   * The owner's document (null before anything was written) and its entries in the order
   * appended: all of them, or about the `last` few (at least that many, when there are).
   */
  async read(ownerId: string, last?: number): Promise<{ head: Head | null; entries: Entry[] }> {
    const head = (await this.head.findById(ownerId).lean()) as Head | null;
    const chunks = head?.chunks ?? 0;
    // Every document before the last is full, so this many from the end hold the `last` entries.
    const start = last === undefined ? 0 : chunks - Math.ceil(last / this.perDocument);
    const first = Math.max(1, start);
    const further = await Promise.all(Array.from({ length: chunks + 1 - first }, (_, index) => this.rest.findById(chunkId(ownerId, first + index), { [this.field]: 1 }).lean()));
    const entriesOf = (doc: unknown) => (doc as Record<string, Entry[] | undefined> | null)?.[this.field] ?? [];
    return { head, entries: [...(start <= 0 ? entriesOf(head) : []), ...further.flatMap(entriesOf)] };
  }
}

/** An owner's entries laid out as a chunked list stores them, for writing many at once (seeds, imports). */
export function chunkedDocuments<Entry>(ownerId: unknown, field: string, entries: readonly Entry[], perDocument: number) {
  const slices = Array.from({ length: Math.max(1, Math.ceil(entries.length / perDocument)) }, (_, index) => entries.slice(index * perDocument, (index + 1) * perDocument));
  const [first = [], ...later] = slices;
  return {
    head: { _id: ownerId, [field]: first, appended: first.length, chunks: later.length },
    rest: later.map((slice, index) => ({ _id: chunkId(String(ownerId), index + 1), [field]: slice, appended: slice.length })),
  };
}
