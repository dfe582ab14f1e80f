import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { deidentifyDicom, isDicomPart10 } from '../../server/domain/dicomDeidentify';
import { AppError } from '../../server/domain/errors';
import { dicomIdentityAttributes } from '../../shared/dicom';
import {
  IMPLICIT_LITTLE_ENDIAN,
  JPEG_2000,
  samplePatient,
  sampleCtAttributes,
  sampleCtSlice,
  writePart10,
  type DicomAttribute,
  EXPLICIT_LITTLE_ENDIAN,
} from '../support/dicomFiles';

/** Every tag the brief names, and what each sample file holds in it. */
const listed = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'OtherPatientIDs',
  'OtherPatientNames',
  'PatientAddress',
  'PatientTelephoneNumbers',
  'ReferringPhysicianName',
  'InstitutionName',
  'InstitutionAddress',
  'AccessionNumber',
  'IssuerOfPatientID',
  'PatientMotherBirthName',
  'MedicalRecordLocator',
] as const;

/** Attributes that must come out byte for byte: geometry, pixel format, windows, UIDs, modality, sex, dates of the study. */
const kept = [
  'x00080018',
  'x00080020',
  'x00080060',
  'x0008103e',
  'x00100040',
  'x00180050',
  'x0020000d',
  'x0020000e',
  'x00200013',
  'x00200032',
  'x00200037',
  'x00280010',
  'x00280011',
  'x00280030',
  'x00280100',
  'x00281050',
  'x00281051',
  'x00281052',
  'x00281053',
  'x7fe00010',
];

const parse = (bytes: Buffer) => dicomParser.parseDicom(bytes);
const valueBytes = (bytes: Buffer, dataSet: DataSet, tag: string) => {
  const element = dataSet.elements[tag]!;
  return bytes.subarray(element.dataOffset, element.dataOffset + element.length);
};
const replaced = (attributes: DicomAttribute[], tag: [number, number], vr: string, value: string): DicomAttribute[] => [
  ...attributes.filter((attribute) => attribute.tag[0] !== tag[0] || attribute.tag[1] !== tag[1]),
  { tag, vr, value },
];

