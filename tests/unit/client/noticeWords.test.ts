import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '../../../client/i18n';
import { noticeSentence } from '../../../client/noticeWords';

afterEach(() => {
  i18n.global.locale.value = 'es-MX';
});

const session = { number: 12, title: 'Tumores sólidos', startsAt: '2031-12-09T16:00:00.000Z', timeZone: 'America/Mexico_City' };

describe('a notice in words', () => {
  it('says the news of a session, with its time where it is', () => {
    expect(noticeSentence({ kind: 'session_invitation', params: { change: 'invitation', ...session } })).toBe(
      'Su centro está invitado a la sesión 12 «Tumores sólidos», el martes, 9 de diciembre de 2031, 10:00.',
    );
    expect(noticeSentence({ kind: 'session_change', params: { change: 'change', ...session } })).toBe(
      'La sesión 12 «Tumores sólidos» cambió: ahora es el martes, 9 de diciembre de 2031, 10:00.',
    );
    expect(noticeSentence({ kind: 'session_change', params: { change: 'cancellation', ...session } })).toBe('La sesión 12 «Tumores sólidos» se canceló.');
    expect(noticeSentence({ kind: 'session_change', params: { change: 'withdrawn', ...session } })).toBe('Su centro ya no participa en la sesión 12 «Tumores sólidos».');
  });

  it('says an agreement due or overdue with its day', () => {
    const params = { text: 'Enviar las laminillas', dueDate: '2031-03-12', sessionNumber: 4 };
    expect(noticeSentence({ kind: 'agreement_due', params })).toBe('Un acuerdo a cargo de su centro (sesión 4) vence el 12 de marzo de 2031: Enviar las laminillas');
    expect(noticeSentence({ kind: 'agreement_overdue', params })).toBe('Un acuerdo a cargo de su centro (sesión 4) venció el 12 de marzo de 2031: Enviar las laminillas');
  });

  it('says how late a study or a patient is, by case code, in the clock’s unit', () => {
    expect(noticeSentence({ kind: 'commitment_late', params: { about: 'study', caseCode: 'YUC-2026-201', studyType: 'immunohistochemistry', late: 6, unit: 'hours' } })).toBe(
      'El estudio de inmunohistoquímica del caso YUC-2026-201 pasó su tiempo de respuesta sin resultado: 6 horas de retraso.',
    );
    expect(noticeSentence({ kind: 'commitment_late', params: { about: 'diagnosis', caseCode: 'YUC-2026-202', late: 1, unit: 'days' } })).toBe(
      'El paciente del caso YUC-2026-202 pasó el compromiso de diagnóstico: 1 día de retraso.',
    );
    expect(noticeSentence({ kind: 'commitment_late', params: { about: 'treatment', caseCode: 'YUC-2026-202', late: 3, unit: 'days' } })).toBe(
      'El paciente del caso YUC-2026-202 pasó el compromiso de inicio de tratamiento: 3 días de retraso.',
    );
  });

  it('says how long ago a sample the laboratory has not received was sent', () => {
    expect(noticeSentence({ kind: 'commitment_late', params: { about: 'not_received', caseCode: 'YUC-2026-204', studyType: 'immunophenotype', late: 3, unit: 'days' } })).toBe(
      'La muestra de inmunofenotipo del caso YUC-2026-204 se envió hace 3 días y el laboratorio aún no registra haberla recibido.',
    );
  });

  it('says it in English to whoever reads in English', async () => {
    await setLocale('en');
    expect(noticeSentence({ kind: 'commitment_late', params: { about: 'study', caseCode: 'YUC-2026-201', studyType: 'immunophenotype', late: 2, unit: 'days' } })).toBe(
      'The immunophenotype study of case YUC-2026-201 passed its turnaround without a result: 2 days late.',
    );
    expect(noticeSentence({ kind: 'commitment_late', params: { about: 'not_received', caseCode: 'YUC-2026-204', studyType: 'immunophenotype', late: 1, unit: 'days' } })).toBe(
      'The immunophenotype sample of case YUC-2026-204 was sent 1 day ago and the laboratory has not yet recorded receiving it.',
    );
  });
});
