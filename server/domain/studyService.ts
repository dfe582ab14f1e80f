import type { Readable } from 'node:stream';
import { Types } from 'mongoose';
import { can, canEverywhere, permissions } from '../../shared/permissions';
import { studyAttention, studyClock, studyTimeIssue, type StudyAttention, type StudyDto } from '../../shared/studies';
import type { SendStudyRequest } from '../../shared/studySchemas';
import type { FileStore } from '../db/fileStore';
import type { Models } from '../db/models';
import type { Study } from '../db/models/study';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { cleanFilename, type CaseDoc, type Download } from './caseService';
import { SNIFF_BYTES, sniffContentType } from './contentType';
import { idOf } from './documents';
import { AppError, forbidden, invalidField, notFound } from './errors';
import type { SessionService } from './sessionService';
import type { TurnaroundService } from './turnaroundService';
import { peekHead, withinUploadLimit } from './uploadStream';

type StudyDoc = Study & { _id: Types.ObjectId; createdAt: Date };

const isLaboratoryAccount = (actor: Actor) => actor.roles.includes('laboratory');
/** The attention list's order: what is already late, then what may be lost on the way, then what is due soon. */
const attentionRank: Record<StudyAttention, number> = { overdue: 0, not_received: 1, near_due: 2 };

/**
 * Studies of a case's sample at the network's reference laboratories, and their turnaround clocks.
 * The sending centre sends; the receipt and the result are recorded by the sending centre or by the
 * laboratory's own accounts, which see these studies and nothing else of the case.
 */
