import { describe, expect, it } from 'vitest';
import { searchIcd10 } from '../../shared/icd10';
import { behaviourCodes } from '../../shared/icdO3Behaviour';
import { findMorphology, icccGroups, icdO3Morphology, morphologyName, searchMorphology, type IcccGroup } from '../../shared/icdO3Morphology';
import { findTopography, icdO3Topography, searchTopography, topographyForIcd10 } from '../../shared/icdO3Topography';

const codesOf = (entries: { code: string }[]) => entries.map((entry) => entry.code);

describe('the ICD-O-3 topography', () => {
  it('has every subsite from C00.0 to C80.9 once, in canonical form, each named', () => {
    const codes = codesOf([...icdO3Topography]);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of icdO3Topography) {
      expect(entry.code).toMatch(/^C\d{2}\.\d$/);
      expect(entry.name.length).toBeGreaterThan(3);
    }
    expect(codes[0]).toBe('C00.0');
    expect(codes.at(-1)).toBe('C80.9');
    // Every three-character site of the classification (C00–C80 less the numbers it skips) has its subsites.
    const sites = new Set(codes.map((code) => code.slice(0, 3)));
    const skipped = ['C27', 'C28', 'C29', 'C35', 'C36', 'C43', 'C45', 'C46', 'C59', 'C78', 'C79'];
    for (let site = 0; site <= 80; site += 1) {
      const code = `C${String(site).padStart(2, '0')}`;
      expect(sites.has(code), code).toBe(!skipped.includes(code));
    }
    expect(codes.length).toBeGreaterThan(300);
  });

  it('finds subsites by code, subsite name, site name and synonyms, ignoring accents', () => {
    expect(codesOf(searchTopography('c716'))).toEqual(['C71.6']);
    expect(searchTopography('cerebelo')[0]?.code).toBe('C71.6');
    expect(codesOf(searchTopography('encefalo'))).toContain('C71.7');
    expect(searchTopography('tronco encefálico')[0]?.code).toBe('C71.7');
    expect(searchTopography('RIÑON')[0]?.code).toBe('C64.9');
    expect(searchTopography('fémur')[0]?.code).toBe('C40.2');
    expect(searchTopography('médula ósea')[0]?.code).toBe('C42.1');
    expect(findTopography('c80.9')?.name).toBe('Sitio primario desconocido');
    expect(searchTopography('xyzzy')).toEqual([]);
  });

  it('reads the site of an ICD-10 code where the two share it, not a lymph-node metastasis', () => {
    expect(topographyForIcd10('C71.6')?.code).toBe('C71.6');
    expect(topographyForIcd10('C64')?.code).toBe('C64.9');
    expect(topographyForIcd10('C91.0')).toBeUndefined();
    expect(topographyForIcd10('C77')).toBeUndefined();
  });
});

describe('the ICD-O-3 morphology', () => {
  it('codes each histology/behaviour once as NNNN/B, with valid behaviours and Spanish names', () => {
    const codes = codesOf([...icdO3Morphology]);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of icdO3Morphology) {
      expect(entry.code).toMatch(/^[89]\d{3}\/[012369]$/);
      expect(behaviourCodes).toContain(entry.code.slice(5));
    }
  });

  it('covers every ICCC-3 group of childhood cancer with the histologies a paediatric board meets', () => {
    const inGroup = (group: IcccGroup) => codesOf(icdO3Morphology.filter((entry) => entry.iccc === group));
    for (const group of Object.keys(icccGroups) as IcccGroup[]) expect(inGroup(group).length, group).toBeGreaterThan(0);
    expect(inGroup('I')).toEqual(expect.arrayContaining(['9811/3', '9837/3', '9861/3', '9866/3', '9946/3']));
    expect(inGroup('II')).toEqual(expect.arrayContaining(['9650/3', '9663/3', '9687/3', '9680/3', '9714/3', '9751/3']));
    expect(inGroup('III')).toEqual(expect.arrayContaining(['9421/1', '9470/3', '9508/3', '9385/3', '9391/3', '9350/1']));
    expect(inGroup('IV')).toEqual(expect.arrayContaining(['9500/3', '9490/3']));
    expect(inGroup('V')).toEqual(expect.arrayContaining(['9510/3']));
    expect(inGroup('VI')).toEqual(expect.arrayContaining(['8960/3', '8964/3', '8963/3']));
    expect(inGroup('VII')).toEqual(expect.arrayContaining(['8970/3', '8170/3']));
    expect(inGroup('VIII')).toEqual(expect.arrayContaining(['9180/3', '9260/3', '9220/3']));
    expect(inGroup('IX')).toEqual(expect.arrayContaining(['8910/3', '8920/3', '9040/3', '8814/3']));
    expect(inGroup('X')).toEqual(expect.arrayContaining(['9064/3', '9071/3', '9080/3', '9085/3']));
    expect(inGroup('XI')).toEqual(expect.arrayContaining(['8370/3', '8260/3', '8082/3', '8720/3']));
  });

  it('holds the common adult carcinomas, sarcomas and haematological neoplasms', () => {
    for (const code of [
      '8500/3',
      '8520/3',
      '8140/3',
      '8070/3',
      '8041/3',
      '8046/3',
      '8120/3',
      '8461/3',
      '8890/3',
      '8850/3',
      '8936/3',
      '9732/3',
      '9823/3',
      '9875/3',
      '9690/3',
      '9989/3',
    ]) {
      expect(findMorphology(code), code).toBeDefined();
    }
  });

  it('names a histology after the behaviour chosen for it', () => {
    expect(morphologyName('9490', '0')).toBe('Ganglioneuroma');
    expect(morphologyName('9490', '3')).toBe('Ganglioneuroblastoma');
    expect(morphologyName('9500', '6')).toBe('Neuroblastoma, SAI');
    expect(morphologyName('1234', '3')).toBeUndefined();
  });
});

