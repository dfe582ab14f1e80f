import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '../../../client/i18n';
import { labelLanes } from '../../../client/layout/labelLanes';
import { clockBrief, clockSentence } from '../../../client/pathwayWords';
import { blankPathway, pathwayClocks, type PathwayDates } from '../../../shared/pathway';

afterEach(() => {
  i18n.global.locale.value = 'es-MX';
});

const TODAY = '2026-12-01';
const clocksOf = (dates: Partial<PathwayDates>) => pathwayClocks({ ...blankPathway, ...dates }, [], TODAY);
const sentences = (dates: Partial<PathwayDates>) => clocksOf(dates).map(clockSentence);

describe('the patient’s clocks in words', () => {
  it('counts down to the due day, with the day in words and "1 día" in the singular', () => {
    expect(sentences({ referredOn: '2026-11-28' })).toEqual(['Diagnóstico: faltan 4 días (vence el 5 de diciembre de 2026)']);
    expect(sentences({ referredOn: '2026-11-25' })).toEqual(['Diagnóstico: falta 1 día (vence el 2 de diciembre de 2026)']);
    expect(sentences({ referredOn: '2026-11-24' })).toEqual(['Diagnóstico: vence hoy (1 de diciembre de 2026)']);
  });

  it('says how long ago a clock fell due', () => {
    expect(sentences({ referredOn: '2026-11-22', arrivedOn: '2026-11-23' })).toEqual(['Diagnóstico: vencido hace 2 días (vencía el 29 de noviembre de 2026)']);
    expect(sentences({ referredOn: '2026-11-23' })).toEqual(['Diagnóstico: vencido hace 1 día (vencía el 30 de noviembre de 2026)']);
  });

  it('says whether a milestone came within its commitment, and by how much it missed it', () => {
    expect(sentences({ referredOn: '2026-11-01', diagnosedOn: '2026-11-08', treatmentStartedOn: '2026-11-12' })).toEqual([
      'Diagnosticado a los 7 días: dentro del compromiso de 7 días',
      'Tratamiento iniciado a los 4 días: 1 día después del compromiso de 3 días',
    ]);
    expect(sentences({ referredOn: '2026-11-01', diagnosedOn: '2026-11-10', treatmentStartedOn: '2026-11-10' })).toEqual([
      'Diagnosticado a los 9 días: 2 días después del compromiso de 7 días',
      'Tratamiento iniciado el mismo día: dentro del compromiso de 3 días',
    ]);
  });

  it('speaks English too', async () => {
    await setLocale('en');
    expect(sentences({ referredOn: '2026-11-22', diagnosedOn: '2026-11-30' })).toEqual([
      'Diagnosed after 8 days: 1 day past the commitment of 7 days',
      'Treatment: 2 days left (due on December 3, 2026)',
    ]);
  });

  it('puts the late patients’ clocks in a few words', () => {
    const [overdue] = clocksOf({ referredOn: '2026-11-22' });
    const [, tomorrow] = clocksOf({ referredOn: '2026-11-20', diagnosedOn: '2026-11-29' });
    expect([clockBrief(overdue!), clockBrief(tomorrow!)]).toEqual(['Diagnóstico vencido hace 2 días', 'Tratamiento: vence mañana']);
  });
});

describe('labels along a time axis', () => {
  it('keeps labels apart: a label that would touch the one before goes to the next free row, and none leaves the axis', () => {
    expect(labelLanes([0, 50, 300, 600], 150, 600)).toEqual([
      { left: 0, lane: 0 },
      { left: 0, lane: 1 },
      { left: 225, lane: 0 },
      { left: 450, lane: 0 },
    ]);
  });
});
