import { describe, expect, it } from 'vitest';
import { renderMinutesDraft, type MinutesDraftInput } from '../../server/domain/minutesText';
import type { OpinionDto } from '../../shared/opinions';

const centres: Record<string, string> = { himfg: 'Hospital Infantil de México', yuc: 'OncoCREAN Yucatán', slp: 'OncoCREAN San Luis Potosí' };
const opinion = (authorName: string, published: boolean, overrides: Partial<OpinionDto> = {}): OpinionDto => ({
  id: `c1:${authorName}`,
  caseId: 'c1',
  sessionId: 's1',
  authorId: authorName,
  authorName,
  centerId: 'himfg',
  specialty: 'Patología',
  category: 'diagnosis',
  stance: 'agree',
  text: 'Revisar el inmunofenotipo',
  published,
  updatedAt: '2026-11-02T16:00:00.000Z',
  ...overrides,
});

const input: MinutesDraftInput = {
  session: {
    number: 191,
    title: 'Leucemias de alto riesgo',
    startsAt: new Date('2026-11-02T16:00:00Z'),
    timeZone: 'America/Mexico_City',
    hostCenterId: 'himfg',
    agenda: [
      { kind: 'case', title: 'YUC-2026-014' },
      { kind: 'training_topic', title: 'Hora dorada en neutropenia febril' },
    ],
  },
  centerName: (id) => centres[id] ?? id,
  joined: [
    { centerId: 'yuc', displayName: 'Dra. Canul' },
    { centerId: 'himfg', displayName: 'Dr. Ortiz' },
    { centerId: 'yuc', displayName: 'Dr. Ávila' },
    { centerId: 'yuc', displayName: 'Dra. Canul' },
  ],
  cases: [
    {
      caseCode: 'YUC-2026-014',
      diagnosis: 'LLA de precursores B',
      icd10Code: 'C91.0',
      centerId: 'yuc',
      question: '¿Trasplante en primera remisión?',
      opinions: [
        opinion('Dr. Ortiz', true),
        opinion('Dra. Borrador', false),
        opinion('Dra. Luna', true, { specialty: '', category: 'treatment', stance: 'dissent', text: 'Quimioterapia sola' }),
      ],
      vote: {
        question: '¿Se refiere a trasplante?',
        ballots: [
          { name: 'Dr. Ortiz', choice: 'agree' },
          { name: 'Dra. Luna', choice: 'dissent' },
          { name: 'Dr. Paz', choice: 'abstain' },
        ],
      },
      recommendation: { text: 'Referir a trasplante alogénico', status: 'proposed' },
    },
    {
      caseCode: 'SLP-2026-003',
      diagnosis: 'Tumor de Wilms',
      icd10Code: 'C64',
      icdO3Topography: 'C64.9',
      icdO3Morphology: '8960',
      icdO3Behaviour: '3',
      cogRenalStage: 'III',
      cogRenalRisk: 'higher',
      stage: 'Histología favorable',
      centerId: 'slp',
      question: '',
      opinions: [],
      vote: null,
      recommendation: null,
    },
  ],
  agreements: [{ text: 'Enviar laminillas al centro de referencia.', responsibleCenterId: 'yuc', responsiblePerson: 'Dra. Canul', dueDate: '2026-11-16', status: 'in_progress' }],
};

describe('the first draft of the minutes', () => {
  it('says who came by centre, each case with its coding, staging, published opinions, vote and recommendation, the agreements and the topics', () => {
    const lines = renderMinutesDraft(input).split('\n');
    expect(lines[0]).toBe('MINUTA — Sesión 191: Leucemias de alto riesgo');
    expect(lines[1]).toMatch(/^Fecha: .*2026.*\. Sede: Hospital Infantil de México\.$/);
    expect(lines.slice(2)).toEqual([
      '',
      'ASISTENCIA POR CENTRO',
      '- OncoCREAN Yucatán: Dr. Ávila, Dra. Canul',
      '- Hospital Infantil de México: Dr. Ortiz',
      '',
      'CASOS PRESENTADOS',
      '1. YUC-2026-014 — LLA de precursores B (CIE-10 C91.0), presenta OncoCREAN Yucatán.',
      '   Pregunta: ¿Trasplante en primera remisión?',
      '   - Dr. Ortiz (Patología), Diagnóstico, de acuerdo: Revisar el inmunofenotipo',
      '   - Dra. Luna, Tratamiento, en desacuerdo: Quimioterapia sola',
      '   Votación: «¿Se refiere a trasplante?» — de acuerdo 1, en desacuerdo 1, abstenciones 1 (en desacuerdo: Dra. Luna).',
      '   Recomendación del comité (propuesta, sin confirmar): Referir a trasplante alogénico',
      '2. SLP-2026-003 — Tumor de Wilms (CIE-10 C64), presenta OncoCREAN San Luis Potosí.',
      '   CIE-O-3: C64.9 Riñón, SAI; 8960/3 Nefroblastoma, SAI (tumor de Wilms).',
      '   Estadificación: Estadio COG (tumor renal) III; Grupo de riesgo COG (tumor renal) aumentado; otra etapa: Histología favorable.',
      '   Recomendación del comité: no registrada.',
      '',
      'ACUERDOS',
      '- Enviar laminillas al centro de referencia. Responsable: OncoCREAN Yucatán (Dra. Canul). Fecha compromiso: 2026-11-16. Estado: en proceso.',
      '',
      'TEMAS',
      '- Hora dorada en neutropenia febril',
    ]);
  });

  it('lists the deaths put on the agenda for review apart from the cases presented and the topics', () => {
    const agenda = [...input.session.agenda, { kind: 'mortality_review', title: 'Revisión de defunción: OAX-2026-002' }];
    const text = renderMinutesDraft({ ...input, session: { ...input.session, agenda } });
    expect(text.endsWith('TEMAS\n- Hora dorada en neutropenia febril\n\nREVISIÓN DE DEFUNCIONES\n- Revisión de defunción: OAX-2026-002')).toBe(true);
    expect(text.split('CASOS PRESENTADOS')[1]!.split('ACUERDOS')[0]).not.toContain('OAX-2026-002');
  });

  it('says so when nobody entered, no case was presented and nothing was agreed', () => {
    const text = renderMinutesDraft({ ...input, joined: [], cases: [], agreements: [], session: { ...input.session, agenda: [] } });
    expect(text).toContain('ASISTENCIA POR CENTRO\n- Sin registro de asistencia.');
    expect(text).toContain('CASOS PRESENTADOS\n- No se presentaron casos.');
    expect(text.endsWith('ACUERDOS\n- Sin acuerdos.')).toBe(true);
  });
});
