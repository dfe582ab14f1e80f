import { canEverywhere } from '../../shared/permissions';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Types } from 'mongoose';
import type { z } from 'zod';
import { blankCoding, codingIssues, type AttachmentContentType, type AttachmentDto, type CaseDto, type CaseFields } from '../../shared/cases';
import type { DicomBlankedItem } from '../../shared/dicom';
import type { caseUpdateWithoutIdentity } from '../../shared/caseRules';
import { takesPart } from '../../shared/participation';
import { blankPathway } from '../../shared/pathway';
import { caseCutoffFor, takesCases } from '../../shared/sessions';
import type { FileStore } from '../db/fileStore';
import type { Models } from '../db/models';
import type { Case } from '../db/models/case';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { SNIFF_BYTES, sniffContentType } from './contentType';
import { deidentifyDicom, type DicomSliceInfo } from './dicomDeidentify';
import { inSeries, seriesDigest, seriesName, seriesSize, sliceFilename, toSeriesDto, withSlice, type StoredSeries, type StoredSlice } from './dicomSeries';
import { duplicateKeyError, idOf } from './documents';
import { AppError, conflictBecause, forbidden, invalidField, notFound } from './errors';
import type { SessionDoc, SessionService } from './sessionService';
import { peekHead, readWhole, withinUploadLimit } from './uploadStream';

export type CaseDoc = Case & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
const MAX_ATTACHMENTS = 30;
/** Files of one DICOM series: a long CT, with room to spare. */
const MAX_SERIES_FILES = 2000;
/** Tries at writing a case's attachments while other uploads or removals change the same case. */
const ATTACHMENT_WRITE_ATTEMPTS = 10;

interface StoredAttachment {
  fileId: Types.ObjectId;
  filename: string;
  contentType: AttachmentContentType;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: Types.ObjectId;
  series?: StoredSeries | null;
}

/** Refuses a file already in its series (the same SOP Instance UID), or one more than a series holds. */
function requireRoomInSeries(series: StoredSeries, info: DicomSliceInfo): void {
  if (series.slices.some((candidate) => candidate.sopInstanceUid === info.sopInstanceUid)) {
    throw new AppError('conflict', 'this DICOM image (same SOP Instance UID) is already in its series', 'file', 'dicom_duplicate');
  }
  if (series.slices.length >= MAX_SERIES_FILES) throw new AppError('conflict', `a DICOM series holds at most ${MAX_SERIES_FILES} files`);
}

/** Where the attachment of the file's series is among `attachments`; -1 for a new series. */
const indexOfSeries = (attachments: StoredAttachment[], info: DicomSliceInfo): number =>
  attachments.findIndex((candidate) => !!candidate.series && inSeries(candidate.series, info));

/** The stored files behind an attachment: itself, or a series' files. */
const storedFileIds = (attachment: StoredAttachment): Types.ObjectId[] => (attachment.series ? attachment.series.slices.map((slice) => slice.fileId) : [attachment.fileId]);

function toAttachmentDto(attachment: StoredAttachment): AttachmentDto {
  return {
    id: idOf(attachment.fileId),
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
    uploadedAt: attachment.uploadedAt.toISOString(),
    uploadedBy: idOf(attachment.uploadedBy),
    ...(attachment.series ? { series: toSeriesDto(attachment.series) } : {}),
  };
}

