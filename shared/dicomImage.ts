import type { DataSet } from 'dicom-parser';

/** The attributes that say how a DICOM file's pixels are laid out and what they mean. */
export interface DicomImageInfo {
  modality: string;
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  photometric: string;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  /** 0: RGBRGB…, 1: RR…GG…BB… */
  planarConfiguration: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** The windows the file suggests (WindowCenter/WindowWidth), in modality units. */
  windows: { center: number; width: number }[];
  /** Physical size of a pixel, row spacing then column spacing (mm), when the file says. */
  pixelSpacing: [number, number] | null;
}

const numbers = (dataSet: DataSet, tag: string, read: (index: number) => number | undefined): number[] => {
  const count = dataSet.numStringValues(tag) ?? 0;
  return Array.from({ length: count }, (_, index) => read(index)).filter((value): value is number => value !== undefined && Number.isFinite(value));
};

export function dicomImageInfo(dataSet: DataSet): DicomImageInfo {
  const centers = numbers(dataSet, 'x00281050', (index) => dataSet.floatString('x00281050', index));
  const widths = numbers(dataSet, 'x00281051', (index) => dataSet.floatString('x00281051', index));
  const spacing = numbers(dataSet, 'x00280030', (index) => dataSet.floatString('x00280030', index));
  const imagerSpacing = numbers(dataSet, 'x00181164', (index) => dataSet.floatString('x00181164', index));
  const physical = [spacing, imagerSpacing].find((pair) => pair.length === 2 && pair[0]! > 0 && pair[1]! > 0);
  const bitsAllocated = dataSet.uint16('x00280100') ?? 0;
  return {
    modality: dataSet.string('x00080060') ?? '',
    rows: dataSet.uint16('x00280010') ?? 0,
    columns: dataSet.uint16('x00280011') ?? 0,
    frames: Math.max(1, dataSet.intString('x00280008') ?? 1),
    samplesPerPixel: dataSet.uint16('x00280002') ?? 1,
    photometric: dataSet.string('x00280004') ?? '',
    bitsAllocated,
    bitsStored: dataSet.uint16('x00280101') ?? bitsAllocated,
    pixelRepresentation: dataSet.uint16('x00280103') ?? 0,
    planarConfiguration: dataSet.uint16('x00280006') ?? 0,
    rescaleSlope: dataSet.floatString('x00281053') || 1,
    rescaleIntercept: dataSet.floatString('x00281052') ?? 0,
    windows: centers.flatMap((center, index) => {
      const width = widths[index] ?? widths[0];
      return width !== undefined && width >= 1 ? [{ center, width }] : [];
    }),
    pixelSpacing: physical ? [physical[0]!, physical[1]!] : null,
  };
}

/** Bytes of one frame's pixels. */
export const frameByteLength = (info: DicomImageInfo): number => info.rows * info.columns * info.samplesPerPixel * (info.bitsAllocated / 8);