function refusal(bytes: Buffer): AppError {
  try {
    deidentifyDicom(bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe.each([
  ['explicit VR little endian', EXPLICIT_LITTLE_ENDIAN],
  ['implicit VR little endian', IMPLICIT_LITTLE_ENDIAN],
])('de-identifying a DICOM file in %s', (_, transferSyntax) => {
  const original = sampleCtSlice({ slice: 2, transferSyntax });
  const { bytes, blanked, slice } = deidentifyDicom(original);
  const before = parse(original);
  const after = parse(bytes);

  it('blanks every identifying attribute, nested and private ones included, and says which', () => {
    for (const keyword of listed) {
      const { tag } = dicomIdentityAttributes[keyword];
      expect(after.elements[tag], keyword).toBeDefined();
      expect(after.string(tag) ?? '', keyword).toBe('');
    }
    expect(after.elements.x00101002!.items![0]!.dataSet!.string('x00100020') ?? '').toBe('');
    expect(valueBytes(bytes, after, 'x00091001').toString('latin1').trim()).toBe('');
    expect(blanked).toEqual([
      'PatientName',
      'PatientID',
      'IssuerOfPatientID',
      'PatientBirthDate',
      'OtherPatientIDs',
      'OtherPatientNames',
      'OtherPatientIDsSequence',
      'PatientAddress',
      'PatientMotherBirthName',
      'MedicalRecordLocator',
      'PatientTelephoneNumbers',
      'AccessionNumber',
      'StudyID',
      'InstitutionName',
      'InstitutionAddress',
      'ReferringPhysicianName',
      'PrivateAttributes',
    ]);
    for (const text of [samplePatient.name.split('^')[0]!, samplePatient.id, samplePatient.birthDate, 'Merida', 'IMSS-99887766', 'Juan']) {
      expect(bytes.includes(Buffer.from(text, 'latin1')), text).toBe(false);
    }
  });

  it('changes nothing else: same length, pixels and geometry byte-identical, only the blanked values differ', () => {
    expect(bytes.length).toBe(original.length);
    for (const tag of kept) expect(valueBytes(bytes, after, tag).equals(valueBytes(original, before, tag)), tag).toBe(true);
    expect(after.string('x00020010')).toBe(transferSyntax);
    const identityTags = new Set<string>(Object.values(dicomIdentityAttributes).map(({ tag }) => tag));
    const blankable = (dataSet: DataSet): Element[] =>
      Object.values(dataSet.elements).flatMap((element) => [
        ...(identityTags.has(element.tag) || dicomParser.isPrivateTag(element.tag) ? [element] : []),
        ...(element.items ?? []).flatMap((item) => blankable(item.dataSet!)),
      ]);
    const allowed = blankable(before);
    const changed = [...bytes.keys()].filter((index) => bytes[index] !== original[index]);
    expect(changed.length).toBeGreaterThan(0);
    for (const index of changed) {
      expect(
        allowed.some((element) => index >= element.dataOffset && index < element.dataOffset + element.length),
        `byte ${index}`,
      ).toBe(true);
    }
  });

  it('tells where the file goes in its series', () => {
    expect(slice).toMatchObject({ modality: 'CT', instanceNumber: 2, position: -10, frames: 1, seriesNumber: 3, seriesDescription: 'ABDOMEN CONTRASTADO' });
    expect(slice.seriesInstanceUid).toBe(before.string('x0020000e'));
  });

  it('leaves a clean file exactly as it was', () => {
    const again = deidentifyDicom(bytes);
    expect(again.blanked).toEqual([]);
    expect(again.bytes.equals(bytes)).toBe(true);
  });
});

describe('DICOM files refused on upload', () => {
  it('knows a Part-10 file by "DICM" at offset 128, not by its name', () => {
    expect(isDicomPart10(sampleCtSlice())).toBe(true);
    expect(isDicomPart10(Buffer.concat([Buffer.from('DICM'), Buffer.alloc(200)]))).toBe(false);
  });

  it('refuses a file that says DICM but cannot be read', () => {
    const broken = Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([0x02, 0x00, 0x10, 0x00, 0x55, 0x49, 0xff, 0x7f, 0x31])]);
    expect(refusal(broken)).toMatchObject({ code: 'invalid_input', field: 'file', reason: 'dicom_unreadable' });
  });

  it('refuses compressed pixels, naming the transfer syntax', () => {
    const error = refusal(sampleCtSlice({ transferSyntax: JPEG_2000 }));
    expect(error).toMatchObject({ reason: 'dicom_compressed', status: 400 });
    expect(error.message).toMatch(/JPEG 2000 \(1\.2\.840\.10008\.1\.2\.4\.91\)/);
  });

  it('refuses pixels with burned-in patient data, a file without an image, and pixel layouts it cannot draw', () => {
    expect(refusal(sampleCtSlice({ burnedIn: true })).reason).toBe('dicom_burned_in');
    expect(refusal(writePart10(sampleCtAttributes().filter((attribute) => attribute.tag[0] !== 0x7fe0))).reason).toBe('dicom_not_image');
    expect(refusal(sampleCtSlice({ photometric: 'YBR_FULL' })).reason).toBe('dicom_unsupported_image');
  });
});

describe('descriptions of the study', () => {
  it('keeps a clinical description and blanks one that names the patient', () => {
    const named = writePart10(replaced(sampleCtAttributes(), [0x0008, 0x1030], 'LO', 'TAC CURP PELJ150512HYNRPN09'));
    const { bytes, blanked } = deidentifyDicom(named);
    expect(blanked).toContain('StudyDescription');
    expect(parse(bytes).string('x00081030') ?? '').toBe('');
    expect(parse(bytes).string('x0008103e')).toBe('ABDOMEN CONTRASTADO');
  });
});

describe.each([
  ['explicit', EXPLICIT_LITTLE_ENDIAN],
  ['implicit', IMPLICIT_LITTLE_ENDIAN],
])('private sequences in %s VR', (_, transferSyntax) => {
  it('blanks the text inside them and keeps the structure readable', () => {
    const privateSequence: DicomAttribute = { tag: [0x0009, 0x1010], vr: 'SQ', value: [[{ tag: [0x0009, 0x1011], vr: 'LO', value: 'Dra. Pech, paciente Juan Perez' }]] };
    const original = writePart10([...sampleCtAttributes(), privateSequence], { transferSyntax });
    const { bytes } = deidentifyDicom(original);
    expect(bytes.includes(Buffer.from('Perez', 'latin1'))).toBe(false);
    const after = parse(bytes);
    expect(after.uint16('x00280010')).toBe(64);
    // Blanked inside its items, not wiped: the item still starts where it did.
    expect([...valueBytes(bytes, after, 'x00091010').subarray(0, 4)]).toEqual([0xfe, 0xff, 0x00, 0xe0]);
    expect(valueBytes(bytes, after, 'x7fe00010').equals(valueBytes(original, parse(original), 'x7fe00010'))).toBe(true);
  });
});
