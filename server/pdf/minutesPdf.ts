import { formatMexicanDateTime } from '../domain/mexicanDates';
import type { MinutesForExport } from '../domain/minutesService';
import { SESSION_KIND_LABEL } from '../domain/spanishLabels';
import { NetworkPdf } from './networkPdf';
import type { ProgressReport } from './pdfJobs';

const LINES_PER_STEP = 25;
/** Lines the draft writes as section titles: starting with a letter, capitals only ("ASISTENCIA POR CENTRO"). */
const SECTION_TITLE = /^[A-ZÁÉÍÓÚÑ][^a-záéíóúñü]*[A-ZÁÉÍÓÚÑ]{2}[^a-záéíóúñü]*$/;

export async function renderMinutesPdf(input: MinutesForExport, report: ProgressReport): Promise<Buffer> {
  const { session, minutes } = input;
  const pdf = new NetworkPdf({
    title: `Minuta de la sesión ${session.number}`,
    footer: `Minuta de la sesión ${session.number} · versión ${minutes.version}${minutes.status === 'draft' ? ' · BORRADOR sin aprobar' : ''}`,
    watermark: minutes.status === 'draft' ? 'BORRADOR' : undefined,
  });
  pdf.doc.font('bold').fontSize(16).text(`Minuta de la sesión ${session.number}`);
  pdf.doc.moveDown(0.4);
  pdf
    .field('Sesión', session.title)
    .field('Tipo', SESSION_KIND_LABEL[session.kind])
    .field('Fecha', formatMexicanDateTime(session.startsAt, session.timeZone))
    .field('Sede', session.hostCenterName)
    .field(
      'Estado',
      minutes.approvedAt
        ? `Aprobada el ${formatMexicanDateTime(minutes.approvedAt, session.timeZone)}${input.approvedByName ? ` por ${input.approvedByName}` : ''}`
        : 'Borrador sin aprobar',
    );
  pdf.doc.moveDown(0.5);

  const lines = minutes.text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (!line.trim()) pdf.doc.moveDown(0.4);
    else if (SECTION_TITLE.test(line)) pdf.heading(line);
    else pdf.paragraph(line.trim(), { indent: (line.length - line.trimStart().length) * 5 });
    if (index % LINES_PER_STEP === LINES_PER_STEP - 1) await report((0.9 * index) / lines.length);
  }

  if (minutes.corrections.length) {
    pdf.heading('HISTORIAL DE CORRECCIONES');
    // Numbered as people count them (the stored version also counts the drafts' saves).
    for (const [index, correction] of minutes.corrections.entries()) {
      pdf.paragraph(`Corrección ${index + 1}: ${correction.byName}, ${formatMexicanDateTime(correction.at, session.timeZone)}; motivo: ${correction.reason}`);
    }
  }
  await report(0.95);
  return pdf.finish();
}
