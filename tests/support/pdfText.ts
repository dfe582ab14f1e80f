import { spawn } from 'node:child_process';

/** The text of each page of a PDF, read back by poppler's pdftotext as any text extractor would. */
export function pdfPages(bytes: Uint8Array): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdftotext', ['-enc', 'UTF-8', '-', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pdftotext failed (${code}): ${Buffer.concat(err).toString()}`));
      // pdftotext ends every page with a form feed.
      resolve(Buffer.concat(out).toString('utf8').split('\f').slice(0, -1));
    });
    child.stdin.end(bytes);
  });
}