export function toCaseDto(doc: CaseDoc): CaseDto {
  const { _id, sessionId, centerId, createdBy, attachments, pathway, createdAt, updatedAt, ...fields } = doc;
  return {
    ...blankCoding,
    ...(fields as CaseFields & { version: number }),
    // Cases saved before the pathway was kept read blank.
    pathway: { ...blankPathway, ...pathway },
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
  if (issue) throw invalidField(issue);
}

/** A file name safe to show and to send back in Content-Disposition. */
export function cleanFilename(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return (base || 'archivo').slice(0, 200);
}

/** An upload as stored; for a DICOM file, also what was blanked from it. */
export interface Attached {
  attachment: AttachmentDto;
  blanked?: DicomBlankedItem[];
}

export interface Download {
  attachment: Pick<AttachmentDto, 'filename' | 'contentType' | 'size' | 'sha256'>;
  /** Opens the bytes [start, end] (inclusive), or the whole file. */
  open: (range?: { start: number; end: number }) => Readable;
}

/** Cases presented at sessions and their files: presenters edit their centre's cases until the cut-off. */
export class CaseService {
  constructor(
    private readonly models: Pick<Models, 'cases' | 'sessions' | 'studies' | 'centers'>,
    private readonly files: FileStore,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async listForSession(actor: Actor, sessionId: string): Promise<CaseDto[]> {
    await this.sessions.requireVisible(actor, sessionId);
    const cases = await this.models.cases.find({ sessionId }).sort({ createdAt: 1 }).lean<CaseDoc[]>();
    return cases.map(toCaseDto);
  }

  async get(actor: Actor, id: string): Promise<CaseDto> {
    const doc = await this.find(id);
    await this.sessions.requireVisible(actor, idOf(doc.sessionId));
    return toCaseDto(doc);
  }

  async create(actor: Actor, sessionId: string, fields: CaseFields): Promise<CaseDto> {
    const session = await this.sessions.visible(actor, sessionId);
    authorize(actor, 'cases.submit');
    if (!takesCases(session)) throw conflictBecause('no_cases', 'a working-group meeting takes no cases: no patient’s data is shown there');
    if (!takesPart(session, actor.centerId)) {
      throw forbidden('your centre does not take part in this session');
    }
    // An office (a state's health services) attends and answers for agreements; patients are presented by hospitals.
    if (await this.models.centers.exists({ _id: actor.centerId, kind: 'office' })) throw forbidden('an office presents no cases');
    if (session.kind !== 'case_review') throw new AppError('conflict', 'cases are presented only in case-review sessions');
    this.requireOpen(session);
    requireCoherentCoding(fields);
    try {
      const created = await this.models.cases.create({ ...fields, sessionId, centerId: actor.centerId, createdBy: actor.id });
      const dto = toCaseDto(created.toObject<CaseDoc>());
      await this.audit.record(actor, 'create', 'case', dto.id, `caso ${dto.caseCode}`, { sessionId, icd10Code: fields.icd10Code });
      await this.sessions.announce(session, 'cases', actor);
      return dto;
    } catch (error) {
      throw duplicateKeyError(error, 'caseCode', `a case with code ${fields.caseCode} in this session`) ?? error;
    }
  }

  async update(actor: Actor, id: string, input: z.output<typeof caseUpdateWithoutIdentity>): Promise<CaseDto> {
    const { version, ...fields } = input;
    const { doc, session } = await this.editable(actor, id);
    requireCoherentCoding({ ...toCaseDto(doc), ...fields });
    try {
      const updated = await this.models.cases
        .findOneAndUpdate({ _id: doc._id, version }, { $set: fields, $inc: { version: 1 } }, { returnDocument: 'after', runValidators: true })
        .lean<CaseDoc>();
      if (!updated) throw new AppError('conflict', 'someone else changed this case meanwhile; reload it to see their changes', 'version');
      await this.audit.record(actor, 'update', 'case', id, `caso ${updated.caseCode}`, { fields: Object.keys(fields) });
      await this.sessions.announce(session, 'cases', actor);
      return toCaseDto(updated);
    } catch (error) {
      throw duplicateKeyError(error, 'caseCode', `a case with code ${fields.caseCode} in this session`) ?? error;
    }
  }

  /** Removes the case, then its files: a file left by a failure is unreachable, never a dangling link. */
  async remove(actor: Actor, id: string): Promise<void> {
    // Coordinators remove any case at any time; presenters their centre's, while cases may still change.
    const { doc, session } = canEverywhere(actor, 'cases.remove') ? { doc: await this.find(id), session: undefined } : await this.editable(actor, id);
    // A study is already at a laboratory (and may be timed in reports): removing the case would orphan it.
    if (await this.models.studies.exists({ caseId: doc._id })) throw conflictBecause('case_has_studies', 'the case has laboratory studies recorded; it cannot be removed');
    await this.models.cases.deleteOne({ _id: doc._id });
    for (const fileId of doc.attachments.flatMap(storedFileIds)) await this.files.remove(fileId);
    await this.audit.record(actor, 'delete', 'case', id, `caso ${doc.caseCode}`, { files: doc.attachments.length });
    await this.sessions.announce(session ?? idOf(doc.sessionId), 'cases', actor);
  }

  /** Stores an upload of a type told from its bytes; a DICOM file is cleaned first and joins its series. */
  async attach(actor: Actor, id: string, upload: Readable, filename: string, maxBytes: number): Promise<Attached> {
    const { doc, session } = await this.editable(actor, id);
    const { head, body } = await peekHead(upload, SNIFF_BYTES);
    const contentType = sniffContentType(head);
    if (!contentType) throw new AppError('unsupported_type', 'only PDF, PNG, JPEG and DICOM files are accepted (checked from the content)', 'file');
    if (contentType === 'application/dicom') return this.attachDicom(actor, doc, session, await withinUploadLimit(readWhole(body, maxBytes), maxBytes), maxBytes);
    if (doc.attachments.length >= MAX_ATTACHMENTS) throw this.full();
    const name = cleanFilename(filename);
    const stored = await withinUploadLimit(this.files.write(body, name, maxBytes, { caseId: id }), maxBytes);
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
      throw (await this.models.cases.exists({ _id: doc._id })) ? this.full() : notFound('case');
    }
    await this.audit.record(actor, 'attach', 'case', id, `archivo ${name}`, { sha256: stored.sha256, size: stored.size, contentType });
    await this.sessions.announce(session, 'cases', actor);
    return { attachment: toAttachmentDto(attachment) };
  }

  /** Cleans a DICOM file (the original is never stored) and adds it to the case's attachment for its series. */
  private async attachDicom(actor: Actor, doc: CaseDoc, session: SessionDoc, original: Buffer, maxBytes: number): Promise<Attached> {
    const id = idOf(doc._id);
    const { bytes, blanked, slice: info } = deidentifyDicom(original);
    // Checked before storing too: a series sent twice is refused without writing and removing each file.
    const attachments = doc.attachments as StoredAttachment[];
    const known = attachments[indexOfSeries(attachments, info)]?.series;
    if (known) requireRoomInSeries(known, info);
    const filename = sliceFilename(info);
    const stored = await this.files.write(Readable.from([bytes]), filename, maxBytes, { caseId: id, dicomSeries: info.seriesInstanceUid });
    const slice: StoredSlice = { ...stored, filename, sopInstanceUid: info.sopInstanceUid, instanceNumber: info.instanceNumber, position: info.position, frames: info.frames };
    let attachment: StoredAttachment;
    try {
      attachment = await this.addToSeries(doc._id, info, slice, actor);
    } catch (error) {
      await this.files.remove(stored.fileId);
      throw error;
    }
    await this.audit.record(actor, 'attach', 'case', id, `imagen DICOM ${attachment.filename}`, {
      sha256: stored.sha256,
      size: stored.size,
      contentType: 'application/dicom',
      series: idOf(attachment.fileId),
      blanked,
    });
    await this.sessions.announce(session, 'cases', actor);
    return { attachment: toAttachmentDto(attachment), blanked };
  }

  /** Puts the file in its series' attachment, starting one for a new series. */
  private async addToSeries(caseId: Types.ObjectId, info: DicomSliceInfo, slice: StoredSlice, actor: Actor): Promise<StoredAttachment> {
    return this.changeAttachments(caseId, 'the case kept changing while the image was added; try again', (attachments) => {
      const index = indexOfSeries(attachments, info);
      const existing = attachments[index];
      let attachment: StoredAttachment;
      if (existing?.series) {
        requireRoomInSeries(existing.series, info);
        const series = withSlice(existing.series, slice);
        attachment = { ...existing, series, size: seriesSize(series.slices), sha256: seriesDigest(series.slices) };
      } else {
        if (attachments.length >= MAX_ATTACHMENTS) throw this.full();
        const series: StoredSeries = { studyInstanceUid: info.studyInstanceUid, seriesInstanceUid: info.seriesInstanceUid, modality: info.modality, slices: [slice] };
        attachment = {
          fileId: new Types.ObjectId(),
          filename: cleanFilename(seriesName(info)),
          contentType: 'application/dicom',
          size: slice.size,
          sha256: seriesDigest(series.slices),
          uploadedAt: this.now(),
          uploadedBy: new Types.ObjectId(actor.id),
          series,
        };
      }
      const next = index >= 0 ? attachments.map((candidate, at) => (at === index ? attachment : candidate)) : [...attachments, attachment];
      return { next, result: attachment };
    });
  }

  /**
   * Writes the case's whole list of attachments as `change` makes it from the current one, against
   * the case's version, so changes made in parallel (files of one series uploaded together, a file
   * removed meanwhile) are all kept: a lost race reads the case again and retries. (A `$pull` by
   * field would be shorter, but the embedded database pulls only whole equal elements.)
   */
  private async changeAttachments<T>(caseId: Types.ObjectId, gaveUp: string, change: (attachments: StoredAttachment[]) => { next: StoredAttachment[]; result: T }): Promise<T> {
    for (let attempt = 0; attempt < ATTACHMENT_WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.models.cases.findById(caseId).lean<CaseDoc>();
      if (!current) throw notFound('case');
      const { next, result } = change(current.attachments);
      const written = await this.models.cases.updateOne({ _id: caseId, version: current.version }, { $set: { attachments: next }, $inc: { version: 1 } });
      if (written.matchedCount === 1) return result;
    }
    throw new AppError('conflict', gaveUp);
  }

  private full(): AppError {
    return new AppError('conflict', `a case holds at most ${MAX_ATTACHMENTS} files`);
  }

  async detach(actor: Actor, id: string, fileId: string): Promise<void> {
    const { doc, session } = await this.editable(actor, id);
    const attachment = await this.changeAttachments(doc._id, 'the case kept changing while the file was removed; try again', (attachments) => {
      const found = attachments.find((candidate) => idOf(candidate.fileId) === fileId);
      if (!found) throw notFound('file');
      return { next: attachments.filter((candidate) => candidate !== found), result: found };
    });
    for (const stored of storedFileIds(attachment)) await this.files.remove(stored);
    await this.audit.record(actor, 'detach', 'case', id, `archivo ${attachment.filename}`, { sha256: attachment.sha256 });
    await this.sessions.announce(session, 'cases', actor);
  }

  async download(actor: Actor, id: string, fileId: string): Promise<Download> {
    const attachment = (await this.get(actor, id)).attachments.find((candidate) => candidate.id === fileId);
    if (!attachment) throw notFound('file');
    if (attachment.series) throw new AppError('invalid_input', 'fileId: a DICOM series is read file by file, at …/slices/:sliceId', 'fileId');
    return { attachment, open: (range) => this.files.read(new Types.ObjectId(fileId), range) };
  }

  /** One cleaned file of a DICOM series. */
  async downloadSlice(actor: Actor, id: string, fileId: string, sliceId: string): Promise<Download> {
    const doc = await this.find(id);
    await this.sessions.requireVisible(actor, idOf(doc.sessionId));
    const series = (doc.attachments as StoredAttachment[]).find((candidate) => idOf(candidate.fileId) === fileId)?.series;
    const slice = series?.slices.find((candidate) => idOf(candidate.fileId) === sliceId);
    if (!slice) throw notFound('file');
    return {
      attachment: { filename: slice.filename, contentType: 'application/dicom', size: slice.size, sha256: slice.sha256 },
      open: (range) => this.files.read(slice.fileId, range),
    };
  }

  private async find(id: string): Promise<CaseDoc> {
    const doc = await this.models.cases.findById(id).lean<CaseDoc>();
    if (!doc) throw notFound('case');
    return doc;
  }

  /** Presenters change their own centre's cases while the session is scheduled and before its cut-off; the session comes along to tell of the change. */
  private async editable(actor: Actor, id: string): Promise<{ doc: CaseDoc; session: SessionDoc }> {
    const doc = await this.find(id);
    authorize(actor, 'cases.edit', idOf(doc.centerId));
    const session = await this.sessions.visible(actor, idOf(doc.sessionId));
    this.requireOpen(session);
    return { doc, session };
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
