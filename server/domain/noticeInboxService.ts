import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { InAppNoticeDto, markNoticesReadSchema, noticeListQuerySchema, NoticeKind } from '../../shared/notices';
import type { Models } from '../db/models';
import type { Actor } from './actor';
import type { AuditLog } from './auditLog';
import { idOf } from './documents';

/** A notice read is kept this long; unread ones stay until read. */
export const READ_NOTICE_KEEP_DAYS = 90;
const DAY_MS = 86_400_000;

interface StoredNotice {
  _id: Types.ObjectId;
  kind: NoticeKind;
  params: Record<string, string | number>;
  link: string;
  at: Date;
  readAt: Date | null;
}

export const toInAppNoticeDto = (notice: StoredNotice): InAppNoticeDto => ({
  id: idOf(notice._id),
  kind: notice.kind,
  params: notice.params,
  link: notice.link,
  at: notice.at.toISOString(),
  readAt: notice.readAt?.toISOString() ?? null,
});

/** The signed-in person's own notices in the app: listed newest first, marked read by that person alone. */
export class NoticeInboxService {
  constructor(
    private readonly models: Pick<Models, 'inbox'>,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: Actor, query: z.output<typeof noticeListQuerySchema>): Promise<{ notices: InAppNoticeDto[]; unread: number }> {
    const notices = await this.models.inbox
      .find({ userId: actor.id, ...(query.unread ? { readAt: null } : {}) }, { key: 0, userId: 0 })
      .sort({ at: -1, _id: -1 })
      .limit(query.limit)
      .lean<StoredNotice[]>();
    return { notices: notices.map(toInAppNoticeDto), unread: await this.unread(actor) };
  }

  /**
   * Marks the person's listed notices (or all of them) read; ids of someone else's are left alone.
   * Their notices read long ago go as new ones are read, so each list holds about READ_NOTICE_KEEP_DAYS of them.
   */
  async markRead(actor: Actor, request: z.output<typeof markNoticesReadSchema>): Promise<{ unread: number }> {
    const which = 'ids' in request ? { _id: { $in: request.ids } } : {};
    const now = new Date();
    await this.models.inbox.deleteMany({ userId: actor.id, readAt: { $lte: new Date(now.getTime() - READ_NOTICE_KEEP_DAYS * DAY_MS) } });
    const { modifiedCount } = await this.models.inbox.updateMany({ userId: actor.id, readAt: null, ...which }, { $set: { readAt: now } });
    if (modifiedCount) await this.audit.record(actor, 'read_notices', 'user', actor.id, `${modifiedCount} avisos leídos`, 'ids' in request ? { ids: request.ids } : { all: true });
    return { unread: await this.unread(actor) };
  }

  private unread(actor: Actor): Promise<number> {
    return this.models.inbox.countDocuments({ userId: actor.id, readAt: null });
  }
}
