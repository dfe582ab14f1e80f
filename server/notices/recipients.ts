import type { NoticeKind } from '../../shared/notices';
import type { Models } from '../db/models';

/** Who of these centres gets an email of this kind: their active accounts (laboratories' aside), minus those who turned it off. */
export async function noticeRecipients(users: Models['users'], centerIds: string[], kind: NoticeKind) {
  return await users.find({ centerId: { $in: centerIds }, active: true, roles: { $ne: 'laboratory' }, emailOptOut: { $ne: kind } }, { name: 1, email: 1 }).lean();
}
