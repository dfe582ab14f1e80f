import { describe, expect, it } from 'vitest';
import { findIcd10, icd10Oncology, searchIcd10 } from '../../shared/icd10';

const codesOf = (entries: { code: string }[]) => entries.map((entry) => entry.code);

describe('the ICD-10 oncology catalogue', () => {
  it('has each code once, in canonical form', () => {
    const codes = codesOf([...icd10Oncology]);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]\d{2}(\.\d{1,2})?$/);
  });

  it('covers the malignant categories and the codes the network uses most', () => {
    for (const code of [
      'C00',
      'C22.2',
      'C40.2',
      'C47.4',
      'C49.0',
      'C50.9',
      'C53.9',
      'C56',
      'C62.0',
      'C64',
      'C69.2',
      'C71.6',
      'C74.9',
      'C81.1',
      'C83.7',
      'C91.0',
      'C92.0',
      'C95.0',
      'C97',
      'D06',
      'D46',
      'Z51.1',
      'Z51.5',
    ]) {
      expect(findIcd10(code), code).toBeDefined();
    }
  });

  it('finds codes by prefix, with or without the dot and in any case', () => {
    expect(codesOf(searchIcd10('c910'))).toEqual(['C91.0']);
    expect(codesOf(searchIcd10('C91.0'))).toEqual(['C91.0']);
    expect(codesOf(searchIcd10('c91'))).toEqual(['C91', 'C91.0', 'C91.1', 'C91.3', 'C91.4', 'C91.5', 'C91.6', 'C91.7', 'C91.8', 'C91.9']);
  });

  it('finds descriptions by every word of the query, ignoring case and accents', () => {
    expect(codesOf(searchIcd10('leucemia linfo'))).toContain('C91.0');
    expect(codesOf(searchIcd10('linfoblastica'))).toEqual(['C91.0']);
    expect(codesOf(searchIcd10('LINFOBLÁSTICA aguda'))).toEqual(['C91.0']);
    expect(codesOf(searchIcd10('retina'))).toEqual(['C69.2']);
    expect(searchIcd10('hepatoblastoma')[0]?.code).toBe('C22.2');
    expect(searchIcd10('leucemia cerebelo')).toEqual([]);
  });

  it('lists code matches before description matches', () => {
    const codes = codesOf(searchIcd10('c6', 50));
    expect(codes[0]).toBe('C60');
    expect(codes.every((code) => code.startsWith('C6'))).toBe(true);
  });

  it('finds the paediatric tumours ICD-10 codes by site under the names clinicians type', () => {
    expect(codesOf(searchIcd10('neuroblastoma'))).toEqual(expect.arrayContaining(['C74.9', 'C74.1', 'C47.3', 'C47.4', 'C48']));
    expect(codesOf(searchIcd10('Wilms'))).toEqual(['C64']);
    expect(codesOf(searchIcd10('retinoblastoma'))).toEqual(['C69.2']);
    expect(codesOf(searchIcd10('osteosarcoma', 50))).toEqual(expect.arrayContaining(['C40.2', 'C41.4']));
    expect(codesOf(searchIcd10('osteosarcoma', 50)).every((code) => /^C4[01]/.test(code))).toBe(true);
    expect(codesOf(searchIcd10('Ewing', 50))).toEqual(expect.arrayContaining(['C40.2', 'C41.4', 'C49.4']));
    expect(codesOf(searchIcd10('meduloblastoma'))).toEqual(['C71.6']);
    expect(codesOf(searchIcd10('rabdomiosarcoma', 50))).toEqual(expect.arrayContaining(['C49.0', 'C49.5', 'C69.6']));
  });

  it('puts an abbreviation typed in full first, and never matches it inside another word', () => {
    expect(searchIcd10('LLA')[0]?.code).toBe('C91.0');
    expect(searchIcd10('lla')[0]?.code).toBe('C91.0');
    expect(codesOf(searchIcd10('LLA'))).not.toContain('C41.3');
    expect(searchIcd10('LMA')[0]?.code).toBe('C92.0');
    expect(searchIcd10('TW')[0]?.code).toBe('C64');
    expect(searchIcd10('LH')[0]?.code).toBe('C81');
    expect(codesOf(searchIcd10('LNH'))).toContain('C85.9');
  });

  it('finds nothing for a term of no diagnosis', () => {
    expect(searchIcd10('xyzzy')).toEqual([]);
  });

  it('honours the limit', () => {
    expect(searchIcd10('tumor maligno')).toHaveLength(20);
    expect(searchIcd10('tumor maligno', 5)).toHaveLength(5);
    expect(searchIcd10('c', 3)).toHaveLength(3);
  });

  it('finds nothing for a blank query', () => {
    expect(searchIcd10('   ')).toEqual([]);
  });

  it('looks codes up with or without the dot, and not unknown ones', () => {
    expect(findIcd10('c91.0')?.description).toBe('Leucemia linfoblástica aguda [LLA]');
    expect(findIcd10('C910')?.code).toBe('C91.0');
    expect(findIcd10('C64')?.description).toBe('Tumor maligno del riñón, excepto de la pelvis renal');
    expect(findIcd10('C99')).toBeUndefined();
    expect(findIcd10('X00.0')).toBeUndefined();
  });
});
