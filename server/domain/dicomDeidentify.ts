import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import type { ErrorReason } from '../../shared/ack';
import { identityLeak } from '../../shared/caseRules';
import {
  dicomBlankingOrder,
  dicomDescriptionAttributes,
  dicomIdentityAttributes,
  renderableTransferSyntaxes,
  transferSyntaxName,
  unrenderablePixels,
  type DicomBlankedItem,
} from '../../shared/dicom';
import { dicomImageInfo, frameByteLength } from '../../shared/dicomImage';
import { AppError } from './errors';

/**
 * Takes the patient out of a DICOM Part-10 file before it is stored: the identifying attributes
 * and the manufacturers' private attributes are overwritten in place with padding of the same
 * length, so the pixels, the geometry, the windows and every offset of the file stay as they were
 * (the original is never stored, and nothing is converted). UIDs are kept: they mean nothing
 * outside the sending hospital's archive and they are what groups the slices of a series.
 */

/** Where one file belongs and goes in its series. */
export interface DicomSliceInfo {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  modality: string;
  seriesNumber: number | null;
  seriesDescription: string;
  instanceNumber: number | null;
  /** Distance along the slice normal (ImagePositionPatient · normal of ImageOrientationPatient), mm. */
  position: number | null;
  frames: number;
}

export interface DeidentifiedDicom {
  bytes: Buffer;
  /** What held something and was blanked, in the order of the profile. */
  blanked: DicomBlankedItem[];
  slice: DicomSliceInfo;
}

/** "DICM" at offset 128: a Part-10 file, whatever its name says. */
export const isDicomPart10 = (head: Buffer): boolean => head.length >= 132 && head.subarray(128, 132).toString('latin1') === 'DICM';

const refuse = (reason: ErrorReason, message: string) => new AppError('invalid_input', message, 'file', reason);

const PIXEL_DATA = 'x7fe00010';
const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UR', 'UT']);
/** (FFFE,E000), the start of a sequence item, as stored little-endian. */
const ITEM_TAG = Buffer.from([0xfe, 0xff, 0x00, 0xe0]);

type Listed = { keyword: DicomBlankedItem; vr: string };
const identityByTag = new Map<string, Listed>(Object.entries(dicomIdentityAttributes).map(([keyword, { tag, vr }]) => [tag, { keyword: keyword as DicomBlankedItem, vr }]));
const descriptionByTag = new Map<string, Listed>(Object.entries(dicomDescriptionAttributes).map(([keyword, { tag, vr }]) => [tag, { keyword: keyword as DicomBlankedItem, vr }]));

const valueOf = (bytes: Buffer, element: Element) => bytes.subarray(element.dataOffset, element.dataOffset + element.length);
/** Something besides padding (spaces, NULs). */
const holdsSomething = (value: Buffer) => value.some((byte) => byte !== 0x20 && byte !== 0x00);
/** Printable text (Latin-1 or UTF-8 included) and separators, for values whose VR the file does not say. */
const looksLikeText = (value: Buffer) => value.every((byte) => byte >= 0x20 || byte === 0x00 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x1b);

/**
 * Blanks (or, with `dryRun`, only finds) what identifies the patient in `dataSet` and the items of
 * its sequences. Inside an identifying sequence or a private attribute everything is blanked;
 * descriptions only when the case texts' identity check finds patient data in them.
 */
function blankDataSet(bytes: Buffer, dataSet: DataSet, explicit: boolean, found: Set<DicomBlankedItem>, dryRun: boolean, inherited?: DicomBlankedItem): void {
  for (const element of Object.values(dataSet.elements)) {
    // Pixels, item delimiters and group lengths hold nothing about the patient.
    if (element.tag === PIXEL_DATA || element.tag.startsWith('xfffe') || element.tag.endsWith('0000')) continue;
    const identity = identityByTag.get(element.tag);
    const why = inherited ?? identity?.keyword ?? (dicomParser.isPrivateTag(element.tag) ? 'PrivateAttributes' : undefined);
    const items = element.items ?? (why ? unparsedItems(bytes, element) : undefined);
    if (items) {
      for (const item of items) if (item.dataSet) blankDataSet(bytes, item.dataSet, explicit, found, dryRun, why);
      continue;
    }
    if (element.hadUndefinedLength) {
      // A value of undefined length that is not a sequence cannot be blanked without breaking the file.
      if (why) throw refuse('dicom_unreadable', `the DICOM file holds an attribute ${element.tag} of undefined length that cannot be cleaned`);
      continue;
    }
    const value = valueOf(bytes, element);
    const description = descriptionByTag.get(element.tag);
    const blank = why ?? (description && identityLeak(value.toString('latin1')) ? description.keyword : undefined);
    if (!blank || !holdsSomething(value)) continue;
    found.add(blank);
    if (dryRun) continue;
    const vr = explicit && element.vr && element.vr !== 'UN' ? element.vr : (identity ?? description)?.vr;
    value.fill(vr ? (TEXT_VRS.has(vr) ? 0x20 : 0x00) : looksLikeText(value) ? 0x20 : 0x00);
  }
}

