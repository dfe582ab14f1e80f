import type { Types } from 'mongoose';
import type { NoticeKind } from '../../shared/notices';
import { can, permissions, type Action } from '../../shared/permissions';
import { accountRoles, type AccountRole } from '../../shared/roles';
import type { Models } from '../db/models';

/** A person a notice is decided for, with the kinds of email they turned off (the notice is listed in the app anyway). */
export interface NoticeRecipient {
  _id: Types.ObjectId;
  name: string;
  email: string;
  emailOptOut: NoticeKind[];
}

const recipientFields = { name: 1, email: 1, emailOptOut: 1, roles: 1, centerId: 1 } as const;

/** Who of these centres is told of their sessions and agreements: their active accounts (laboratories' aside). */
export async function centerPeople(users: Models['users'], centerIds: string[]): Promise<NoticeRecipient[]> {
  return await users.find({ centerId: { $in: centerIds }, active: true, roles: { $ne: 'laboratory' } }, recipientFields).lean<NoticeRecipient[]>();
}

/** The active accounts who may do `action` over a thing of `centerId` (as shared/permissions.ts says): whoever watches it. */
export async function accountsWhoCan(users: Models['users'], action: Action, centerId: string): Promise<NoticeRecipient[]> {
  const granted = accountRoles.filter((role) => role in permissions[action].grants);
  const people = await users.find({ active: true, roles: { $in: granted } }, recipientFields).lean<(NoticeRecipient & { roles: AccountRole[]; centerId: Types.ObjectId })[]>();
  return people.filter((person) => can({ roles: person.roles, centerId: String(person.centerId) }, action, centerId));
}
