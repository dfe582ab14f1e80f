import { z } from 'zod';

/**
 * DICOM images in a case: what the server blanks from every file, what the viewer can draw and the
 * window presets everyone in the room follows.
 */

/**
 * Attributes that name or locate the patient, or the people and places of their care (the part of
 * the DICOM basic de-identification profile, PS3.15 E.1-1, that matters to a tumor board). Blanked
 * in place on upload; sequences lose every value inside them.
 */
export const dicomIdentityAttributes = {
  PatientName: { tag: 'x00100010', vr: 'PN' },
  PatientID: { tag: 'x00100020', vr: 'LO' },
  IssuerOfPatientID: { tag: 'x00100021', vr: 'LO' },
  PatientBirthDate: { tag: 'x00100030', vr: 'DA' },
  PatientBirthTime: { tag: 'x00100032', vr: 'TM' },
  OtherPatientIDs: { tag: 'x00101000', vr: 'LO' },
  OtherPatientNames: { tag: 'x00101001', vr: 'PN' },
  OtherPatientIDsSequence: { tag: 'x00101002', vr: 'SQ' },
  PatientBirthName: { tag: 'x00101005', vr: 'PN' },
  PatientAddress: { tag: 'x00101040', vr: 'LO' },
  PatientMotherBirthName: { tag: 'x00101060', vr: 'PN' },
  MedicalRecordLocator: { tag: 'x00101090', vr: 'LO' },
  CountryOfResidence: { tag: 'x00102150', vr: 'LO' },
  RegionOfResidence: { tag: 'x00102152', vr: 'LO' },
  PatientTelephoneNumbers: { tag: 'x00102154', vr: 'SH' },
  PatientComments: { tag: 'x00104000', vr: 'LT' },
  ReferencedPatientSequence: { tag: 'x00081120', vr: 'SQ' },
  AccessionNumber: { tag: 'x00080050', vr: 'SH' },
  StudyID: { tag: 'x00200010', vr: 'SH' },
  RequestAttributesSequence: { tag: 'x00400275', vr: 'SQ' },
  InstitutionName: { tag: 'x00080080', vr: 'LO' },
  InstitutionAddress: { tag: 'x00080081', vr: 'ST' },
  InstitutionalDepartmentName: { tag: 'x00081040', vr: 'LO' },
  StationName: { tag: 'x00081010', vr: 'SH' },
  ReferringPhysicianName: { tag: 'x00080090', vr: 'PN' },
  ReferringPhysicianAddress: { tag: 'x00080092', vr: 'ST' },
  ReferringPhysicianTelephoneNumbers: { tag: 'x00080094', vr: 'SH' },
  PhysiciansOfRecord: { tag: 'x00081048', vr: 'PN' },
  PerformingPhysicianName: { tag: 'x00081050', vr: 'PN' },
  NameOfPhysiciansReadingStudy: { tag: 'x00081060', vr: 'PN' },
  OperatorsName: { tag: 'x00081070', vr: 'PN' },
  RequestingPhysician: { tag: 'x00321032', vr: 'PN' },
  ImageComments: { tag: 'x00204000', vr: 'LT' },
} as const;

/**
 * Free-text descriptions kept for the clinicians ("TAC ABDOMEN CONTRASTADO") unless the case
 * texts' own identity check finds patient data in them; then they are blanked too.
 */
export const dicomDescriptionAttributes = {
  StudyDescription: { tag: 'x00081030', vr: 'LO' },
  SeriesDescription: { tag: 'x0008103e', vr: 'LO' },
  ProtocolName: { tag: 'x00181030', vr: 'LO' },
  PerformedProcedureStepDescription: { tag: 'x00400254', vr: 'LO' },
} as const;

/** What an upload reports as blanked: the attributes above, and text in manufacturers' private attributes. */
export type DicomBlankedItem = keyof typeof dicomIdentityAttributes | keyof typeof dicomDescriptionAttributes | 'PrivateAttributes';

/** The order blanked items are reported in: the profile's, then descriptions, then private data. */
export const dicomBlankingOrder = [...Object.keys(dicomIdentityAttributes), ...Object.keys(dicomDescriptionAttributes), 'PrivateAttributes'] as DicomBlankedItem[];

/** The only transfer syntaxes drawn in the browser: uncompressed little-endian pixels. */
export const renderableTransferSyntaxes: Record<string, string> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
};

/** Names of the transfer syntaxes refused, for telling people which one their file has. */
const otherTransferSyntaxes: Record<string, string> = {
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K Lossless RPCL',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};

/** A transfer syntax as people know it, or its UID when it has no common name. */
export const transferSyntaxName = (uid: string): string => renderableTransferSyntaxes[uid] ?? otherTransferSyntaxes[uid] ?? uid;

/** Pixel layouts the viewer draws; anything else is refused on upload rather than shown wrong. */
export function unrenderablePixels(image: { samplesPerPixel: number; photometric: string; bitsAllocated: number }): string | undefined {
  const { samplesPerPixel, photometric, bitsAllocated } = image;
  if (samplesPerPixel === 1 && (photometric === 'MONOCHROME1' || photometric === 'MONOCHROME2') && (bitsAllocated === 8 || bitsAllocated === 16)) return undefined;
  if (samplesPerPixel === 3 && photometric === 'RGB' && bitsAllocated === 8) return undefined;
  return `${photometric || 'no photometric interpretation'} with ${samplesPerPixel} sample(s) of ${bitsAllocated} bits`;
}

/** Window presets for CT, in Hounsfield units. */
export const ctWindowPresets = {
  brain: { center: 40, width: 80 },
  lung: { center: -600, width: 1500 },
  abdomen: { center: 40, width: 400 },
  bone: { center: 400, width: 1800 },
} as const;
export type CtWindowPreset = keyof typeof ctWindowPresets;

/**
 * The window (level) shown: a CT preset, one of the file's own windows (`file-1`…), the full range
 * of the pixels (`auto`) or one dragged by hand (`custom`).
 */
export const dicomWindowSchema = z.object({
  center: z.number().min(-100_000).max(100_000),
  width: z.number().min(1).max(200_000),
  preset: z.string().regex(/^(brain|lung|abdomen|bone|auto|custom|file-[1-9])$/, 'must be a window preset'),
});
export type DicomWindow = z.output<typeof dicomWindowSchema>;
