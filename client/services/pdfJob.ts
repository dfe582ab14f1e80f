import type { PdfJobDto } from '../../shared/pdfJobs';
import { api, fileUrl } from './api';
import { RequestError } from './socket';

const POLL_MS = 300;

/** Starts a background PDF, reports its progress, and resolves with the URL of the finished file. */
export async function runPdfJob(start: () => Promise<{ job: PdfJobDto }>, onProgress: (fraction: number) => void): Promise<string> {
  let { job } = await start();
  while (job.status === 'running') {
    onProgress(job.progress);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    ({ job } = await api('GET /pdf-jobs/:jobId', { params: { jobId: job.id } }));
  }
  if (job.status === 'failed') throw new RequestError('conflict', job.error ?? 'the PDF could not be written', undefined, 'pdf_failed');
  onProgress(1);
  return fileUrl('GET /pdf-jobs/:jobId/file', { params: { jobId: job.id } });
}
