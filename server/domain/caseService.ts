import { canEverywhere } from '../../shared/permissions';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Types } from 'mongoose';
import type { z } from 'zod';
import { blankCoding, codingIssues, type AttachmentContentType, type AttachmentDto, type CaseDto, type CaseFields } from '../../shared/cases';
import type { caseUpdateWithoutIdentity } from '../../shared/caseRules';
import { caseCutoffFor, takesPart } from '../../shared/sessions';
import type { FileStore } from '../db/fileStore';
import { FileTooLargeError } from '../db/fileStore';
import type { Models } from '../db/models';
import type { Case } from '../db/models/case';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { sniffContentType } from './contentType';
import { duplicateKeyError, idOf } from './documents';
import { AppError, conflictBecause, forbidden, notFound } from './errors';
import type { SessionDoc, SessionService } from './sessionService';

type CaseDoc = Case & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
const MAX_ATTACHMENTS = 30;

interface StoredAttachment {
  fileId: Types.ObjectId;
  filename: string;
  contentType: AttachmentContentType;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: Types.ObjectId;
}

function toAttachmentDto(attachment: StoredAttachment): AttachmentDto {
  return {
    id: idOf(attachment.fileId),
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
    uploadedAt: attachment.uploadedAt.toISOString(),
    uploadedBy: idOf(attachment.uploadedBy),
  };
}

