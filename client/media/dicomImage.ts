import dicomParser from 'dicom-parser';
import { renderableTransferSyntaxes, unrenderablePixels } from '../../shared/dicom';
import { dicomImageInfo, frameByteLength, type DicomImageInfo } from '../../shared/dicomImage';

/** Stored pixel values of one frame, as the file lays them out. */
export type FramePixels = Uint8Array | Uint16Array | Int16Array;

/** A decoded DICOM file: its layout, each frame's pixels, and the range of the stored values (greyscale). */
export interface DicomImage {
  info: DicomImageInfo;
  frames: FramePixels[];
  /** Smallest and largest stored value over all frames (greyscale only; 0–255 for RGB). */
  stored: { min: number; max: number };
}

export class DicomDecodeError extends Error {
  override name = 'DicomDecodeError';
}

/** Copies when the pixels start at an odd offset: a 16-bit view must be aligned. */
function frameView(bytes: Uint8Array, offset: number, length: number, info: DicomImageInfo): FramePixels {
  if (info.bitsAllocated === 8) return bytes.subarray(offset, offset + length);
  const start = bytes.byteOffset + offset;
  const buffer = start % 2 === 0 ? bytes.buffer : bytes.slice(offset, offset + length).buffer;
  const at = start % 2 === 0 ? start : 0;
  return info.pixelRepresentation === 1 ? new Int16Array(buffer, at, length / 2) : new Uint16Array(buffer, at, length / 2);
}

/**
 * Keeps only the bits the file says are stored (BitsStored), sign-extended when signed: some
 * scanners leave other data in the high bits of 16-bit pixels.
 */
function storedBitsOnly(frame: FramePixels, info: DicomImageInfo): FramePixels {
  if (info.bitsAllocated !== 16 || info.bitsStored >= 16 || info.bitsStored < 1) return frame;
  const shift = 32 - info.bitsStored;
  const mask = (1 << info.bitsStored) - 1;
  const clean = (value: number) => (info.pixelRepresentation === 1 ? (value << shift) >> shift : value & mask);
  for (let index = 0; index < frame.length; index += 1) {
    if (clean(frame[index]!) !== frame[index]) return frame.map(clean);
  }
  return frame;
}

/** Reads an uncompressed DICOM file (what the server accepts) for drawing. */
export function decodeDicom(bytes: Uint8Array): DicomImage {
  let dataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes);
  } catch {
    throw new DicomDecodeError('not a readable DICOM file');
  }
  const syntax = dataSet.string('x00020010') ?? '';
  if (!renderableTransferSyntaxes[syntax]) throw new DicomDecodeError(`transfer syntax ${syntax} is not drawn here`);
  const info = dicomImageInfo(dataSet);
  const pixels = dataSet.elements.x7fe00010;
  const unrenderable = unrenderablePixels(info);
  const frameLength = frameByteLength(info);
  if (!pixels || pixels.encapsulatedPixelData || unrenderable || frameLength === 0 || pixels.length < frameLength * info.frames) {
    throw new DicomDecodeError(unrenderable ?? 'no drawable pixel data');
  }
  const frames = Array.from({ length: info.frames }, (_, index) => storedBitsOnly(frameView(bytes, pixels.dataOffset + index * frameLength, frameLength, info), info));
  let min = Infinity;
  let max = -Infinity;
  if (info.samplesPerPixel === 1) {
    for (const frame of frames) {
      for (let index = 0; index < frame.length; index += 1) {
        const value = frame[index]!;
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
  } else {
    [min, max] = [0, 255];
  }
  return { info, frames, stored: { min, max } };
}

/** The range of values after the modality rescale (Hounsfield units for CT). */
export function modalityRange(image: DicomImage): { min: number; max: number } {
  const { rescaleSlope: slope, rescaleIntercept: intercept } = image.info;
  const [a, b] = [image.stored.min * slope + intercept, image.stored.max * slope + intercept];
  return { min: Math.min(a, b), max: Math.max(a, b) };
}
