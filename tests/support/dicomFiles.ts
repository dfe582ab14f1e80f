/**
 * Small real DICOM Part-10 files for tests, written byte by byte: the 128-byte preamble, "DICM",
 * the file meta group (always explicit VR little endian) and a data set in the transfer syntax
 * asked for, with patient data, a private text attribute, a sequence and a 16-bit gradient.
 */

export const EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const IMPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const JPEG_2000 = '1.2.840.10008.1.2.4.91';

/** An attribute: its tag as (group, element), VR and value; a sequence's value is its items. */
export interface DicomAttribute {
  tag: [number, number];
  vr: string;
  value: string | Buffer | DicomAttribute[][];
}

/** VRs whose explicit encoding has a 4-byte length after two reserved bytes. */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

function padded(value: string | Buffer, vr: string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  if (bytes.length % 2 === 0) return bytes;
  return Buffer.concat([bytes, Buffer.from([vr === 'UI' || vr === 'OB' || vr === 'UN' ? 0x00 : 0x20])]);
}

function encodeAttribute({ tag: [group, element], vr, value }: DicomAttribute, explicit: boolean): Buffer {
  const body = Array.isArray(value) ? encodeItems(value, explicit) : padded(value, vr);
  const tag = Buffer.alloc(4);
  tag.writeUInt16LE(group, 0);
  tag.writeUInt16LE(element, 2);
  if (!explicit) {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(body.length);
    return Buffer.concat([tag, length, body]);
  }
  const header = Buffer.alloc(LONG_VRS.has(vr) ? 8 : 4);
  header.write(vr, 0, 'latin1');
  if (LONG_VRS.has(vr)) header.writeUInt32LE(body.length, 4);
  else header.writeUInt16LE(body.length, 2);
  return Buffer.concat([tag, header, body]);
}

/** Sequence items of defined length. */
function encodeItems(items: DicomAttribute[][], explicit: boolean): Buffer {
  return Buffer.concat(
    items.map((item) => {
      const content = encodeDataSet(item, explicit);
      const header = Buffer.alloc(8);
      header.writeUInt16LE(0xfffe, 0);
      header.writeUInt16LE(0xe000, 2);
      header.writeUInt32LE(content.length, 4);
      return Buffer.concat([header, content]);
    }),
  );
}

function encodeDataSet(attributes: DicomAttribute[], explicit: boolean): Buffer {
  const sorted = [...attributes].sort((a, b) => a.tag[0] - b.tag[0] || a.tag[1] - b.tag[1]);
  return Buffer.concat(sorted.map((attribute) => encodeAttribute(attribute, explicit)));
}

/** A Part-10 file: preamble, DICM, meta group with its length, then the data set. */
export function writePart10(attributes: DicomAttribute[], options: { transferSyntax?: string; sopInstanceUid?: string } = {}): Buffer {
  const transferSyntax = options.transferSyntax ?? EXPLICIT_LITTLE_ENDIAN;
  const meta = encodeDataSet(
    [
      { tag: [0x0002, 0x0001], vr: 'OB', value: Buffer.from([0x00, 0x01]) },
      { tag: [0x0002, 0x0002], vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' },
      { tag: [0x0002, 0x0003], vr: 'UI', value: options.sopInstanceUid ?? '2.25.1' },
      { tag: [0x0002, 0x0010], vr: 'UI', value: transferSyntax },
      { tag: [0x0002, 0x0012], vr: 'UI', value: '2.25.424242' },
    ],
    true,
  );
  const groupLength = encodeAttribute({ tag: [0x0002, 0x0000], vr: 'UL', value: uint32(meta.length) }, true);
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1'), groupLength, meta, encodeDataSet(attributes, transferSyntax !== IMPLICIT_LITTLE_ENDIAN)]);
}

const uint16 = (value: number) => {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(value);
  return bytes;
};
const uint32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
};

export const SIZE = 64;
const STUDY_UID = '1.2.826.0.1.3680043.8.498.1001';
const SERIES_UID = '1.2.826.0.1.3680043.8.498.1001.2';

/** Hounsfield units of the synthetic CT at (x, y) of slice `slice` (1-based): a ramp, mostly left to right, shifted per slice. */
export const gradientHu = (x: number, y: number, slice: number) => -1000 + x * 32 + y + slice * 10;

/** The identifying values every sample file carries, as written. */
export const samplePatient = {
  name: 'PEREZ LOPEZ^JUAN',
  id: 'EXP-0045123',
  birthDate: '20150512',
  institution: 'Hospital General de Merida',
  privateText: 'Juan Perez Lopez, expediente 0045123',
};

export interface SampleSliceOptions {
  slice?: number;
  transferSyntax?: string;
  seriesUid?: string;
  burnedIn?: boolean;
  photometric?: string;
}

