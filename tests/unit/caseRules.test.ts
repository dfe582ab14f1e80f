import { describe, expect, it } from 'vitest';
import { caseCompleteness, caseFieldsWithoutIdentity, completenessItems, findIdentityLeaks, identityLeak, partialCaseFieldsWithoutIdentity } from '../../shared/caseRules';

/** Texts refused, with the kind of data found. */
const leaks: [string, ReturnType<typeof identityLeak>][] = [
  // CURP, anywhere and in any case
  ['CURP GOMC850101HDFRRN09', 'curp'],
  ['curp: gomc850101hdfrrn09 (verificada)', 'curp'],
  ['Registro:LOPM120315MYNRRSA7.', 'curp'],
  ['nacido en el extranjero XAXX010101HNEXXXA4', 'curp'],
  // CURP in its groups, as a new user saved them, and with the other separators people type
  ['curp pelj 100512 hynrpn09', 'curp'],
  ['PELJ 100512 HYNRPN09', 'curp'],
  ['PELJ-100512-HYNRPN-09', 'curp'],
  ['pelj.100512.hynrpn.09', 'curp'],
  ['Registro civil: PELJ 100512 HYNRPN 09.', 'curp'],
  // whatever 18-character code follows the word CURP, mistyped state or date included
  ['CURP: ABCD123456EFGHIJ78', 'curp'],
  ['CURP PELJ 100512 HXXRPN09 (estado mal capturado)', 'curp'],
  ['C.U.R.P. pelj100512hzzrpn09', 'curp'],
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
  // names after a label in lower case or in capitals: known given names and surnames
  ['paciente juan pérez lópez', 'name'],
  ['PACIENTE JUAN PÉREZ LÓPEZ', 'name'],
  ['pte juan perez', 'name'],
  ['madre rosa martínez ortega refiere fiebre', 'name'],
  ['tutor: octavio ruiz díaz', 'name'],
  ['hijo de maría lópez', 'name'],
  ['padre: ANTONIO GARCÍA', 'name'],
  ['paciente itzel ramírez ortega', 'name'],
  ['PACIENTE ITZEL CANUL PECH', 'name'],
  ['pte. yáñez ordóñez', 'name'],
  // whatever two words follow "Nombre:"
  ['Nombre: itzel canul', 'name'],
  ['NOMBRE: ITZEL RAMÍREZ', 'name'],
  ['nombre completo: yahir canul pech', 'name'],
  // a common given name and surnames, without a label
  ['la niña Ximena Cruz Ortega tiene fiebre', 'name'],
  ['Hoy Mateo Sánchez acudió a consulta', 'name'],
  ['valoración de Santiago Núñez en urgencias', 'name'],
  ['Dr. Luis Ortiz comentó el caso de Sofía Ramírez', 'name'],
];

