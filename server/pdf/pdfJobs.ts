import { randomUUID } from 'node:crypto';
import type { PdfJobDto } from '../../shared/pdfJobs';
import { conflictBecause, notFound } from '../domain/errors';
import { errorFields, log } from '../logger';

/** Reports how far the rendering got (0 to 1); awaiting it lets the server serve others meanwhile. */
export type ProgressReport = (fraction: number) => Promise<void>;

interface Job extends PdfJobDto {
  ownerId: string;
  key: string;
  bytes?: Buffer;
}

const KEEP_MS = 15 * 60_000;

/**
 * PDFs written in the background, each visible only to who asked for it. Asking again for the
 * same document (same key) while it is written or kept joins the existing job.
 */
export class PdfJobs {
  private readonly jobs = new Map<string, Job>();

  start(ownerId: string, key: string, filename: string, render: (report: ProgressReport) => Promise<Buffer>): PdfJobDto {
    const existing = [...this.jobs.values()].find((job) => job.ownerId === ownerId && job.key === key && job.status !== 'failed');
    if (existing) return toDto(existing);
    const job: Job = { id: randomUUID(), ownerId, key, filename, status: 'running', progress: 0 };
    this.jobs.set(job.id, job);
    const report: ProgressReport = async (fraction) => {
      job.progress = Math.min(0.99, Math.max(job.progress, fraction));
      await new Promise((resolve) => setImmediate(resolve));
    };
    render(report)
      .then((bytes) => Object.assign(job, { bytes, status: 'done', progress: 1 }))
      .catch((error: unknown) => {
        log.error('PDF rendering failed', { key, ...errorFields(error) });
        Object.assign(job, { status: 'failed', error: 'the PDF could not be written' });
      })
      .finally(() => setTimeout(() => this.jobs.delete(job.id), KEEP_MS).unref());
    return toDto(job);
  }

  status(ownerId: string, id: string): PdfJobDto {
    return toDto(this.find(ownerId, id));
  }

  file(ownerId: string, id: string): { filename: string; bytes: Buffer } {
    const job = this.find(ownerId, id);
    if (!job.bytes)
      throw job.status === 'failed' ? conflictBecause('pdf_failed', 'the PDF could not be written') : conflictBecause('pdf_pending', 'the PDF is still being written');
    return { filename: job.filename, bytes: job.bytes };
  }

  private find(ownerId: string, id: string): Job {
    const job = this.jobs.get(id);
    if (!job || job.ownerId !== ownerId) throw notFound('PDF job');
    return job;
  }
}

function toDto({ id, status, progress, filename, error }: Job): PdfJobDto {
  return { id, status, progress, filename, ...(error ? { error } : {}) };
}
