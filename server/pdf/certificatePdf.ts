import type { CertificateForExport } from '../domain/certificateService';
import { formatMexicanDate } from '../domain/mexicanDates';
import { SESSION_KIND_LABEL } from '../domain/spanishLabels';
import { NETWORK_NAME, NetworkPdf } from './networkPdf';

/** The certificate of attendance (constancia), with the code and address anyone can check it at. */
export function renderCertificatePdf(certificate: CertificateForExport, verifyUrl: string): Promise<Buffer> {
  const { session } = certificate;
  const pdf = new NetworkPdf({ title: 'Constancia de asistencia', footer: `Constancia ${certificate.code}` });
  const { doc } = pdf;
  const center = (text: string, size: number, font: 'regular' | 'bold' = 'regular', gap = 0.6) => {
    doc.font(font).fontSize(size).fillColor('black').text(text, doc.page.margins.left, doc.y, { width: pdf.width, align: 'center' });
    doc.moveDown(gap);
  };
  doc.moveDown(2);
  center('CONSTANCIA', 28, 'bold', 0.3);
  center('de asistencia', 14, 'regular', 1.6);
  center(`La ${NETWORK_NAME} hace constar que`, 12, 'regular', 0.8);
  center(certificate.name, 22, 'bold', 0.3);
  if (certificate.centerName) center(certificate.centerName, 12, 'regular', 1.2);
  center(`asistió a la ${SESSION_KIND_LABEL[session.kind].toLowerCase()}`, 12, 'regular', 0.5);
  center(`«${session.title}»`, 16, 'bold', 0.5);
  center(
    `sesión ${session.number} de telemedicina, celebrada el ${formatMexicanDate(session.startsAt, session.timeZone)}, ` +
      `con duración de ${session.durationMinutes} minutos y una asistencia registrada de ${certificate.minutesPresent} minutos.`,
    12,
    'regular',
    3,
  );
  center(`Expedida el ${formatMexicanDate(certificate.issuedAt, session.timeZone)}.`, 10, 'regular', 2);
  center(`Código de verificación: ${certificate.code}`, 12, 'bold', 0.3);
  center(`Verifique esta constancia en ${verifyUrl}`, 10);
  return pdf.finish();
}
