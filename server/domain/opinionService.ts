import type { z } from 'zod';
import type { CaseOpinions, OpinionDto, saveOpinionDraftRequestSchema } from '../../shared/opinions';
import type { Models } from '../db/models';
import type { Opinion } from '../db/models/opinion';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { requireCaseOfSession } from './caseOfSession';
import { idOf } from './documents';
import { AppError } from './errors';

/** The author's entry in the case's opinions document. */
type OpinionEntry = Omit<Opinion, 'published'> & { published?: boolean | null };

function toOpinionDto(caseId: string, sessionId: string, authorId: string, entry: OpinionEntry): OpinionDto {
  return {
    id: `${caseId}:${authorId}`,
    caseId,
    sessionId,
    authorId,
    authorName: entry.authorName,
    centerId: idOf(entry.centerId),
    specialty: entry.specialty,
    category: entry.category,
    stance: entry.stance,
    text: entry.text,
    published: entry.published === true,
    updatedAt: entry.updatedAt.toISOString(),
  };
}

/** The actor's own opinion in a case's opinions document. */
const mineIn = (doc: Parameters<typeof opinionsOf>[0], actor: Actor) => opinionsOf(doc).find((opinion) => opinion.authorId === actor.id);

/** Every opinion on a case, oldest change first. */
export function opinionsOf(doc: { _id: unknown; sessionId: unknown; byAuthor?: Record<string, OpinionEntry> } | null): OpinionDto[] {
  if (!doc) return [];
  return Object.entries(doc.byAuthor ?? {})
    .map(([authorId, entry]) => toOpinionDto(idOf(doc._id as string), idOf(doc.sessionId as string), authorId, entry))
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
}

/** Experts' opinions on the cases of a live session: drafts kept as typed, then published to the room. */
export class OpinionService {
  constructor(
    private readonly models: Pick<Models, 'caseOpinions' | 'cases'>,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(actor: Actor, sessionId: string, caseId: string): Promise<CaseOpinions> {
    await this.caseOf(sessionId, caseId);
    const opinions = opinionsOf(await this.read(caseId));
    return { opinions: opinions.filter((opinion) => opinion.published), mine: opinions.find((opinion) => opinion.authorId === actor.id) ?? null };
  }

  /** One atomic upsert per keystroke pause: the expert's single opinion document for the case. */
  async saveDraft(actor: Actor, sessionId: string, input: z.output<typeof saveOpinionDraftRequestSchema>): Promise<OpinionDto> {
    authorize(actor, 'opinions.give');
    await this.caseOf(sessionId, input.caseId);
    // A published opinion is read by the room as it changes: it may be edited, not emptied.
    if (input.text.trim().length < 3 && (await this.mine(input.caseId, actor))?.published) {
      throw new AppError('invalid_input', 'text: a published opinion cannot be emptied', 'text');
    }
    const entry = `byAuthor.${actor.id}`;
    const doc = await this.models.caseOpinions
      .findOneAndUpdate(
        { _id: input.caseId },
        {
          $set: {
            [`${entry}.category`]: input.category,
            [`${entry}.stance`]: input.stance,
            [`${entry}.text`]: input.text,
            [`${entry}.authorName`]: actor.name,
            [`${entry}.centerId`]: actor.centerId,
            [`${entry}.specialty`]: actor.specialty,
            [`${entry}.updatedAt`]: this.now(),
          },
          $setOnInsert: { sessionId },
        },
        { upsert: true, runValidators: true, returnDocument: 'after' },
      )
      .lean();
    return mineIn(doc, actor)!;
  }

  async publish(actor: Actor, sessionId: string, caseId: string): Promise<OpinionDto> {
    authorize(actor, 'opinions.give');
    await this.caseOf(sessionId, caseId);
    const draft = await this.mine(caseId, actor);
    if (!draft || draft.text.trim().length < 3) throw new AppError('invalid_input', 'text: write the opinion before publishing it', 'text');
    const doc = await this.models.caseOpinions.findOneAndUpdate({ _id: caseId }, { $set: { [`byAuthor.${actor.id}.published`]: true } }, { returnDocument: 'after' }).lean();
    const dto = mineIn(doc, actor)!;
    await this.audit.record(actor, 'publish', 'opinion', dto.id, `opinión sobre el caso ${caseId}`, { category: dto.category, stance: dto.stance });
    return dto;
  }

  private read(caseId: string) {
    return this.models.caseOpinions.findById(caseId).lean();
  }

  private async mine(caseId: string, actor: Actor): Promise<OpinionDto | undefined> {
    return mineIn(await this.read(caseId), actor);
  }

  private caseOf(sessionId: string, caseId: string): Promise<void> {
    return requireCaseOfSession(this.models.cases, sessionId, caseId);
  }
}
