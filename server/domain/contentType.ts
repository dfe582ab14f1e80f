import type { AttachmentContentType } from '../../shared/cases';
import { isDicomPart10 } from './dicomDeidentify';

/** Bytes enough to tell every accepted type (DICOM's mark is at 128). */
export const SNIFF_BYTES = 132;

/** The file's real type from its first bytes; names and headers can lie, magic numbers rarely do. */
export function sniffContentType(head: Buffer): AttachmentContentType | undefined {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (isDicomPart10(head)) return 'application/dicom';
  return undefined;
}
