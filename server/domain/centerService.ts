import { Types } from 'mongoose';
import { centerInputSchema, type CenterDto, type CenterKind } from '../../shared/centers';
import type { Models } from '../db/models';
import type { Center } from '../db/models/center';
import type { Role } from '../../shared/roles';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { duplicateKeyError, idOf } from './documents';
import { AppError, notFound } from './errors';
import { KeptReads } from './keptReads';
import type { z } from 'zod';

type CenterInput = z.output<typeof centerInputSchema>;

/** How long the centres' kinds are trusted without reading them again (a change through the app forgets them at once, on every instance). */
export const KINDS_KEPT_MS = 10_000;

export function toCenterDto(center: Center & { _id: Types.ObjectId }): CenterDto {
  return { id: idOf(center._id), code: center.code, name: center.name, state: center.state, kind: center.kind, active: center.active };
}

export class CenterService {
  constructor(
    private readonly models: Pick<Models, 'centers' | 'users' | 'sessions'>,
    private readonly audit: AuditLog,
    /** A centre was made or changed: the other instances forget the kinds they keep. */
    private readonly changed: () => void = () => {},
  ) {}

  /** Every centre's kind, read once for the checks of many requests (see KeptReads). */
  private readonly kinds = new KeptReads<Map<string, CenterKind>>(KINDS_KEPT_MS);

  /** A centre was made or changed, here or on another instance. */
  forgetKinds(): void {
    this.kinds.forget();
  }

  async list(): Promise<CenterDto[]> {
    const centers = await this.models.centers.find().sort({ state: 1, code: 1 }).lean();
    return centers.map(toCenterDto);
  }

  async create(actor: Actor, input: CenterInput): Promise<CenterDto> {
    authorize(actor, 'centers.manage');
    try {
      const center = await this.models.centers.create(input);
      this.forgetKinds();
      this.changed();
      await this.audit.record(actor, 'create', 'center', idOf(center._id), `centro ${input.code}`, input);
      return toCenterDto(center.toObject());
    } catch (error) {
      throw duplicateKeyError(error, 'code', `a centre with code ${input.code}`) ?? error;
    }
  }

  async update(actor: Actor, id: string, input: Partial<CenterInput>): Promise<CenterDto> {
    authorize(actor, 'centers.manage');
    if (input.kind) await this.requireKindChangeable(id, input.kind);
    try {
      const center = await this.models.centers.findByIdAndUpdate(id, { $set: input }, { returnDocument: 'after', runValidators: true }).lean();
      if (!center) throw notFound('centre');
      this.forgetKinds();
      this.changed();
      await this.audit.record(actor, 'update', 'center', id, `centro ${center.code}`, input);
      return toCenterDto(center);
    } catch (error) {
      throw duplicateKeyError(error, 'code', `a centre with code ${input.code}`) ?? error;
    }
  }

  /**
   * A centre becomes a laboratory, or stops being one, only while nothing depends on its kind: no
   * account belongs to it (a laboratory's accounts hold only the laboratory role, and only they
   * belong to it) and no session invites it.
   */
  private async requireKindChangeable(id: string, kind: CenterKind): Promise<void> {
    const current = await this.models.centers.findById(id, { kind: 1 }).lean();
    if (!current || (current.kind === 'laboratory') === (kind === 'laboratory')) return;
    const centerId = new Types.ObjectId(id);
    const inUse = (await this.models.users.exists({ centerId })) || (await this.models.sessions.exists({ $or: [{ hostCenterId: centerId }, { invitedCenterIds: centerId }] }));
    if (inUse) throw new AppError('invalid_input', 'kind: a centre with accounts or sessions does not become a laboratory, nor stop being one', 'kind');
  }

  /** Refuses ids of centres that do not exist or are laboratories (never invited to sessions), naming the field that carried them. */
  async requireSessionCenters(ids: string[], field: string): Promise<void> {
    const kinds = await this.existing(ids, field);
    if (kinds.includes('laboratory')) throw new AppError('invalid_input', `${field}: a laboratory takes no part in sessions`, field);
  }

  /**
   * Refuses an account whose roles do not fit its centre: a laboratory's accounts hold the
   * laboratory role alone, and only they belong to a laboratory.
   */
  async requireAccountCenter(centerId: string, roles: readonly Role[]): Promise<void> {
    const [kind] = await this.kindsOf([centerId]);
    if (!kind) throw new AppError('invalid_input', 'centerId: unknown centre', 'centerId');
    const isLaboratoryAccount = roles.includes('laboratory');
    if (kind === 'laboratory' && !(isLaboratoryAccount && roles.length === 1)) {
      throw new AppError('invalid_input', 'roles: a laboratory’s accounts hold only the laboratory role', 'roles');
    }
    if (kind !== 'laboratory' && isLaboratoryAccount) throw new AppError('invalid_input', 'centerId: a laboratory account belongs to a laboratory centre', 'centerId');
  }

  /** Refuses ids of centres that do not exist, naming the field that carried them. */
  async requireExisting(ids: string[], field: string): Promise<void> {
    await this.existing(ids, field);
  }

  /** The kinds of the centres of `ids`; refuses the lot if any does not exist. */
  private async existing(ids: string[], field: string): Promise<CenterKind[]> {
    const kinds = await this.kindsOf(ids);
    if (kinds.some((kind) => !kind)) throw new AppError('invalid_input', `${field}: unknown centre`, field);
    return kinds as CenterKind[];
  }

  /**
   * The kinds of the centres of `ids` (undefined for one that does not exist). An id not kept is
   * looked up alone, as an unknown id costs no more than it did before the kinds were kept; if it
   * exists (a centre made a moment ago, perhaps on another instance), the kept kinds are read again
   * at the next check.
   */
  private async kindsOf(ids: string[]): Promise<(CenterKind | undefined)[]> {
    type Kind = Pick<Center, 'kind'> & { _id: Types.ObjectId };
    const byId = (centers: Kind[]) => new Map(centers.map((center) => [idOf(center._id), center.kind]));
    const known = (await this.kinds.read('all', async () => byId(await this.models.centers.find({}, { kind: 1 }).lean<Kind[]>())))!;
    const missing = ids.filter((id) => !known.has(id));
    if (!missing.length) return ids.map((id) => known.get(id));
    const found = byId(await this.models.centers.find({ _id: { $in: missing } }, { kind: 1 }).lean<Kind[]>());
    if (found.size) this.kinds.forget();
    return ids.map((id) => known.get(id) ?? found.get(id));
  }
}
