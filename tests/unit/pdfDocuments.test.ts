import { describe, expect, it } from 'vitest';
import { renderDictamenPdf } from '../../server/pdf/dictamenPdf';
import { renderMinutesPdf } from '../../server/pdf/minutesPdf';
import { pdfPages } from '../support/pdfText';

const session = {
  number: 12,
  title: 'Tumores óseos',
  kind: 'case_review' as const,
  startsAt: new Date('2026-11-23T16:00:00Z'),
  timeZone: 'America/Mexico_City',
  hostCenterName: 'CREAN Yucatán',
};
const words = (pages: string[]) => pages.join(' ').replace(/\s+/g, ' ');

describe('network PDFs', () => {
  it('numbers every page of long minutes, marks a draft and reports progress as it goes', async () => {
    const text = ['ASISTENCIA POR CENTRO', ...Array.from({ length: 150 }, (_, index) => `- Centro ${index}: Dra. Ñúñez — «sí» ≥ 80 %`), '', 'ACUERDOS', '- Enviar EMR'].join('\n');
    const progress: number[] = [];
    const bytes = await renderMinutesPdf(
      { session, minutes: { sessionId: 'x', status: 'draft', text, version: 4, updatedAt: '', approvedAt: null, corrections: [] }, approvedByName: null },
      async (fraction) => void progress.push(fraction),
    );
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, index) => {
      expect(page).toContain(`Página ${index + 1} de ${pages.length}`);
      expect(page).toContain('BORRADOR');
    });
    expect(words(pages)).toContain('Centro 149: Dra. Ñúñez — «sí» ≥ 80 %');
    expect(words(pages)).toContain('Fecha: lunes, 23 de noviembre de 2026, 10:00');
    expect(words(pages)).toContain('Borrador sin aprobar');
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('keeps a dictamen on one page, with its ICD-O-3 coding and staging, even with the longest question and recommendation allowed', async () => {
    const recommendation = 'Consolidación con blinatumomab y referencia a trasplante alogénico. '.repeat(70).slice(0, 5000);
    const bytes = await renderDictamenPdf({
      case: {
        caseCode: 'YUC-2026-003',
        diagnosis: 'LLA en recaída',
        icd10Code: 'C91.0',
        icdO3: 'C42.1 Médula ósea; 9812/3 Leucemia/linfoma linfoblástico B con t(9;22)(q34;q11.2); BCR-ABL1',
        // The longest staging a case can have: structured risks, then the free "other stage" (60) and "risk group" (120).
        staging: `Riesgo NCI alto; Riesgo final muy alto; otra etapa: ${'Recaída medular aislada muy temprana. '.repeat(2).slice(0, 60)}; grupo de riesgo: ${'Alto riesgo según IntReALL con EMR persistente. '.repeat(3).slice(0, 120)}`,
        age: '9 años',
        sex: 'Masculino',
        state: 'Yucatán',
        question: '¿Trasplante? '.repeat(160).slice(0, 2000),
        presentingCenterName: 'CREAN Yucatán',
      },
      session,
      recommendation: {
        text: recommendation,
        confirmedAt: new Date(),
        confirmedByName: 'Dra. Coordinadora',
        quorum: { specialties: ['Hematología', 'Patología', 'Radioterapia'], required: 3, met: true },
      },
      vote: null,
      generatedAt: new Date(),
    });
    const pages = await pdfPages(bytes);
    expect(pages).toHaveLength(1);
    expect(words(pages)).toContain('3 de 3 especialidades requeridas (Hematología, Patología, Radioterapia)');
    expect(words(pages)).toContain(recommendation.slice(-60).trim());
    expect(words(pages)).not.toContain('sin quórum');
    expect(words(pages)).toContain('CIE-O-3: C42.1 Médula ósea; 9812/3 Leucemia/linfoma linfoblástico B');
    expect(words(pages)).toContain('Estadificación: Riesgo NCI alto; Riesgo final muy alto');
  });
});
