import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { DicomSeriesDto } from '../../shared/cases';
import { idOf } from './documents';
import type { DicomSliceInfo } from './dicomDeidentify';

/** One cleaned DICOM file as stored. */
export interface StoredSlice {
  fileId: Types.ObjectId;
  filename: string;
  size: number;
  sha256: string;
  sopInstanceUid: string;
  instanceNumber?: number | null;
  position?: number | null;
  frames: number;
}

export interface StoredSeries {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  modality: string;
  slices: StoredSlice[];
}

/** Whether `info` belongs to `series`: the same study and series UIDs. */
export const inSeries = (series: StoredSeries, info: DicomSliceInfo): boolean =>
  series.seriesInstanceUid === info.seriesInstanceUid && series.studyInstanceUid === info.studyInstanceUid;

const missingLast = (value: number | null | undefined) => value ?? Number.POSITIVE_INFINITY;

/** The series with one more file, in the scanner's order: instance number, then position along the normal (stable otherwise). */
export function withSlice(series: StoredSeries, slice: StoredSlice): StoredSeries {
  const slices = [...series.slices, slice].sort((a, b) => missingLast(a.instanceNumber) - missingLast(b.instanceNumber) || missingLast(a.position) - missingLast(b.position));
  return { ...series, slices };
}

/** What people see for a series: "CT · ABDOMEN CONTRASTADO", or its number when it has no description. */
export function seriesName(info: DicomSliceInfo): string {
  const modality = info.modality || 'DICOM';
  if (info.seriesDescription) return `${modality} · ${info.seriesDescription}`;
  return info.seriesNumber === null ? `${modality} · serie` : `${modality} · serie ${info.seriesNumber}`;
}

/** A stored file's name from where it goes, never from the name it was uploaded with (names of patients hide there). */
export const sliceFilename = (info: DicomSliceInfo): string =>
  `${(info.modality || 'dicom').toLowerCase()}-${info.instanceNumber === null ? 'imagen' : `corte-${info.instanceNumber}`}.dcm`;

/** The series' checksum: of its files' checksums in order, so it changes when a file is added. */
export const seriesDigest = (slices: StoredSlice[]): string => slices.reduce((hash, slice) => hash.update(slice.sha256), createHash('sha256')).digest('hex');

export const seriesSize = (slices: StoredSlice[]): number => slices.reduce((total, slice) => total + slice.size, 0);

export function toSeriesDto(series: StoredSeries): DicomSeriesDto {
  return {
    modality: series.modality,
    slices: series.slices.map((slice) => ({ id: idOf(slice.fileId), size: slice.size, sha256: slice.sha256, frames: slice.frames })),
  };
}
