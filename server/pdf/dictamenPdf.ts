import type { DictamenForExport } from '../domain/dictamenService';
import { formatMexicanDate, formatMexicanDateTime } from '../domain/mexicanDates';
import { NetworkPdf } from './networkPdf';

const SIGNATURE_HEIGHT = 90;
const LARGEST = 11;
/** Small enough for the longest question, recommendation and staging a case can have to fit one page. */
const SMALLEST = 5.5;

/** The board's recommendation for one case, on one page, for the centre that referred it. */
export function renderDictamenPdf(input: DictamenForExport): Promise<Buffer> {
  const { session, recommendation, vote } = input;
  const presented = input.case;
  const pdf = new NetworkPdf({ title: `Dictamen del caso ${presented.caseCode}`, footer: `Dictamen ${presented.caseCode} · sesión ${session.number}` });
  pdf.doc.font('bold').fontSize(16).text('Dictamen del comité de tumores');
  pdf.doc.moveDown(0.4);
  pdf.field('Caso', presented.caseCode).field('Diagnóstico', `${presented.diagnosis} (CIE-10 ${presented.icd10Code})`);
  if (presented.icdO3) pdf.field('CIE-O-3', presented.icdO3);
  if (presented.staging) pdf.field('Estadificación', presented.staging);
  pdf
    .field('Paciente', `${presented.sex}, ${presented.age}, ${presented.state}`)
    .field('Centro que refiere', presented.presentingCenterName)
    .field('Sesión', `${session.number}: ${session.title}, ${formatMexicanDateTime(session.startsAt, session.timeZone)}`);

  const quorumLine = recommendation.quorum
    ? `${recommendation.quorum.specialties.length} de ${recommendation.quorum.required} especialidades requeridas` +
      (recommendation.quorum.specialties.length ? ` (${recommendation.quorum.specialties.join(', ')})` : '') +
      (recommendation.quorum.met ? '' : '. Registrado sin quórum.')
    : 'sin registro';
  const voteLine = vote
    ? `«${vote.question}»: de acuerdo ${vote.agree}, en desacuerdo ${vote.dissent}, abstenciones ${vote.abstain}` +
      (vote.dissenters.length ? `. En desacuerdo: ${vote.dissenters.join(', ')}` : '')
    : null;

  // The free texts shrink together until the page holds them: a dictamen is always one page.
  const sections = [...(presented.question ? [{ title: 'Pregunta al comité', text: presented.question }] : []), { title: 'Recomendación del comité', text: recommendation.text }];
  const available = pdf.remainingHeight - SIGNATURE_HEIGHT - 60 - (voteLine ? 30 : 0);
  let size = LARGEST;
  while (size > SMALLEST && sections.reduce((total, section) => total + 30 + pdf.heightOf(section.text, size), 0) > available) size -= 0.5;
  for (const section of sections) pdf.heading(section.title).paragraph(section.text, { size });

  pdf.doc.moveDown(0.6);
  pdf.field('Quórum', quorumLine);
  if (voteLine) pdf.field('Votación', voteLine);

  const y = pdf.doc.page.height - pdf.doc.page.margins.bottom - SIGNATURE_HEIGHT;
  pdf.doc
    .moveTo(pdf.doc.page.margins.left, y + 40)
    .lineTo(pdf.doc.page.margins.left + 220, y + 40)
    .lineWidth(0.7)
    .strokeColor('#1f3b57')
    .stroke();
  pdf.doc
    .font('bold')
    .fontSize(10)
    .fillColor('black')
    .text(recommendation.confirmedByName, pdf.doc.page.margins.left, y + 46, { width: pdf.width, lineBreak: false });
  pdf.paragraph(`Coordinación del comité · confirmado el ${formatMexicanDateTime(recommendation.confirmedAt, session.timeZone)}`, { size: 9 });
  pdf.paragraph(`Documento generado el ${formatMexicanDate(input.generatedAt, session.timeZone)}.`, { size: 8, color: '#555f66' });
  return pdf.finish();
}
