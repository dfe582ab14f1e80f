/** A PDF being written in the background: the client polls it and shows the progress. */
export interface PdfJobDto {
  id: string;
  status: 'running' | 'done' | 'failed';
  /** 0 to 1. */
  progress: number;
  filename: string;
  error?: string;
}
