import { mongo, type Types } from 'mongoose';
import type { InAppNoticeDto, NoticeKind } from '../../shared/notices';
import { onlyDuplicateKeys } from '../db/failures';
import type { Models } from '../db/models';
import { toInAppNoticeDto } from '../domain/noticeInboxService';
import { errorFields, log } from '../logger';

/** One notice for the app's list of one person. */
export interface InboxEntry {
  key: string;
  userId: string;
  kind: NoticeKind;
  params: Record<string, string | number>;
  link: string;
}

/** Tells a person's open pages (on any server) of a notice just listed for them. */
export type NoticePush = (userId: string, notice: InAppNoticeDto) => void;

/** The notices the app lists: each key added once, and pushed to its person's open pages when it is. */
export class Inbox {
  constructor(
    private readonly models: Pick<Models, 'inbox'>,
    private readonly push: NoticePush,
  ) {}

  /** Adds the entries whose key is new; returns how many were. */
  async add(entries: InboxEntry[], at: Date): Promise<number> {
    if (!entries.length) return 0;
    const operations = entries.map((entry) => ({
      updateOne: { filter: { key: entry.key }, update: { $setOnInsert: { ...entry, at, readAt: null } }, upsert: true },
    }));
    let added: Record<number, Types.ObjectId>;
    try {
      added = (await this.models.inbox.bulkWrite(operations, { ordered: false })).upsertedIds;
    } catch (error) {
      // Keys already listed (two servers deciding the same notice at once): the others were added.
      if (!onlyDuplicateKeys(error)) throw error;
      added = error instanceof mongo.MongoBulkWriteError ? error.result.upsertedIds : {};
    }
    for (const [index, id] of Object.entries(added)) {
      const entry = entries[Number(index)]!;
      try {
        this.push(entry.userId, toInAppNoticeDto({ _id: id, ...entry, at, readAt: null }));
      } catch (error) {
        log.error('notice not pushed to open pages', { userId: entry.userId, ...errorFields(error) });
      }
    }
    return Object.keys(added).length;
  }
}