describe('searching the oncology vocabularies', () => {
  const morphology = (query: string, limit?: number) => codesOf(searchMorphology(query, limit));

  it('finds each paediatric tumour by name in ICD-O-3 first, and in ICD-10 by its sites', () => {
    const expected: [string, string, string[]][] = [
      ['neuroblastoma', '9500/3', ['C74.9', 'C47.4']],
      ['Wilms', '8960/3', ['C64']],
      ['retinoblastoma', '9510/3', ['C69.2']],
      ['osteosarcoma', '9180/3', ['C40.2', 'C41.4']],
      ['Ewing', '9260/3', ['C40.2', 'C41.4']],
      ['meduloblastoma', '9470/3', ['C71.6']],
      ['rabdomiosarcoma', '8900/3', ['C49.0']],
    ];
    for (const [term, first, icd10] of expected) {
      expect(morphology(term)[0], term).toBe(first);
      expect(codesOf(searchIcd10(term, 50)), term).toEqual(expect.arrayContaining(icd10));
    }
  });

  it('ranks an abbreviation typed in full first: LLA gives the lymphoblastic leukaemias before anything else', () => {
    const lla = morphology('LLA', 12);
    expect(lla.slice(0, 2)).toEqual(['9811/3', '9835/3']);
    expect(lla).toEqual(expect.arrayContaining(['9812/3', '9814/3', '9837/3']));
    // Then only what an LLA may be called by: Burkitt leukaemia was the "LLA L3".
    expect(lla.slice(0, 9).every((code) => /^98(1\d|3[57])\/3$/.test(code))).toBe(true);
    expect(lla.slice(9)).toEqual(['9687/3']);
    expect(searchIcd10('LLA')[0]?.code).toBe('C91.0');
  });

  it.each([
    ['LMA', '9861/3'],
    ['LH', '9650/3'],
    ['LNH', '9591/3'],
    ['NB', '9500/3'],
    ['RMS', '8900/3'],
    ['SE', '9260/3'],
    ['OS', '9180/3'],
    ['TW', '8960/3'],
    ['RB', '9510/3'],
    ['MB', '9470/3'],
    ['GCT', '9064/3'],
    ['ATRT', '9508/3'],
  ])('gives %s first as %s', (abbreviation, code) => {
    expect(morphology(abbreviation)[0]).toBe(code);
    expect(morphology(abbreviation.toLowerCase())[0]).toBe(code);
  });

  it('ranks the exact code, then the start of names, then words found anywhere in the name', () => {
    expect(morphology('9500/3')).toEqual(['9500/3']);
    expect(morphology('95003')).toEqual(['9500/3']);
    expect(morphology('9490')).toEqual(['9490/3', '9490/0']);
    // Hepatoblastoma and hepatocarcinoma start with it; the hepatosplenic lymphoma, listed earlier, only has a word that does.
    expect(morphology('hepato')).toEqual(['8970/3', '8170/3', '9716/3', '8171/3']);
    expect(morphology('alveolar rabdomio')).toEqual(['8920/3']);
  });

  it('ignores accents and case both ways', () => {
    expect(morphology('LINFOBLÁSTICO DE CÉLULAS T')).toEqual(['9837/3']);
    expect(morphology('linfoblastico de celulas t')).toEqual(['9837/3']);
    expect(morphology('teratoide rabdoide')).toEqual(['9508/3']);
  });

  it('finds nothing for a term of no diagnosis, or a blank one', () => {
    expect(searchMorphology('xyzzy')).toEqual([]);
    expect(searchTopography('xyzzy')).toEqual([]);
    expect(searchMorphology('   ')).toEqual([]);
  });
});
