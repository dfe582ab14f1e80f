import { describe, expect, it } from 'vitest';
import { caseCompleteness, caseFieldsWithoutIdentity, completenessItems, findIdentityLeaks, identityLeak, partialCaseFieldsWithoutIdentity } from '../../shared/caseRules';

const leaks: [string, ReturnType<typeof identityLeak>][] = [
  // CURP, anywhere and in any case
  ['CURP GOMC850101HDFRRN09', 'curp'],
  ['curp: gomc850101hdfrrn09 (verificada)', 'curp'],
  ['Registro:LOPM120315MYNRRSA7.', 'curp'],
  ['nacido en el extranjero XAXX010101HNEXXXA4', 'curp'],
  // NSS
  ['NSS 12345678901', 'nss'],
  ['afiliación IMSS: 01234567890.', 'nss'],
  // phones
  ['tel. 5512345678', 'phone'],
  ['Tel.5512345678', 'phone'],
  ['55 1234 5678', 'phone'],
  ['+52 999 123 4567', 'phone'],
  ['+525512345678', 'phone'],
  ['+52 1 55 1234 5678', 'phone'],
  ['(33) 3614-5500', 'phone'],
  ['cel 222-123-45-67', 'phone'],
  ['contactar al 81 12 34 56 78 por la tarde', 'phone'],
  // emails
  ['mama.ximena@gmail.com', 'email'],
  ['contacto: JUAN_PEREZ@hotmail.com.mx', 'email'],
  ['5512345678@correo.mx', 'email'],
  // names after a label
  ['Paciente: Juan Pérez López', 'name'],
  ['pte. María Guadalupe Hernández', 'name'],
  ['pte.Renata Solís', 'name'],
  ['Pcte Ángel Núñez', 'name'],
  ['nombre: Itzel Ramírez', 'name'],
  ['Nombre del paciente: Yahir Canul Pech', 'name'],
  ['hija de Rosa Martínez Ortega', 'name'],
  ['Madre: Leticia Gómez', 'name'],
  ['tutor: Octavio Ruiz Díaz', 'name'],
  ['menor María de la Luz Hernández', 'name'],
  // a common given name and surnames, without a label
  ['la niña Ximena Cruz Ortega tiene fiebre', 'name'],
  ['Hoy Mateo Sánchez acudió a consulta', 'name'],
  ['valoración de Santiago Núñez en urgencias', 'name'],
  ['Dr. Luis Ortiz comentó el caso de Sofía Ramírez', 'name'],
];

const clinical = [
  'Leucemia Linfoblástica Aguda de precursores B',
  'referida del Hospital Infantil de México Federico Gómez',
  'Protocolo AIEOP-BFM 2017',
  'Protocolo Total XV',
  'Sarcoma de Ewing',
  'Linfoma de Hodgkin clásico',
  'Dr. Ortiz opina que debe recibir radioterapia',
  'Dra. María Pérez López revisó la biopsia',
  'Dr. Luis Ortiz y Dra. Ana Sofía Ruiz',
  'originaria de San Luis Potosí',
  'Hospital Juan María de Salvatierra, La Paz',
  'Centenario Hospital Miguel Hidalgo',
  'referida del Hospital Universitario José Eleuterio González',
  'vive en la alcaldía Miguel Hidalgo, CDMX',
  'Paciente masculino de 5 años con LLA',
  'Paciente Femenina De Alto Riesgo',
  'PACIENTE CON LLA DE ALTO RIESGO',
  'antecedente de la madre. Leucemia Linfoblástica Aguda en la hermana',
  'blastos 85 %',
  'leucocitos 120,000/mm3',
  'Hb 7.2 g/dL, plaquetas 15,000',
  'MRD 0.01 % día 29',
  'CD19+ CD10+ CD34+',
  'Tel-AML1 negativo',
  't(12;21)(p13;q22), 46,XX',
  'C91.0',
  'diagnóstico 2026-11-23',
  'inicio 23-11-2026 10 h',
  'folio 123456789012 del expediente',
  'GOMC850101HZZRRN09',
  'MRD 0.00012345678901',
  '',
];

describe('identityLeak', () => {
  it.each(leaks)('flags %j as %s', (text, kind) => {
    expect(identityLeak(text)).toBe(kind);
  });

  it.each(clinical)('does not flag clinical text %j', (text) => {
    expect(identityLeak(text)).toBeUndefined();
  });

  it('still finds a name typed with decomposed accents', () => {
    expect(identityLeak('Paciente: Jose\u0301 Pe\u0301rez')).toBe('name');
  });
});

const validCase = {
  caseCode: 'YUC-2026-014',
  ageYears: 7,
  sex: 'female',
  state: 'YUC',
  icd10Code: 'C91.0',
  diagnosis: 'Leucemia linfoblástica aguda de precursores B',
  riskGroup: 'Alto riesgo',
  immunophenotype: 'CD19+ CD10+ CD34+',
  minimalResidualDisease: 'MRD 0.01 % día 29',
  currentProtocol: 'Protocolo Total XV',
  clinicalSummary: 'Niña de 7 años, leucocitos 120,000/mm3 al diagnóstico.',
  question: '¿Trasplante en primera remisión?',
};

