import { describe, expect, it } from 'vitest';
import { esMX } from '../../client/i18n/es-MX';
import { blankCoding, codingIssues } from '../../shared/cases';
import { caseCompleteness, caseFieldsWithoutIdentity } from '../../shared/caseRules';
import { applicableStaging, stagingFields } from '../../shared/staging';

describe('which staging a diagnosis takes', () => {
  it.each([
    ['a neuroblastoma by its morphology', { icd10Code: 'C74.9', icdO3Morphology: '9500' }, ['inrgStage', 'inrgRisk']],
    ['a ganglioneuroblastoma', { icd10Code: 'C76.2', icdO3Morphology: '9490' }, ['inrgStage', 'inrgRisk']],
    ['an adrenal or paraspinal tumour not yet typed', { icd10Code: 'C47.4' }, ['inrgStage', 'inrgRisk']],
    ['a Wilms tumour', { icd10Code: 'C64' }, ['cogRenalStage', 'cogRenalRisk']],
    ['a clear cell sarcoma of the kidney', { icd10Code: 'C64', icdO3Morphology: '8964' }, ['cogRenalStage', 'cogRenalRisk']],
    ['a Burkitt lymphoma', { icd10Code: 'C83.7', icdO3Morphology: '9687' }, ['murphyStage']],
    ['an anaplastic large cell lymphoma coded only in ICD-O-3', { icd10Code: 'C96', icdO3Morphology: '9714' }, ['murphyStage']],
    ['a Hodgkin lymphoma', { icd10Code: 'C81.1', icdO3Morphology: '9663' }, ['hodgkinStage']],
    ['an acute lymphoblastic leukaemia', { icd10Code: 'C91.0', icdO3Morphology: '9811' }, ['allNciRisk', 'allFinalRisk']],
    ['a T lymphoblastic leukaemia', { icd10Code: 'C91.0', icdO3Morphology: '9837' }, ['allNciRisk', 'allFinalRisk']],
    ['a lymphoblastic lymphoma', { icd10Code: 'C83.5', icdO3Morphology: '9811' }, ['murphyStage', 'allNciRisk', 'allFinalRisk']],
    ['an acute myeloid leukaemia', { icd10Code: 'C92.0', icdO3Morphology: '9861' }, []],
    ['an osteosarcoma', { icd10Code: 'C40.2', icdO3Morphology: '9180' }, []],
    ['a medulloblastoma', { icd10Code: 'C71.6', icdO3Morphology: '9470' }, []],
    ['nothing chosen yet', {}, []],
  ])('%s', (_case, diagnosis, fields) => {
    expect(applicableStaging(diagnosis)).toEqual(fields);
  });
});

describe('a case’s coding and staging', () => {
  const neuroblastoma = {
    caseCode: 'OAX-2026-002',
    ageYears: 3,
    sex: 'male',
    state: 'OAX',
    icd10Code: 'c749',
    diagnosis: 'Neuroblastoma suprarrenal',
    icdO3Topography: 'c749',
    icdO3Morphology: '9500',
    icdO3Behaviour: '3',
    inrgStage: 'M',
    inrgRisk: 'high',
  };
  const stored = caseFieldsWithoutIdentity.parse(neuroblastoma);

  it('keeps the codes in the lists’ spelling and blank staging as "not recorded"', () => {
    expect(stored).toMatchObject({ icd10Code: 'C74.9', icdO3Topography: 'C74.9', icdO3Morphology: '9500', inrgStage: 'M', inrgRisk: 'high', murphyStage: '' });
    expect(codingIssues(stored)).toEqual([]);
    const { icdO3Topography, icdO3Morphology, icdO3Behaviour, inrgStage, inrgRisk, ...uncoded } = neuroblastoma;
    expect(caseFieldsWithoutIdentity.parse(uncoded)).toMatchObject(blankCoding);
  });

  it.each([
    ['an unknown stage', { inrgStage: 'M4' }, 'inrgStage'],
    ['an unknown risk', { inrgRisk: 'extreme' }, 'inrgRisk'],
    ['a topography outside C00.0–C80.9', { icdO3Topography: 'C81.0' }, 'icdO3Topography'],
    ['a morphology outside the list', { icdO3Morphology: '1234' }, 'icdO3Morphology'],
    ['a morphology with its behaviour glued on', { icdO3Morphology: '9500/3' }, 'icdO3Morphology'],
    ['a behaviour that does not exist', { icdO3Behaviour: '4' }, 'icdO3Behaviour'],
  ])('refuses %s', (_case, change, field) => {
    const issues = caseFieldsWithoutIdentity.safeParse({ ...neuroblastoma, ...change }).error?.issues ?? [];
    expect(issues.map((issue) => issue.path[0])).toContain(field);
  });

  it('refuses staging that does not fit the diagnosis, and a morphology without its behaviour', () => {
    expect(codingIssues({ ...stored, icd10Code: 'C91.0', icdO3Morphology: '9811', allNciRisk: 'high' }).map((issue) => issue.field)).toEqual(['inrgStage', 'inrgRisk']);
    expect(codingIssues({ ...stored, icdO3Behaviour: '' }).map((issue) => issue.field)).toEqual(['icdO3Behaviour']);
    expect(codingIssues({ ...stored, icdO3Morphology: '' }).map((issue) => issue.field)).toEqual(['icdO3Morphology']);
  });

  it('tells the presenter in Spanish what each refused field needs', () => {
    for (const field of ['icdO3Topography', 'icdO3Morphology', 'icdO3Behaviour', ...stagingFields] as const) expect(esMX.fields[field], field).toMatch(/[a-záéíóú]/);
    expect(esMX.fields.inrgStage).toBe('El estadio INRG (L1, L2, M o MS) solo corresponde a neuroblastoma.');
  });

  it('counts a structured stage or risk as the case’s risk group or stage', () => {
    const missing = (fields: object) => caseCompleteness({ ...stored, ...fields }).missing;
    expect(missing({})).not.toContain('riskGroupOrStage');
    expect(missing({ inrgStage: '', inrgRisk: '' })).toContain('riskGroupOrStage');
  });
});