export function toCaseDto(doc: CaseDoc): CaseDto {
  const { _id, sessionId, centerId, createdBy, attachments, createdAt, updatedAt, ...fields } = doc;
  return {
    ...blankCoding,
    ...(fields as CaseFields & { version: number }),
    id: idOf(_id),
    sessionId: idOf(sessionId),
    centerId: idOf(centerId),
    createdBy: idOf(createdBy),
    attachments: attachments.map(toAttachmentDto),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** Refuses a case whose staging does not fit its diagnosis, or whose morphology lacks its behaviour (as it would be stored). */
function requireCoherentCoding(fields: Partial<CaseFields>): void {
  const issue = codingIssues(fields)[0];
  if (issue) throw new AppError('invalid_input', `${issue.field}: ${issue.message}`, issue.field);
}

/** A file name safe to show and to send back in Content-Disposition. */
function cleanFilename(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return (base || 'archivo').slice(0, 200);
}

export interface Download {
  attachment: AttachmentDto;
  /** Opens the bytes [start, end] (inclusive), or the whole file. */
  open: (range?: { start: number; end: number }) => Readable;
}

/** Cases presented at sessions and their files: presenters edit their centre's cases until the cut-off. */
export class CaseService {
  constructor(
    private readonly models: Pick<Models, 'cases' | 'sessions'>,
    private readonly files: FileStore,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async listForSession(actor: Actor, sessionId: string): Promise<CaseDto[]> {
    await this.sessions.visible(actor, sessionId);
    const cases = await this.models.cases.find({ sessionId }).sort({ createdAt: 1 }).lean<CaseDoc[]>();
    return cases.map(toCaseDto);
  }

  async get(actor: Actor, id: string): Promise<CaseDto> {
    const doc = await this.find(id);
    await this.sessions.visible(actor, idOf(doc.sessionId));
    return toCaseDto(doc);
  }

  async create(actor: Actor, sessionId: string, fields: CaseFields): Promise<CaseDto> {
    const session = await this.sessions.visible(actor, sessionId);
    authorize(actor, 'cases.submit');
    if (!takesPart(session, actor.centerId)) {
      throw forbidden('your centre does not take part in this session');
    }
    if (session.kind !== 'case_review') throw new AppError('conflict', 'cases are presented only in case-review sessions');
    this.requireOpen(session);
    requireCoherentCoding(fields);
    try {
      const created = await this.models.cases.create({ ...fields, sessionId, centerId: actor.centerId, createdBy: actor.id });
      const dto = toCaseDto(created.toObject<CaseDoc>());
      await this.audit.record(actor, 'create', 'case', dto.id, `caso ${dto.caseCode}`, { sessionId, icd10Code: fields.icd10Code });
      await this.sessions.announce(sessionId, 'cases', actor);
      return dto;
    } catch (error) {
      throw duplicateKeyError(error, 'caseCode', `a case with code ${fields.caseCode} in this session`) ?? error;
    }
  }

  async update(actor: Actor, id: string, input: z.output<typeof caseUpdateWithoutIdentity>): Promise<CaseDto> {
    const { version, ...fields } = input;
    const doc = await this.editable(actor, id);
    requireCoherentCoding({ ...toCaseDto(doc), ...fields });
    try {
      const updated = await this.models.cases
        .findOneAndUpdate({ _id: doc._id, version }, { $set: fields, $inc: { version: 1 } }, { returnDocument: 'after', runValidators: true })
        .lean<CaseDoc>();
      if (!updated) throw new AppError('conflict', 'someone else changed this case meanwhile; reload it to see their changes', 'version');
      await this.audit.record(actor, 'update', 'case', id, `caso ${updated.caseCode}`, { fields: Object.keys(fields) });
      await this.sessions.announce(idOf(updated.sessionId), 'cases', actor);
      return toCaseDto(updated);
    } catch (error) {
      throw duplicateKeyError(error, 'caseCode', `a case with code ${fields.caseCode} in this session`) ?? error;
    }
  }

  /** Removes the case, then its files: a file left by a failure is unreachable, never a dangling link. */
  async remove(actor: Actor, id: string): Promise<void> {
    // Coordinators remove any case at any time; presenters their centre's, while cases may still change.
    const doc = canEverywhere(actor, 'cases.remove') ? await this.find(id) : await this.editable(actor, id);
    await this.models.cases.deleteOne({ _id: doc._id });
    for (const attachment of doc.attachments) await this.files.remove(attachment.fileId);
    await this.audit.record(actor, 'delete', 'case', id, `caso ${doc.caseCode}`, { files: doc.attachments.length });
    await this.sessions.announce(idOf(doc.sessionId), 'cases', actor);
  }

  async attach(actor: Actor, id: string, body: Readable, filename: string, maxBytes: number): Promise<AttachmentDto> {
    const doc = await this.editable(actor, id);
    const full = () => new AppError('conflict', `a case holds at most ${MAX_ATTACHMENTS} files`);
    if (doc.attachments.length >= MAX_ATTACHMENTS) throw full();
    const name = cleanFilename(filename);
    let stored;
    try {
      stored = await this.files.write(body, name, maxBytes, { caseId: id });
    } catch (error) {
      if (error instanceof FileTooLargeError) throw new AppError('too_large', `the file is larger than ${Math.round(maxBytes / 2 ** 20)} MB`, 'file');
      throw error;
    }
    const contentType = sniffContentType(stored.head);
    if (!contentType) {
      await this.files.remove(stored.fileId);
      throw new AppError('unsupported_type', 'only PDF, PNG and JPEG files are accepted (checked from the content)', 'file');
    }
    const attachment: StoredAttachment = {
      fileId: stored.fileId,
      filename: name,
      contentType,
      size: stored.size,
      sha256: stored.sha256,
      uploadedAt: this.now(),
      uploadedBy: new Types.ObjectId(actor.id),
    };
    // mongoose types $push on a document array as a hydrated subdocument; a plain object is what is stored.
    const push = { attachments: attachment as never };
    // The limit is part of the write (the last allowed slot still empty), so uploads in parallel meet it too.
    const result = await this.models.cases.updateOne({ _id: doc._id, [`attachments.${MAX_ATTACHMENTS - 1}`]: { $exists: false } }, { $push: push, $inc: { version: 1 } });
    if (result.matchedCount === 0) {
      await this.files.remove(stored.fileId);
      throw (await this.models.cases.exists({ _id: doc._id })) ? full() : notFound('case');
    }
    await this.audit.record(actor, 'attach', 'case', id, `archivo ${name}`, { sha256: stored.sha256, size: stored.size, contentType });
    await this.sessions.announce(idOf(doc.sessionId), 'cases', actor);
    return toAttachmentDto(attachment);
  }

  async detach(actor: Actor, id: string, fileId: string): Promise<void> {
    const doc = await this.editable(actor, id);
    const attachment = doc.attachments.find((candidate) => idOf(candidate.fileId) === fileId);
    if (!attachment) throw notFound('file');
    await this.models.cases.updateOne({ _id: doc._id }, { $pull: { attachments: { fileId: attachment.fileId } }, $inc: { version: 1 } });
    await this.files.remove(attachment.fileId);
    await this.audit.record(actor, 'detach', 'case', id, `archivo ${attachment.filename}`, { sha256: attachment.sha256 });
    await this.sessions.announce(idOf(doc.sessionId), 'cases', actor);
  }

  async download(actor: Actor, id: string, fileId: string): Promise<Download> {
    const attachment = (await this.get(actor, id)).attachments.find((candidate) => candidate.id === fileId);
    if (!attachment) throw notFound('file');
    return { attachment, open: (range) => this.files.read(new Types.ObjectId(fileId), range) };
  }

  private async find(id: string): Promise<CaseDoc> {
    const doc = await this.models.cases.findById(id).lean<CaseDoc>();
    if (!doc) throw notFound('case');
    return doc;
  }

  /** Presenters change their own centre's cases while the session is scheduled and before its cut-off. */
  private async editable(actor: Actor, id: string): Promise<CaseDoc> {
    const doc = await this.find(id);
    authorize(actor, 'cases.edit', idOf(doc.centerId));
    this.requireOpen(await this.sessions.visible(actor, idOf(doc.sessionId)));
    return doc;
  }

  private requireOpen(session: SessionDoc): void {
    if (session.status !== 'scheduled') throw new AppError('conflict', `the session is ${session.status}`);
    const cutoff = caseCutoffFor(session.startsAt, session.caseCutoffHours);
    if (this.now() >= cutoff) {
      throw conflictBecause(
        'cutoff_passed',
        `the case cut-off of this session passed at ${cutoff.toISOString()}: cases can no longer be added or changed; a coordinator may move the cut-off`,
      );
    }
  }
}