describe('findIdentityLeaks', () => {
  it('reports every leaking string field, in schema order', () => {
    expect(findIdentityLeaks({ caseCode: 'GOMC850101HDFRRN09', ageYears: 7, clinicalSummary: 'Madre: Leticia Gómez, cel 55 1234 5678', question: 'ok' })).toEqual([
      { field: 'caseCode', kind: 'curp' },
      { field: 'clinicalSummary', kind: 'phone' },
    ]);
  });

  it('finds nothing in a pseudonymised case', () => {
    expect(findIdentityLeaks(caseFieldsWithoutIdentity.parse(validCase))).toEqual([]);
  });
});

describe('caseFieldsWithoutIdentity', () => {
  it('accepts a pseudonymised case', () => {
    expect(caseFieldsWithoutIdentity.safeParse(validCase).success).toBe(true);
  });

  it('refuses identifying data with one issue per field, naming the field', () => {
    const result = caseFieldsWithoutIdentity.safeParse({
      ...validCase,
      clinicalSummary: 'la niña Ximena Cruz Ortega, NSS 12345678901',
      question: 'contactar a mama.ximena@gmail.com',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['clinicalSummary'], 'looks like patient-identifying data (nss); use the case code only'],
      [['question'], 'looks like patient-identifying data (email); use the case code only'],
    ]);
  });

  it('checks the case code too', () => {
    const result = caseFieldsWithoutIdentity.safeParse({ ...validCase, caseCode: 'gomc850101hdfrrn09' });
    expect(result.error?.issues).toMatchObject([{ path: ['caseCode'], message: expect.stringContaining('(curp)') }]);
  });

  it('answers a hostile body at once: a megabyte of text is refused for its length, not scanned for names', () => {
    const megabyte = 'a'.repeat(100_000);
    const started = performance.now();
    const result = caseFieldsWithoutIdentity.safeParse({ ...validCase, clinicalSummary: megabyte, question: megabyte, otherResults: `${'1'.repeat(99_999)}@` });
    // Before: every start position was tried against the address pattern (50 s for such a body).
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(['clinicalSummary', 'otherResults', 'question']);
  });

  it('checks partial updates', () => {
    expect(partialCaseFieldsWithoutIdentity.safeParse({ question: '¿Cambiar a segunda línea?' }).success).toBe(true);
    const result = partialCaseFieldsWithoutIdentity.safeParse({ otherResults: 'Paciente: Juan Pérez López' });
    expect(result.error?.issues).toMatchObject([{ path: ['otherResults'], message: expect.stringContaining('(name)') }]);
  });
});

describe('caseCompleteness', () => {
  const fullCase = { ...caseFieldsWithoutIdentity.parse(validCase), attachments: [{ id: 'a1' }] };

  it('lists every item, in order, for an empty case', () => {
    expect(caseCompleteness({})).toEqual({ complete: false, missing: [...completenessItems] });
    expect(completenessItems).toEqual(['caseCode', 'age', 'sex', 'state', 'diagnosis', 'riskGroupOrStage', 'keyResults', 'currentProtocol', 'question', 'attachments']);
  });

  it('finds a full case complete', () => {
    expect(caseCompleteness(fullCase)).toEqual({ complete: true, missing: [] });
  });

  it('accepts an age of 0 years (infants)', () => {
    expect(caseCompleteness({ ...fullCase, ageYears: 0, ageMonths: 4 }).complete).toBe(true);
  });

  it('is satisfied by either a risk group or a stage', () => {
    expect(caseCompleteness({ ...fullCase, riskGroup: '', stage: 'IV' }).complete).toBe(true);
    expect(caseCompleteness({ ...fullCase, riskGroup: 'Alto riesgo', stage: '' }).complete).toBe(true);
    expect(caseCompleteness({ ...fullCase, riskGroup: '', stage: '' }).missing).toEqual(['riskGroupOrStage']);
  });

  it('needs both the ICD-10 code and the diagnosis text', () => {
    expect(caseCompleteness({ ...fullCase, icd10Code: '' }).missing).toEqual(['diagnosis']);
    expect(caseCompleteness({ ...fullCase, diagnosis: undefined }).missing).toEqual(['diagnosis']);
  });

  it('needs at least one key result', () => {
    const noResults = { ...fullCase, immunophenotype: '', minimalResidualDisease: '', immunohistochemistry: '', otherResults: '' };
    expect(caseCompleteness(noResults).missing).toEqual(['keyResults']);
    expect(caseCompleteness({ ...noResults, immunohistochemistry: 'CD99+ difuso' }).complete).toBe(true);
  });

  it('counts blank strings and no attachments as missing', () => {
    expect(caseCompleteness({ ...fullCase, caseCode: '  ', currentProtocol: ' ', question: '\n', otherResults: ' ', attachments: [] }).missing).toEqual([
      'caseCode',
      'currentProtocol',
      'question',
      'attachments',
    ]);
  });
});
