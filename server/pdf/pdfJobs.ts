import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Connection } from 'mongoose';
import type { PdfJobDto } from '../../shared/pdfJobs';
import { FileStore } from '../db/fileStore';
import type { Models } from '../db/models';
import type { PdfJobDoc } from '../db/models/pdfJob';
import { conflictBecause, notFound } from '../domain/errors';
import { errorFields, log } from '../logger';

/** Reports how far the rendering got (0 to 1); awaiting it lets the server serve others meanwhile. */
export type ProgressReport = (fraction: number) => Promise<void>;

const KEEP_MS = 15 * 60_000;
/** How often a running job writes its progress down. */
const PROGRESS_EVERY_MS = 250;
/** A running job whose progress has not moved for this long died with the instance writing it. */
const SILENT_AFTER_MS = 30_000;
const MAX_PDF_BYTES = 200 * 2 ** 20;
const FAILED = 'the PDF could not be written';

/**
 * PDFs written in the background, each visible only to who asked for it. Asking again for the
 * same document (same key) while it is written or kept joins the existing job. Jobs live in the
 * database, so a page may poll and download from any instance; the instance that started a job
 * writes it.
 */
export class PdfJobs {
  private readonly files: FileStore;

  constructor(
    private readonly models: Pick<Models, 'pdfJobs'>,
    connection: Connection,
    private readonly instance: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.files = new FileStore(connection, 'pdfjobs');
  }

  async start(ownerId: string, key: string, filename: string, render: (report: ProgressReport) => Promise<Buffer>): Promise<PdfJobDto> {
    await this.removeExpired();
    const existing = await this.models.pdfJobs.findOne({ ownerId, key, status: { $ne: 'failed' } }).lean();
    if (existing && !this.silent(existing)) return toDto(existing);
    if (existing) await this.models.pdfJobs.updateOne({ _id: existing._id }, { $set: { status: 'failed', error: FAILED } });
    const id = randomUUID();
    const now = this.now();
    const job = { _id: id, ownerId, key, filename, status: 'running' as const, progress: 0, instance: this.instance, updatedAt: now, expiresAt: new Date(now.getTime() + KEEP_MS) };
    await this.models.pdfJobs.create(job);
    void this.run(id, key, render);
    return toDto(job);
  }

  async status(ownerId: string, id: string): Promise<PdfJobDto> {
    return toDto(await this.find(ownerId, id));
  }

  async file(ownerId: string, id: string): Promise<{ filename: string; bytes: Buffer }> {
    const job = await this.find(ownerId, id);
    if (!job.fileId) {
      throw job.status === 'failed' ? conflictBecause('pdf_failed', FAILED) : conflictBecause('pdf_pending', 'the PDF is still being written');
    }
    return { filename: job.filename, bytes: Buffer.concat(await this.files.read(job.fileId).toArray()) };
  }

  private async run(id: string, key: string, render: (report: ProgressReport) => Promise<Buffer>): Promise<void> {
    let written = 0;
    let progress = 0;
    const report: ProgressReport = async (fraction) => {
      progress = Math.min(0.99, Math.max(progress, fraction));
      if (Date.now() - written >= PROGRESS_EVERY_MS) {
        written = Date.now();
        await this.models.pdfJobs.updateOne({ _id: id }, { $set: { progress, updatedAt: this.now() } });
      }
      await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      const bytes = await render(report);
      const { fileId } = await this.files.write(Readable.from([bytes]), key, MAX_PDF_BYTES);
      await this.models.pdfJobs.updateOne({ _id: id }, { $set: { status: 'done', progress: 1, fileId, updatedAt: this.now() } });
    } catch (error) {
      log.error('PDF rendering failed', { key, ...errorFields(error) });
      await this.models.pdfJobs
        .updateOne({ _id: id }, { $set: { status: 'failed', error: FAILED, updatedAt: this.now() } })
        .catch((cause: unknown) => log.error('PDF job not marked failed', { key, ...errorFields(cause) }));
    }
  }

  private async find(ownerId: string, id: string): Promise<PdfJobDoc> {
    const job = await this.models.pdfJobs.findById(id).lean();
    if (!job || job.ownerId !== ownerId || job.expiresAt <= this.now()) throw notFound('PDF job');
    return this.silent(job) ? { ...job, status: 'failed', error: FAILED } : job;
  }

  /** A job still running whose instance stopped saying how far it got (it died): failed, to be asked again. */
  private silent(job: PdfJobDoc): boolean {
    return job.status === 'running' && this.now().getTime() - job.updatedAt.getTime() > SILENT_AFTER_MS;
  }

  private async removeExpired(): Promise<void> {
    for (const job of await this.models.pdfJobs.find({ expiresAt: { $lte: this.now() } }, { fileId: 1 }).lean()) {
      if (job.fileId) await this.files.remove(job.fileId);
      await this.models.pdfJobs.deleteOne({ _id: job._id });
    }
  }
}

function toDto({ _id, status, progress, filename, error }: Pick<PdfJobDoc, '_id' | 'status' | 'progress' | 'filename' | 'error'>): PdfJobDto {
  return { id: _id, status, progress, filename, ...(error ? { error } : {}) };
}
