import type { Types } from 'mongoose';
import { quorumOf, type Quorum, type RecommendationDto } from '../../shared/opinions';
import { DEFAULT_QUORUM_BY_KIND } from '../../shared/sessions';
import type { Models } from '../db/models';
import type { Recommendation } from '../db/models/recommendation';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { requireCaseOfSession } from './caseOfSession';
import { isDuplicateKey } from '../db/failures';
import { idOf } from './documents';
import { AppError, notFound } from './errors';

type RecommendationDoc = Recommendation & { _id: Types.ObjectId };

/** The quorum as it was when the recommendation was confirmed; null before. */
export function storedQuorum(doc: Pick<Recommendation, 'quorumSpecialties' | 'quorumRequired'>): Quorum | null {
  const required = doc.quorumRequired;
  if (required === undefined || required === null) return null;
  const specialties = doc.quorumSpecialties ?? [];
  return { specialties, required, met: specialties.length >= required };
}

function toDto(doc: RecommendationDoc): RecommendationDto {
  const quorum = storedQuorum(doc);
  return {
    caseId: idOf(doc.caseId),
    sessionId: idOf(doc.sessionId),
    text: doc.text,
    status: doc.status,
    version: doc.version,
    proposedBy: idOf(doc.proposedBy),
    confirmedAt: doc.confirmedAt?.toISOString() ?? null,
    quorum,
  };
}

/**
 * The coordinator proposes the board's recommendation (everyone reads it back), then confirms it,
 * knowingly when the specialties present fall short of the quorum. Confirmed means final here;
 * corrections belong to the minutes.
 */
export class RecommendationService {
  constructor(
    private readonly models: Pick<Models, 'recommendations' | 'cases' | 'sessions'>,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(sessionId: string, caseId: string): Promise<RecommendationDto | null> {
    await this.caseOf(sessionId, caseId);
    const doc = await this.models.recommendations.findById(caseId).lean<RecommendationDoc>();
    return doc ? toDto(doc) : null;
  }

  async propose(actor: Actor, sessionId: string, caseId: string, text: string): Promise<RecommendationDto> {
    authorize(actor, 'recommendations.record');
    await this.caseOf(sessionId, caseId);
    const doc = await this.models.recommendations
      .findOneAndUpdate(
        { _id: caseId, status: { $ne: 'confirmed' } },
        { $set: { text: text.trim(), proposedBy: actor.id, sessionId, caseId, status: 'proposed' }, $inc: { version: 1 } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<RecommendationDoc>()
      .catch((error: unknown) => {
        // The upsert collides with the confirmed document: that case is closed.
        if (isDuplicateKey(error)) throw new AppError('conflict', 'the recommendation for this case is already confirmed');
        throw error;
      });
    await this.audit.record(actor, 'propose', 'recommendation', caseId, 'recomendación propuesta', { text });
    return toDto(doc);
  }

  /** `present` are the people in the room now: the quorum is the server's own count against the session's setting. */
  async confirm(actor: Actor, sessionId: string, caseId: string, version: number, present: Parameters<typeof quorumOf>[0], withoutQuorum: boolean): Promise<RecommendationDto> {
    authorize(actor, 'recommendations.record');
    await this.caseOf(sessionId, caseId);
    const session = await this.models.sessions.findById(sessionId, { kind: 1, quorumSpecialties: 1 }).lean();
    if (!session) throw notFound('session');
    const quorum = quorumOf(present, session.quorumSpecialties ?? DEFAULT_QUORUM_BY_KIND[session.kind]);
    if (!quorum.met && !withoutQuorum) {
      throw new AppError('conflict', `quorum not met: ${quorum.specialties.length} of ${quorum.required} specialties present`, 'quorum');
    }
    const doc = await this.models.recommendations
      .findOneAndUpdate(
        { _id: caseId, version, status: 'proposed' },
        {
          $set: { status: 'confirmed', confirmedBy: actor.id, confirmedAt: this.now(), quorumSpecialties: quorum.specialties, quorumRequired: quorum.required },
          $inc: { version: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<RecommendationDoc>();
    if (!doc) throw new AppError('conflict', 'the recommendation changed since it was read back; read the new text and confirm again', 'version');
    await this.audit.record(actor, 'confirm', 'recommendation', caseId, 'recomendación confirmada', { quorum, withoutQuorum });
    return toDto(doc);
  }

  private caseOf(sessionId: string, caseId: string): Promise<void> {
    return requireCaseOfSession(this.models.cases, sessionId, caseId);
  }
}