export class StudyService {
  constructor(
    private readonly models: Pick<Models, 'studies' | 'cases' | 'centers'>,
    private readonly files: FileStore,
    private readonly sessions: SessionService,
    private readonly turnarounds: TurnaroundService,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Sends a case's sample: whatever the state of its session (studies go on after the board). */
  async send(actor: Actor, caseId: string, request: SendStudyRequest): Promise<StudyDto> {
    const presented = await this.models.cases.findById(caseId, { sessionId: 1, centerId: 1, caseCode: 1 }).lean<Pick<CaseDoc, '_id' | 'sessionId' | 'centerId' | 'caseCode'>>();
    if (!presented) throw notFound('case');
    await this.sessions.requireVisible(actor, idOf(presented.sessionId));
    authorize(actor, 'studies.send', idOf(presented.centerId));
    const laboratory = await this.models.centers.findById(request.laboratoryId, { kind: 1, active: 1 }).lean();
    if (laboratory?.kind !== 'laboratory' || !laboratory.active) throw new AppError('invalid_input', 'laboratoryId: not a laboratory of the network', 'laboratoryId');
    const sentAt = new Date(request.sentAt);
    const issue = studyTimeIssue({ sentAt }, this.now());
    if (issue) throw invalidField(issue);
    const created = await this.models.studies.create({
      caseId: presented._id,
      caseCode: presented.caseCode,
      sessionId: presented.sessionId,
      sendingCenterId: presented.centerId,
      laboratoryId: request.laboratoryId,
      type: request.type,
      description: request.description,
      turnaround: await this.turnarounds.turnaroundFor(request.type, sentAt),
      sentAt,
      sentBy: actor.id,
    });
    const study = created.toObject<StudyDoc>();
    await this.audit.record(actor, 'create', 'study', idOf(study._id), `estudio ${request.type} del caso ${presented.caseCode}`, {
      caseId,
      laboratoryId: request.laboratoryId,
      type: request.type,
      sentAt: request.sentAt,
    });
    return (await this.dtos([study]))[0]!;
  }

  /** A case's studies, oldest first, for whoever sees the case. */
  async listForCase(actor: Actor, caseId: string): Promise<StudyDto[]> {
    const presented = await this.models.cases.findById(caseId, { sessionId: 1 }).lean<Pick<CaseDoc, '_id' | 'sessionId'>>();
    if (!presented) throw notFound('case');
    await this.sessions.requireVisible(actor, idOf(presented.sessionId));
    return this.dtos(await this.models.studies.find({ caseId: presented._id }).sort({ sentAt: 1 }).lean<StudyDoc[]>());
  }

  /** The studies of a session's cases, for whoever sees the session: by case code, then oldest first. */
  async listForSession(actor: Actor, sessionId: string): Promise<StudyDto[]> {
    await this.sessions.requireVisible(actor, sessionId);
    // A study keeps its case's session (a case never changes session): no need to list the cases first.
    const studies = await this.models.studies.find({ sessionId }).lean<StudyDoc[]>();
    studies.sort((a, b) => a.caseCode.localeCompare(b.caseCode) || a.sentAt.getTime() - b.sentAt.getTime());
    return this.dtos(studies);
  }

  /**
   * Studies past or near their turnaround, or not received: the network's for a coordinator, those
   * the actor's centre sent for a presenter. Overdue first, then not received, then near due; oldest sent first within.
   */
  async attention(actor: Actor): Promise<StudyDto[]> {
    authorize(actor, 'pathway.watch');
    const scope = canEverywhere(actor, 'pathway.watch') ? {} : { sendingCenterId: actor.centerId };
    const pending = await this.models.studies
      .find({ ...scope, resultedAt: null })
      .sort({ sentAt: 1 })
      .lean<StudyDoc[]>();
    const listed = (await this.dtos(pending)).filter((study) => study.attention);
    // A stable sort keeps the oldest first within each kind.
    return listed.sort((a, b) => attentionRank[a.attention!] - attentionRank[b.attention!]);
  }

  /**
   * Every study of the network that is late at `now`: past its turnaround without a result, or its
   * sample not received at the laboratory days after it was sent (for the notices' sweep, which
   * reads for nobody in particular).
   */
  async late(now: Date): Promise<StudyDto[]> {
    const waiting = await this.models.studies.find({ resultedAt: null }).lean<StudyDoc[]>();
    return (await this.dtos(waiting, now)).filter((study) => study.attention === 'overdue' || study.attention === 'not_received');
  }

  /** The studies sent to the actor's laboratory, newest first. */
  async inbox(actor: Actor): Promise<StudyDto[]> {
    authorize(actor, 'studies.inbox');
    return this.dtos(await this.models.studies.find({ laboratoryId: actor.centerId }).sort({ sentAt: -1 }).lean<StudyDoc[]>());
  }

  /** The laboratory received the sample: the clock starts. Changeable until the result is recorded. */
  async recordReceipt(actor: Actor, id: string, receivedAt: string): Promise<StudyDto> {
    const study = await this.recordable(actor, id);
    if (study.resultedAt) throw new AppError('conflict', 'the result is already recorded: the receipt no longer changes');
    const at = new Date(receivedAt);
    const issue = studyTimeIssue({ sentAt: study.sentAt, receivedAt: at }, this.now());
    if (issue) throw invalidField(issue);
    return this.write(actor, study, { resultedAt: null }, { receivedAt: at, receivedBy: actor.id }, { receivedAt });
  }

  /** The laboratory's result; only after its receipt. */
  async recordResult(actor: Actor, id: string, result: { resultedAt: string; summary: string }): Promise<StudyDto> {
    const study = await this.recordable(actor, id);
    if (!study.receivedAt) throw new AppError('conflict', 'record the laboratory’s receipt before its result', 'resultedAt');
    const at = new Date(result.resultedAt);
    const issue = studyTimeIssue({ sentAt: study.sentAt, receivedAt: study.receivedAt, resultedAt: at }, this.now());
    if (issue) throw invalidField(issue);
    return this.write(actor, study, { receivedAt: study.receivedAt }, { resultedAt: at, resultedBy: actor.id, summary: result.summary }, result);
  }

  /** Stores the laboratory's report, a PDF told from its bytes, once the result is recorded; it replaces an earlier one. */
  async attachReport(actor: Actor, id: string, upload: Readable, filename: string, maxBytes: number): Promise<StudyDto> {
    const study = await this.recordable(actor, id);
    if (!study.resultedAt) throw new AppError('conflict', 'record the result before attaching its report');
    const { head, body } = await peekHead(upload, SNIFF_BYTES);
    if (sniffContentType(head) !== 'application/pdf') throw new AppError('unsupported_type', 'a study’s report must be a PDF (checked from the content)', 'file', 'report_not_pdf');
    const name = cleanFilename(filename);
    const stored = await withinUploadLimit(this.files.write(body, name, maxBytes, { studyId: id }), maxBytes);
    const report = { fileId: stored.fileId, filename: name, size: stored.size, sha256: stored.sha256, uploadedAt: this.now(), uploadedBy: new Types.ObjectId(actor.id) };
    const before = study.report?.fileId ?? null;
    const updated = await this.models.studies.findOneAndUpdate({ _id: study._id, 'report.fileId': before }, { $set: { report } }, { returnDocument: 'after' }).lean<StudyDoc>();
    if (!updated) {
      await this.files.remove(stored.fileId);
      throw new AppError('conflict', 'someone else changed this study’s report meanwhile; reload');
    }
    if (before) await this.files.remove(before);
    await this.audit.record(actor, 'attach', 'study', id, `informe ${name}`, { sha256: stored.sha256, size: stored.size, replaced: Boolean(before) });
    return (await this.dtos([updated]))[0]!;
  }

  async downloadReport(actor: Actor, id: string): Promise<Download> {
    const study = await this.readable(actor, id);
    const report = study.report;
    if (!report) throw notFound('report');
    return {
      attachment: { filename: report.filename, contentType: 'application/pdf', size: report.size, sha256: report.sha256 },
      open: (range) => this.files.read(report.fileId, range),
    };
  }

  private async find(id: string): Promise<StudyDoc> {
    const study = await this.models.studies.findById(id).lean<StudyDoc>();
    if (!study) throw notFound('study');
    return study;
  }

  /** A laboratory account reads its laboratory's studies; everyone else, the studies of the cases they see. */
  private async readable(actor: Actor, id: string): Promise<StudyDoc> {
    const study = await this.find(id);
    if (isLaboratoryAccount(actor)) {
      if (idOf(study.laboratoryId) !== actor.centerId) throw forbidden('this study was sent to another laboratory');
    } else {
      await this.sessions.requireVisible(actor, idOf(study.sessionId));
    }
    return study;
  }

  /** The sending centre, the study's laboratory and coordinators record its receipt and result. */
  private async recordable(actor: Actor, id: string): Promise<StudyDoc> {
    const study = await this.readable(actor, id);
    const mayRecord = can(actor, 'studies.record', idOf(study.laboratoryId)) || can(actor, 'studies.record', idOf(study.sendingCenterId));
    if (!mayRecord) throw forbidden(permissions['studies.record'].refusal);
    return study;
  }

  /** Writes `changes` only if what they were checked against (`unchanged`) still holds, and audits them. */
  private async write(actor: Actor, study: StudyDoc, unchanged: Record<string, unknown>, changes: Record<string, unknown>, audited: Record<string, unknown>): Promise<StudyDto> {
    const updated = await this.models.studies.findOneAndUpdate({ _id: study._id, ...unchanged }, { $set: changes }, { returnDocument: 'after' }).lean<StudyDoc>();
    if (!updated) throw new AppError('conflict', 'someone else changed this study meanwhile; reload');
    await this.audit.record(actor, 'update', 'study', idOf(study._id), `estudio ${study.type} del caso ${study.caseCode}`, audited);
    return (await this.dtos([updated]))[0]!;
  }

  private async dtos(studies: readonly StudyDoc[], now = this.now()): Promise<StudyDto[]> {
    const centerIds = [...new Set(studies.flatMap((study) => [idOf(study.sendingCenterId), idOf(study.laboratoryId)]))];
    const centers = centerIds.length ? await this.models.centers.find({ _id: { $in: centerIds } }, { name: 1 }).lean() : [];
    const nameOf = new Map(centers.map((center) => [idOf(center._id), center.name]));
    const orNull = (id: Types.ObjectId | null | undefined) => (id ? idOf(id) : null);
    return studies.map((study) => {
      const times = { sentAt: study.sentAt, receivedAt: study.receivedAt ?? null, resultedAt: study.resultedAt ?? null };
      const clock = studyClock(times, study.turnaround, now);
      return {
        id: idOf(study._id),
        caseId: idOf(study.caseId),
        caseCode: study.caseCode,
        sendingCenterId: idOf(study.sendingCenterId),
        sendingCenterName: nameOf.get(idOf(study.sendingCenterId)) ?? '',
        laboratoryId: idOf(study.laboratoryId),
        laboratoryName: nameOf.get(idOf(study.laboratoryId)) ?? '',
        type: study.type,
        description: study.description,
        turnaround: { amount: study.turnaround.amount, unit: study.turnaround.unit },
        sentAt: study.sentAt.toISOString(),
        sentBy: idOf(study.sentBy),
        receivedAt: study.receivedAt?.toISOString() ?? null,
        receivedBy: orNull(study.receivedBy),
        resultedAt: study.resultedAt?.toISOString() ?? null,
        resultedBy: orNull(study.resultedBy),
        summary: study.summary,
        report: study.report ? { id: idOf(study.report.fileId), filename: study.report.filename, size: study.report.size, sha256: study.report.sha256 } : null,
        clock,
        attention: studyAttention(times, clock, now),
      };
    });
  }
}