/**
 * The items of a sequence the parser left unread: private sequences in implicit VR, and values of
 * VR UN that hold a sequence (written implicit, as the standard says). Undefined when not a sequence.
 */
function unparsedItems(bytes: Buffer, element: Element): Element[] | undefined {
  if (!element.hadUndefinedLength && !valueOf(bytes, element).subarray(0, 4).equals(ITEM_TAG)) return undefined;
  try {
    const sequence: Element = { ...element, items: [] };
    dicomParser.readSequenceItemsImplicit(new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, bytes, element.dataOffset), sequence);
    return sequence.items;
  } catch {
    return undefined;
  }
}

function parse(bytes: Buffer): DataSet {
  try {
    return dicomParser.parseDicom(bytes);
  } catch (cause) {
    // dicom-parser throws strings, or { exception, dataSet } when it stops part way.
    const exception = (cause as { exception?: unknown } | undefined)?.exception;
    const detail = typeof cause === 'string' ? cause : typeof exception === 'string' ? exception : cause instanceof Error ? cause.message : 'parse error';
    throw refuse('dicom_unreadable', `the file says it is DICOM but cannot be read: ${detail}`);
  }
}

function sliceInfo(dataSet: DataSet, frames: number): DicomSliceInfo {
  const numbersOf = (tag: string, count: number) => {
    const values = Array.from({ length: count }, (_, index) => dataSet.floatString(tag, index));
    return values.every((value): value is number => value !== undefined && Number.isFinite(value)) ? values : null;
  };
  const origin = numbersOf('x00200032', 3);
  const orientation = numbersOf('x00200037', 6);
  let position: number | null = null;
  if (origin && orientation) {
    const [rx, ry, rz, cx, cy, cz] = orientation as [number, number, number, number, number, number];
    const normal = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
    position = origin[0]! * normal[0]! + origin[1]! * normal[1]! + origin[2]! * normal[2]!;
  }
  const sopInstanceUid = dataSet.string('x00080018') ?? '';
  return {
    studyInstanceUid: dataSet.string('x0020000d') ?? '',
    // A file without a series is a series of its own.
    seriesInstanceUid: dataSet.string('x0020000e') || `instance:${sopInstanceUid}`,
    sopInstanceUid,
    modality: dataSet.string('x00080060') ?? '',
    seriesNumber: dataSet.intString('x00200011') ?? null,
    seriesDescription: dataSet.string('x0008103e') ?? '',
    instanceNumber: dataSet.intString('x00200013') ?? null,
    position,
    frames,
  };
}

/** Checks that the file is an image the viewer draws, then blanks it; refuses (400, with a reason) anything else. */
export function deidentifyDicom(original: Buffer): DeidentifiedDicom {
  const dataSet = parse(original);
  const syntax = dataSet.string('x00020010') ?? '';
  if (!renderableTransferSyntaxes[syntax]) {
    throw refuse(
      'dicom_compressed',
      `the DICOM transfer syntax ${transferSyntaxName(syntax)} (${syntax}) is not shown here: send it uncompressed (Explicit or Implicit VR Little Endian)`,
    );
  }
  const pixels = dataSet.elements[PIXEL_DATA];
  if (!pixels) throw refuse('dicom_not_image', 'the DICOM file holds no image (no Pixel Data)');
  const image = dicomImageInfo(dataSet);
  const unrenderable = unrenderablePixels(image);
  if (unrenderable) throw refuse('dicom_unsupported_image', `DICOM pixels of ${unrenderable} are not shown here`);
  if (image.rows === 0 || image.columns === 0 || pixels.length < frameByteLength(image) * image.frames) {
    throw refuse('dicom_unreadable', 'the DICOM Pixel Data is shorter than its rows, columns and frames say');
  }
  if ((dataSet.string('x00280301') ?? '').toUpperCase() === 'YES') {
    throw refuse('dicom_burned_in', 'the DICOM file says patient data is burned into its pixels (Burned In Annotation YES), which cannot be taken out');
  }

  const explicit = syntax !== '1.2.840.10008.1.2';
  const bytes = Buffer.from(original);
  const found = new Set<DicomBlankedItem>();
  blankDataSet(bytes, dataSet, explicit, found, false);
  // The cleaned file is read again from scratch: it must parse, keep its pixels where they were, and hold nothing left to blank.
  const cleaned = parse(bytes);
  const left = new Set<DicomBlankedItem>();
  blankDataSet(bytes, cleaned, explicit, left, true);
  const cleanedPixels = cleaned.elements[PIXEL_DATA];
  if (left.size > 0 || cleanedPixels?.dataOffset !== pixels.dataOffset || cleanedPixels.length !== pixels.length) {
    throw refuse('dicom_identity_left', `patient data could not be taken out of the DICOM file (${[...left].join(', ') || 'pixel data moved'})`);
  }
  return { bytes, blanked: dicomBlankingOrder.filter((item) => found.has(item)), slice: sliceInfo(cleaned, image.frames) };
}
