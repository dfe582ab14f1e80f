import { ref } from 'vue';
import { dicomBlankingOrder, transferSyntaxName, type DicomBlankedItem } from '../../shared/dicom';
import { i18n } from '../i18n';
import { RequestError } from '../services/socket';
import { uploadFile } from '../services/upload';
import { useFormErrors } from './useFormErrors';

/** The transfer syntax a DICOM file declares in its header, read in the browser to name it. */
async function transferSyntaxOf(file: File): Promise<string | undefined> {
  try {
    const { default: dicomParser } = await import('dicom-parser');
    const header = dicomParser.readPart10Header(new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer()));
    return header.string('x00020010');
  } catch {
    return undefined;
  }
}

/**
 * Uploads files to a case one after another (a DICOM series is many files), with the progress of
 * the whole, then says what was attached, what the server blanked from the images and, file by
 * file, what was refused and why.
 */
export function useAttachmentUpload(caseId: () => string, uploaded: () => Promise<void>) {
  const t = i18n.global.t;
  const progress = ref<{ name: string; index: number; count: number; fraction: number; overall: number } | null>(null);
  const notices = ref<string[]>([]);
  const problems = ref<string[]>([]);

  async function refusal(error: unknown, file: File): Promise<string> {
    if (error instanceof RequestError && error.reason === 'dicom_compressed') {
      const syntax = await transferSyntaxOf(file);
      if (syntax) return t('upload.compressedAs', { syntax: transferSyntaxName(syntax) });
    }
    const errors = useFormErrors();
    errors.capture(error);
    return errors.fields.value.file ?? errors.general.value ?? t('errors.internal');
  }

  async function attach(files: File[]): Promise<void> {
    notices.value = [];
    problems.value = [];
    const attached: string[] = [];
    const blanked = new Set<DicomBlankedItem>();
    let images = 0;
    for (const [index, file] of files.entries()) {
      const show = (fraction: number) => (progress.value = { name: file.name, index: index + 1, count: files.length, fraction, overall: (index + fraction) / files.length });
      show(0);
      try {
        const answer = await uploadFile('POST /cases/:id/attachments', { params: { id: caseId() } }, file, show);
        attached.push(file.name);
        if (answer.blanked) {
          images += 1;
          for (const item of answer.blanked) blanked.add(item);
        }
      } catch (error) {
        problems.value.push(`${file.name}: ${await refusal(error, file)}`);
      }
    }
    progress.value = null;
    if (attached.length === 1) notices.value.push(t('cases.uploaded', { name: attached[0] }));
    if (attached.length > 1) notices.value.push(t('upload.attachedMany', { count: attached.length }));
    if (images > 0) {
      const items = dicomBlankingOrder.filter((item) => blanked.has(item)).map((item) => t(`blankedItems.${item}`));
      notices.value.push(items.length > 0 ? t('upload.blanked', { items: items.join(', ') }) : t('upload.nothingBlanked'));
    }
    if (attached.length > 0) await uploaded();
  }

  return { progress, notices, problems, attach };
}
