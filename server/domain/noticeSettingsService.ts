import type { z } from 'zod';
import type { NoticeKind, noticeSettingsSchema } from '../../shared/notices';
import type { Models } from '../db/models';
import type { Actor } from './actor';
import type { AuditLog } from './auditLog';
import { notFound } from './errors';

/** Which kinds of email notice each person turned off, set by that person alone. */
export class NoticeSettingsService {
  constructor(
    private readonly models: Pick<Models, 'users'>,
    private readonly audit: AuditLog,
  ) {}

  async optOuts(actor: Actor): Promise<NoticeKind[]> {
    const user = await this.models.users.findById(actor.id, { emailOptOut: 1 }).lean();
    if (!user) throw notFound('account');
    return user.emailOptOut;
  }

  async setOptOuts(actor: Actor, input: z.output<typeof noticeSettingsSchema>): Promise<NoticeKind[]> {
    const user = await this.models.users.findByIdAndUpdate(actor.id, { $set: { emailOptOut: input.emailOptOut } }, { returnDocument: 'after', runValidators: true }).lean();
    if (!user) throw notFound('account');
    await this.audit.record(actor, 'update_notice_settings', 'user', actor.id, `avisos por correo de ${user.email}`, { emailOptOut: input.emailOptOut });
    return user.emailOptOut;
  }
}
