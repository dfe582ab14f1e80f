import { describe, expect, it } from 'vitest';
import { i18n, loadLocale } from '../../../client/i18n';
import { useFormErrors } from '../../../client/forms/useFormErrors';
import { RequestError } from '../../../client/services/socket';
import { errorReasons } from '../../../shared/ack';
import { caseFieldsWithoutIdentity } from '../../../shared/caseRules';
import { createMatterRequestSchema } from '../../../shared/workingGroup';

const pseudonymisedCase = {
  caseCode: 'YUC-2026-014',
  ageYears: 7,
  sex: 'female',
  state: 'YUC',
  icd10Code: 'C91.0',
  diagnosis: 'Leucemia linfoblástica aguda de precursores B',
  currentProtocol: 'Protocolo Total XV',
  question: '¿Trasplante en primera remisión?',
};

describe('refusals as people read them', () => {
  it('explains a conflict by its reason in Spanish, and falls back to the code without one', () => {
    const errors = useFormErrors();
    errors.capture(RequestError.fromBody({ code: 'conflict', message: 'below threshold', reason: 'not_credited' }));
    expect(errors.general.value).toBe('La asistencia registrada no alcanza el mínimo de la sesión para otorgar constancia.');
    errors.capture(RequestError.fromBody({ code: 'conflict', message: 'stale' }));
    expect(errors.general.value).toBe('La acción entra en conflicto con el estado actual. Intente de nuevo.');
  });

  it.each([
    ['question', 'curp pelj 100512 hynrpn09', 'Revise la pregunta: sin datos que identifiquen al paciente. Parece contener una CURP.'],
    ['clinicalSummary', 'paciente juan pérez lópez', 'Revise el resumen: sin datos que identifiquen al paciente. Parece contener el nombre de una persona.'],
    ['otherResults', 'NSS 12345678901', 'Revise los otros resultados: sin datos que identifiquen al paciente. Parece contener un número de seguridad social (NSS).'],
    ['currentProtocol', 'Total XV, cel 55 1234 5678', 'Revise el protocolo: sin datos que identifiquen al paciente. Parece contener un número de teléfono.'],
    ['immunophenotype', 'mama.ximena@gmail.com', 'Revise el inmunofenotipo: sin datos que identifiquen al paciente. Parece contener un correo electrónico.'],
  ])('tells which field of a case holds patient data, and what kind: %s with %j', (field, text, message) => {
    const errors = useFormErrors();
    expect(errors.check(caseFieldsWithoutIdentity, { ...pseudonymisedCase, [field]: text })).toBe(false);
    expect(errors.fields.value).toEqual({ [field]: message });
  });

  it('says why a file was refused next to the file field when the server gives a reason', () => {
    const errors = useFormErrors();
    errors.capture(RequestError.fromBody({ code: 'invalid_input', message: 'burned in', field: 'file', reason: 'dicom_burned_in' }));
    expect(errors.fields.value.file).toMatch(/^La imagen tiene datos del paciente grabados en los píxeles/);
    errors.capture(RequestError.fromBody({ code: 'unsupported_type', message: 'not accepted', field: 'file' }));
    expect(errors.fields.value.file).toBe('El archivo debe ser PDF, PNG, JPEG o DICOM y no exceder el tamaño máximo.');
  });

  it('keeps the field’s own message for other refusals', () => {
    const errors = useFormErrors();
    expect(errors.check(caseFieldsWithoutIdentity, { ...pseudonymisedCase, ageYears: -1 })).toBe(false);
    expect(errors.fields.value).toEqual({ ageYears: 'La edad debe ser de 0 a 120 años.' });
    expect(errors.check(caseFieldsWithoutIdentity, pseudonymisedCase)).toBe(true);
  });

  it('reads a form’s own message for a field named alike elsewhere: a matter’s description is not a study’s', () => {
    const errors = useFormErrors('matters.fields');
    expect(errors.check(createMatterRequestSchema, { topic: 'medicine_supply', state: 'CHIS', raisedBy: 'Rosa Pérez López', description: 'x' })).toBe(false);
    expect(errors.fields.value).toEqual({
      raisedBy: 'Escriba solo el nombre de pila (una o dos palabras, solo letras), sin apellidos.',
      description: 'Describa el asunto (de 3 a 2000 caracteres).',
    });
    errors.capture(RequestError.fromBody({ code: 'invalid_input', message: 'dueDate: must be a date', field: 'dueDate' }));
    expect(errors.fields.value).toEqual({ dueDate: 'Elija la fecha compromiso.' });
  });

  it('has a sentence in Spanish and in English for every reason the server gives', async () => {
    await loadLocale('en');
    for (const locale of ['es-MX', 'en'] as const) {
      const missing = errorReasons.filter((reason) => !i18n.global.te(`errors.reasons.${reason}`, locale));
      expect(missing, locale).toEqual([]);
    }
  });
});