/** Texts accepted: the medicine written in cases, eponyms, places, physicians and numbers included. */
const clinical = [
  'Leucemia Linfoblástica Aguda de precursores B',
  'referida del Hospital Infantil de México Federico Gómez',
  'Protocolo AIEOP-BFM 2017',
  'Protocolo Total XV',
  'LLA riesgo alto protocolo St. Jude Total XV',
  'Total XV riesgo estándar: día 8 buena respuesta a prednisona',
  'PACIENTE CON SÍNDROME DE DOWN Y LLA, PROTOCOLO TOTAL XVI',
  'Sarcoma de Ewing',
  'sarcoma de Ewing de fémur izquierdo',
  'Linfoma de Hodgkin clásico',
  'linfoma de Hodgkin clásico, esclerosis nodular, ABVD 4 ciclos',
  'linfoma de Burkitt con afección abdominal, LDH 1 250 U/L',
  'tumor de Wilms favorable, estadio III',
  'síndrome de Down con leucemia mieloide aguda',
  'síndrome de Li-Fraumeni (TP53 germinal)',
  'Dr. Ortiz opina que debe recibir radioterapia',
  'Dr. Ortiz solicita valoración por oncología pediátrica',
  'Dra. María Pérez López revisó la biopsia',
  'Dr. Luis Ortiz y Dra. Ana Sofía Ruiz',
  'paciente valorado por el Dr. Juan Pérez López',
  'originaria de San Luis Potosí',
  'Hospital Juan María de Salvatierra, La Paz',
  'Centenario Hospital Miguel Hidalgo',
  'referida del Hospital Universitario José Eleuterio González',
  'referida del Hospital General de México Dr. Eduardo Liceaga',
  'Instituto Nacional de Pediatría',
  'Hospital Infantil Teletón de Oncología, Querétaro',
  'trasplante haploidéntico en el Centro Médico Nacional 20 de Noviembre',
  'vive en la alcaldía Miguel Hidalgo, CDMX',
  // a label followed by anything but a name
  'Paciente masculino de 5 años con LLA',
  'Paciente Femenina De Alto Riesgo',
  'PACIENTE CON LLA DE ALTO RIESGO',
  'Paciente femenina de 4 años con neuroblastoma estadio M INRG',
  'Paciente: femenina, 15 años, tumor de células germinales',
  'paciente masculino de 16 años con LNH anaplásico ALK+',
  'PACIENTE MASCULINO DE 12 AÑOS CON OSTEOSARCOMA DE TIBIA DERECHA',
  'PACIENTE CON NEUTROPENIA FEBRIL, SE INICIA CEFEPIME',
  'PACIENTE EN REMISIÓN COMPLETA, EMR < 0.01 % AL DÍA 33',
  'paciente campos pulmonares bien ventilados',
  'paciente delgado, moreno, con palidez de tegumentos',
  'pte. en quimioterapia de mantenimiento con 6-mercaptopurina 50 mg/m2/día',
  'madre refiere fiebre de 39 °C desde hace 3 días',
  'madre con antecedente de cáncer de mama BRCA1',
  'madre: 34 años, sana',
  'madre de 17 años, padre ausente',
  'padre sano, hermano de 8 años compatible HLA 10/10',
  'HIJO DE MADRE CON DIABETES GESTACIONAL',
  'tutor legal: abuela materna',
  'tutora: trabajadora social del hospital',
  'antecedente de la madre. Leucemia Linfoblástica Aguda en la hermana',
  'Nombre del protocolo: AIEOP-BFM ALL 2017',
  'nombre del esquema: BEP × 4',
  'Nombre comercial: Oncaspar (pegaspargasa) 2 500 UI/m2',
  'nombre: se omite por confidencialidad',
  'Nombre: ver clave del caso',
  // drugs and doses
  'vincristina 1.5 mg/m2 IV semanal',
  'metotrexato 5 g/m2 en 24 h con rescate de leucovorina',
  'citarabina 3 g/m2 cada 12 h días 1, 3 y 5',
  'ifosfamida 1 800 mg/m2/día × 5 días con mesna',
  'radioterapia 54 Gy en 30 fracciones',
  // scales, staging, codes
  'ECOG 1, Karnofsky 80 %',
  'Lansky 70',
  'cT2N1M0, estadio IIB',
  'C91.0',
  'C91.0 Leucemia linfoblástica aguda; C40.2 osteosarcoma',
  'CIE-10 C71.6, meduloblastoma de fosa posterior grupo SHH',
  'ICD-O 9500/3',
  'CURP en trámite',
  'sin CURP registrada; clave del caso YUC-2026-014',
  // lab values, dates and other numbers
  'blastos 85 %',
  'leucocitos 120,000/mm3',
  'leucocitos 125 000/µL, Hb 6.8 g/dL, plaquetas 22 000/µL',
  'Hb 7.2 g/dL, plaquetas 15,000',
  'AFP 1 250 ng/mL, β-hCG < 2 mUI/mL',
  'carga viral EBV 12 500 copias/mL',
  'muestra 5512 34 en laboratorio central',
  'MRD 0.01 % día 29',
  'CD19+ CD10+ CD34+',
  'Ki-67 95 %, CD20+, BCL2−, MYC reordenado',
  'FISH: BCR-ABL1 negativo, KMT2A sin rearreglo',
  'Tel-AML1 negativo',
  't(12;21)(p13;q22), 46,XX',
  'diagnóstico 2026-11-23',
  'inicio 23-11-2026 10 h',
  'RM del 12/05/2025: masa retroperitoneal de 8 × 6 × 5 cm',
  'biopsia 2024-05-12; folio de patología Q-24-1234',
  'folio 123456789012 del expediente',
  'GOMC850101HZZRRN09',
  'MRD 0.00012345678901',
  '',
];

/** 20,000 characters of each shape that made a check slow, or could: every label, name or number start re-read the rest. */
const longTexts = {
  clinical: 'Paciente femenina de 4 años con LLA, Dr. Ortiz, leucocitos 125 000/µL, CURP en trámite. ',
  labels: 'paciente ',
  capitalisedLabels: 'Paciente Con ',
  lowerCaseLabels: 'pte juan de la ',
  nameFields: 'nombre: ',
  physicians: 'Dr. Juan Pérez ',
  hospitals: 'Hospital María López ',
  curpGroups: 'PELJ 100512 ',
  curpLabels: 'curp: abcd ',
  numbers: '12-',
  letters: 'a',
  spaces: ' ',
};

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

  it.each(Object.entries(longTexts))('checks 20,000 characters of %s in a few milliseconds', (_shape, unit) => {
    const text = unit.repeat(Math.ceil(20_000 / unit.length)).slice(0, 20_000);
    identityLeak(text);
    // The best of a few runs: one run can be slowed by whatever else the machine does.
    const runs = Array.from({ length: 5 }, () => {
      const started = performance.now();
      identityLeak(text);
      return performance.now() - started;
    });
    expect(Math.min(...runs)).toBeLessThan(10);
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
