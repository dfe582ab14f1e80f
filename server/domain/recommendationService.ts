import type { Types } from 'mongoose';
import type { Quorum, RecommendationDto } from '../../shared/opinions';
import type { Models } from '../db/models';
import type { Recommendation } from '../db/models/recommendation';
import { hasRole, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { requireCaseOfSession } from './caseOfSession';
import { idOf } from './documents';
import { AppError, forbidden } from './errors';

type RecommendationDoc = Recommendation & { _id: Types.ObjectId };

function toDto(doc: RecommendationDoc): RecommendationDto {
  const quorum =
    doc.quorumRequired === undefined || doc.quorumRequired === null
      ? null
      : { specialties: doc.quorumSpecialties ?? [], required: doc.quorumRequired, met: (doc.quorumSpecialties?.length ?? 0) >= doc.quorumRequired };
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
    private readonly models: Pick<Models, 'recommendations' | 'cases'>,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(sessionId: string, caseId: string): Promise<RecommendationDto | null> {
    await this.caseOf(sessionId, caseId);
    const doc = await this.models.recommendations.findOne({ caseId }).lean<RecommendationDoc>();
    return doc ? toDto(doc) : null;
  }

  async propose(actor: Actor, sessionId: string, caseId: string, text: string): Promise<RecommendationDto> {
    this.requireCoordinator(actor);
    await this.caseOf(sessionId, caseId);
    const doc = await this.models.recommendations
      .findOneAndUpdate(
        { caseId, status: { $ne: 'confirmed' } },
        { $set: { text: text.trim(), proposedBy: actor.id, sessionId, status: 'proposed' }, $inc: { version: 1 } },
        { upsert: true, new: true },
      )
      .lean<RecommendationDoc>()
      .catch((error: unknown) => {
        // The upsert collides with the confirmed document: that case is closed.
        if ((error as { code?: number }).code === 11000) throw new AppError('conflict', 'the recommendation for this case is already confirmed');
        throw error;
      });
    await this.audit.record(actor, 'propose', 'recommendation', caseId, 'recomendación propuesta', { text });
    return toDto(doc!);
  }

  async confirm(actor: Actor, sessionId: string, caseId: string, version: number, quorum: Quorum, withoutQuorum: boolean): Promise<RecommendationDto> {
    this.requireCoordinator(actor);
    await this.caseOf(sessionId, caseId);
    if (!quorum.met && !withoutQuorum) {
      throw new AppError('conflict', `quorum not met: ${quorum.specialties.length} of ${quorum.required} specialties present`, 'quorum');
    }
    const doc = await this.models.recommendations
      .findOneAndUpdate(
        { caseId, version, status: 'proposed' },
        {
          $set: { status: 'confirmed', confirmedBy: actor.id, confirmedAt: this.now(), quorumSpecialties: quorum.specialties, quorumRequired: quorum.required },
          $inc: { version: 1 },
        },
        { new: true },
      )
      .lean<RecommendationDoc>();
    if (!doc) throw new AppError('conflict', 'the recommendation changed since it was read back; read the new text and confirm again', 'version');
    await this.audit.record(actor, 'confirm', 'recommendation', caseId, 'recomendación confirmada', { quorum, withoutQuorum });
    return toDto(doc);
  }

  private requireCoordinator(actor: Actor): void {
    if (!hasRole(actor, 'coordinator')) throw forbidden('only the coordinator records the board’s recommendation');
  }

  private caseOf(sessionId: string, caseId: string): Promise<void> {
    return requireCaseOfSession(this.models.cases, sessionId, caseId);
  }
}
