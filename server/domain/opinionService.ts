import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { CaseOpinions, OpinionDto, saveOpinionDraftRequestSchema } from '../../shared/opinions';
import type { Models } from '../db/models';
import type { Opinion } from '../db/models/opinion';
import { hasRole, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { requireCaseOfSession } from './caseOfSession';
import { idOf } from './documents';
import { AppError, forbidden } from './errors';

type OpinionDoc = Opinion & { _id: Types.ObjectId; updatedAt: Date };

function toOpinionDto(doc: OpinionDoc): OpinionDto {
  return {
    id: idOf(doc._id),
    caseId: idOf(doc.caseId),
    sessionId: idOf(doc.sessionId),
    authorId: idOf(doc.authorId),
    authorName: doc.authorName,
    centerId: idOf(doc.centerId),
    specialty: doc.specialty,
    category: doc.category,
    stance: doc.stance,
    text: doc.text,
    published: doc.published,
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** Experts' opinions on the cases of a live session: drafts kept as typed, then published to the room. */
export class OpinionService {
  constructor(
    private readonly models: Pick<Models, 'opinions' | 'cases'>,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: Actor, sessionId: string, caseId: string): Promise<CaseOpinions> {
    await this.caseOf(sessionId, caseId);
    const docs = await this.models.opinions.find({ caseId }).sort({ updatedAt: 1 }).lean<OpinionDoc[]>();
    const mine = docs.find((doc) => idOf(doc.authorId) === actor.id);
    return { opinions: docs.filter((doc) => doc.published).map(toOpinionDto), mine: mine ? toOpinionDto(mine) : null };
  }

  /** One atomic upsert per keystroke pause: the expert's single opinion document for the case. */
  async saveDraft(actor: Actor, sessionId: string, input: z.output<typeof saveOpinionDraftRequestSchema>): Promise<OpinionDto> {
    if (!hasRole(actor, 'expert')) throw forbidden('only experts give opinions');
    await this.caseOf(sessionId, input.caseId);
    // A published opinion is read by the room as it changes: it may be edited, not emptied.
    if (input.text.trim().length < 3 && (await this.models.opinions.exists({ caseId: input.caseId, authorId: actor.id, published: true }))) {
      throw new AppError('invalid_input', 'text: a published opinion cannot be emptied', 'text');
    }
    const doc = await this.models.opinions
      .findOneAndUpdate(
        { caseId: input.caseId, authorId: actor.id },
        {
          $set: { category: input.category, stance: input.stance, text: input.text, authorName: actor.name, centerId: actor.centerId, specialty: actor.specialty },
          $setOnInsert: { sessionId, published: false },
        },
        { upsert: true, returnDocument: 'after', runValidators: true },
      )
      .lean<OpinionDoc>();
    return toOpinionDto(doc!);
  }

  async publish(actor: Actor, sessionId: string, caseId: string): Promise<OpinionDto> {
    if (!hasRole(actor, 'expert')) throw forbidden('only experts give opinions');
    await this.caseOf(sessionId, caseId);
    const draft = await this.models.opinions.findOne({ caseId, authorId: actor.id }).lean<OpinionDoc>();
    if (!draft || draft.text.trim().length < 3) throw new AppError('invalid_input', 'text: write the opinion before publishing it', 'text');
    const doc = await this.models.opinions.findOneAndUpdate({ _id: draft._id }, { $set: { published: true } }, { returnDocument: 'after' }).lean<OpinionDoc>();
    const dto = toOpinionDto(doc!);
    await this.audit.record(actor, 'publish', 'opinion', dto.id, `opinión sobre el caso ${caseId}`, { category: dto.category, stance: dto.stance });
    return dto;
  }

  private caseOf(sessionId: string, caseId: string): Promise<void> {
    return requireCaseOfSession(this.models.cases, sessionId, caseId);
  }
}
