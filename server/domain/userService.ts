import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { createUserRequestSchema, updateUserRequestSchema, UserDto } from '../../shared/users';
import type { Models } from '../db/models';
import type { User } from '../db/models/user';
import { authorize, type Actor } from './actor';
import { requireStrongPassword } from './passwordPolicy';
import type { AuditLog } from './auditLog';
import type { CenterService } from './centerService';
import { duplicateKeyError, idOf } from './documents';
import { notFound } from './errors';
import { hashPassword } from './passwords';

export function toUserDto(user: User & { _id: Types.ObjectId }): UserDto {
  return {
    id: idOf(user._id),
    name: user.name,
    email: user.email,
    roles: user.roles,
    centerId: idOf(user.centerId),
    specialty: user.specialty,
    active: user.active,
  };
}

/** Accounts are managed by administrators; passwords never leave this module unhashed. */
export class UserService {
  constructor(
    private readonly models: Pick<Models, 'users'>,
    private readonly centers: CenterService,
    private readonly audit: AuditLog,
    private readonly onChanged: (userId: string) => void = () => {},
  ) {}

  async profile(actor: Actor): Promise<UserDto> {
    // An invited guest has no account: what their link gives them is all there is.
    if (actor.guest) return { id: actor.id, name: actor.name, email: '', roles: actor.roles, centerId: actor.centerId, specialty: '', active: true, guest: actor.guest };
    const user = await this.models.users.findById(actor.id).lean();
    if (!user) throw notFound('account');
    return toUserDto(user);
  }

  async list(actor: Actor): Promise<UserDto[]> {
    authorize(actor, 'users.read');
    const users = await this.models.users.find().sort({ name: 1 }).lean();
    return users.map(toUserDto);
  }

  async create(actor: Actor, input: z.output<typeof createUserRequestSchema>): Promise<UserDto> {
    authorize(actor, 'users.manage');
    await this.centers.requireAccountCenter(input.centerId, input.roles);
    const { password, ...profile } = input;
    requireStrongPassword(password, input);
    try {
      const user = await this.models.users.create({ ...profile, passwordHash: await hashPassword(password) });
      await this.audit.record(actor, 'create', 'user', idOf(user._id), `cuenta ${input.email}`, profile);
      return toUserDto(user.toObject());
    } catch (error) {
      throw duplicateKeyError(error, 'email', `an account with email ${input.email}`) ?? error;
    }
  }

  async update(actor: Actor, id: string, input: z.output<typeof updateUserRequestSchema>): Promise<UserDto> {
    authorize(actor, 'users.manage');
    const { password, ...profile } = input;
    const current = await this.models.users.findById(id, { name: 1, email: 1, roles: 1, centerId: 1 }).lean();
    if (!current) throw notFound('account');
    if (input.centerId || input.roles) await this.centers.requireAccountCenter(input.centerId ?? idOf(current.centerId), input.roles ?? current.roles);
    if (password) requireStrongPassword(password, { name: input.name ?? current.name, email: input.email ?? current.email });
    const changes = password ? { ...profile, passwordHash: await hashPassword(password) } : profile;
    try {
      const user = await this.models.users.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after', runValidators: true }).lean();
      if (!user) throw notFound('account');
      await this.audit.record(actor, 'update', 'user', id, `cuenta ${user.email}`, { ...profile, passwordChanged: Boolean(password) });
      this.onChanged(id);
      return toUserDto(user);
    } catch (error) {
      throw duplicateKeyError(error, 'email', `an account with email ${input.email}`) ?? error;
    }
  }
}