/** The attributes of slice `slice` of a 64×64 16-bit CT series (stored value = HU + 1024). */
export function sampleCtAttributes({ slice = 1, seriesUid = SERIES_UID, burnedIn = false, photometric = 'MONOCHROME2' }: SampleSliceOptions = {}): DicomAttribute[] {
  const pixels = Buffer.alloc(SIZE * SIZE * 2);
  for (let y = 0; y < SIZE; y += 1) for (let x = 0; x < SIZE; x += 1) pixels.writeUInt16LE(gradientHu(x, y, slice) + 1024, (y * SIZE + x) * 2);
  return [
    { tag: [0x0008, 0x0016], vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' },
    { tag: [0x0008, 0x0018], vr: 'UI', value: `${seriesUid}.${slice}` },
    { tag: [0x0008, 0x0020], vr: 'DA', value: '20260301' },
    { tag: [0x0008, 0x0050], vr: 'SH', value: 'ACC778899' },
    { tag: [0x0008, 0x0060], vr: 'CS', value: 'CT' },
    { tag: [0x0008, 0x0080], vr: 'LO', value: samplePatient.institution },
    { tag: [0x0008, 0x0081], vr: 'ST', value: 'Calle 59 No. 514, Merida, Yucatan' },
    { tag: [0x0008, 0x0090], vr: 'PN', value: 'CANUL^ROBERTO^^DR' },
    { tag: [0x0008, 0x103e], vr: 'LO', value: 'ABDOMEN CONTRASTADO' },
    { tag: [0x0010, 0x0010], vr: 'PN', value: samplePatient.name },
    { tag: [0x0010, 0x0020], vr: 'LO', value: samplePatient.id },
    { tag: [0x0010, 0x0021], vr: 'LO', value: 'HGM-YUC' },
    { tag: [0x0010, 0x0030], vr: 'DA', value: samplePatient.birthDate },
    { tag: [0x0010, 0x0040], vr: 'CS', value: 'M' },
    { tag: [0x0010, 0x1000], vr: 'LO', value: 'CURP PELJ150512HYNRPN09' },
    { tag: [0x0010, 0x1001], vr: 'PN', value: 'PEREZ^JUANITO' },
    { tag: [0x0010, 0x1002], vr: 'SQ', value: [[{ tag: [0x0010, 0x0020], vr: 'LO', value: 'IMSS-99887766' }]] },
    { tag: [0x0010, 0x1040], vr: 'LO', value: 'Calle 60 No. 123, Merida' },
    { tag: [0x0010, 0x1060], vr: 'PN', value: 'LOPEZ^MARIA' },
    { tag: [0x0010, 0x1090], vr: 'LO', value: 'ARCHIVO-7-B' },
    { tag: [0x0010, 0x2154], vr: 'SH', value: '9991234567' },
    { tag: [0x0009, 0x0010], vr: 'LO', value: 'ACME HOSPITAL 1.0' },
    { tag: [0x0009, 0x1001], vr: 'LO', value: samplePatient.privateText },
    { tag: [0x0009, 0x1002], vr: 'US', value: uint16(7) },
    { tag: [0x0018, 0x0050], vr: 'DS', value: '5' },
    { tag: [0x0020, 0x000d], vr: 'UI', value: STUDY_UID },
    { tag: [0x0020, 0x000e], vr: 'UI', value: seriesUid },
    { tag: [0x0020, 0x0010], vr: 'SH', value: 'EST-3321' },
    { tag: [0x0020, 0x0011], vr: 'IS', value: '3' },
    { tag: [0x0020, 0x0013], vr: 'IS', value: String(slice) },
    { tag: [0x0020, 0x0032], vr: 'DS', value: `-160\\-160\\${-slice * 5}` },
    { tag: [0x0020, 0x0037], vr: 'DS', value: '1\\0\\0\\0\\1\\0' },
    { tag: [0x0028, 0x0002], vr: 'US', value: uint16(1) },
    { tag: [0x0028, 0x0004], vr: 'CS', value: photometric },
    { tag: [0x0028, 0x0010], vr: 'US', value: uint16(SIZE) },
    { tag: [0x0028, 0x0011], vr: 'US', value: uint16(SIZE) },
    { tag: [0x0028, 0x0030], vr: 'DS', value: '0.8\\0.8' },
    { tag: [0x0028, 0x0100], vr: 'US', value: uint16(16) },
    { tag: [0x0028, 0x0101], vr: 'US', value: uint16(12) },
    { tag: [0x0028, 0x0102], vr: 'US', value: uint16(11) },
    { tag: [0x0028, 0x0103], vr: 'US', value: uint16(0) },
    ...(burnedIn ? [{ tag: [0x0028, 0x0301], vr: 'CS', value: 'YES' } satisfies DicomAttribute] : []),
    { tag: [0x0028, 0x1050], vr: 'DS', value: '40' },
    { tag: [0x0028, 0x1051], vr: 'DS', value: '400' },
    { tag: [0x0028, 0x1052], vr: 'DS', value: '-1024' },
    { tag: [0x0028, 0x1053], vr: 'DS', value: '1' },
    { tag: [0x7fe0, 0x0010], vr: 'OW', value: pixels },
  ];
}

/** One slice of the sample CT series as a Part-10 file. */
export const sampleCtSlice = (options: SampleSliceOptions = {}): Buffer =>
  writePart10(sampleCtAttributes(options), { transferSyntax: options.transferSyntax, sopInstanceUid: `${options.seriesUid ?? SERIES_UID}.${options.slice ?? 1}` });

/** `count` slices of one series, slice 1 first. */
export const sampleCtSeries = (count: number, options: Omit<SampleSliceOptions, 'slice'> = {}): Buffer[] =>
  Array.from({ length: count }, (_, index) => sampleCtSlice({ ...options, slice: index + 1 }));
