import { ctWindowPresets, type CtWindowPreset, type DicomWindow } from '../../shared/dicom';
import { modalityRange, type DicomImage } from './dicomImage';

/** Greyscale images take a window; RGB images are drawn as they are. */
export const isGreyscale = (image: DicomImage): boolean => image.info.samplesPerPixel === 1;

/** The full range of the image's values: what shows everything, with little contrast. */
export function autoWindow(image: DicomImage): DicomWindow {
  const { min, max } = modalityRange(image);
  return { center: (min + max) / 2, width: Math.max(1, max - min + 1), preset: 'auto' };
}

/** The file's own windows (WindowCenter/WindowWidth), as presets `file-1`, `file-2`… */
export const fileWindows = (image: DicomImage): DicomWindow[] => image.info.windows.slice(0, 9).map((window, index) => ({ ...window, preset: `file-${index + 1}` }));

/** What an image opens with: the file's first window, else its full range. */
export const defaultWindow = (image: DicomImage): DicomWindow => fileWindows(image)[0] ?? autoWindow(image);

/** The window a preset names, for this image; undefined for a `custom` one or a file window the image lacks. */
export function presetWindow(preset: string, image: DicomImage): DicomWindow | undefined {
  if (preset in ctWindowPresets) return { ...ctWindowPresets[preset as CtWindowPreset], preset };
  if (preset === 'auto') return autoWindow(image);
  return fileWindows(image).find((window) => window.preset === preset);
}

/** DICOM's linear VOI function (PS3.3 C.11.2.1.2.1): a value in modality units to a grey level 0–255. */
export function greyLevel(value: number, { center, width }: { center: number; width: number }): number {
  const middle = center - 0.5;
  const span = width - 1;
  if (span <= 0) return value <= middle ? 0 : 255;
  if (value <= middle - span / 2) return 0;
  if (value > middle + span / 2) return 255;
  return Math.round(((value - middle) / span + 0.5) * 255);
}

/**
 * Writes frame `frameIndex` as RGBA into `out` (rows × columns × 4): greyscale through the rescale
 * and the window (a lookup table over the stored values, so a drag re-renders in a few ms), RGB as stored.
 */
export function renderFrame(image: DicomImage, frameIndex: number, window: { center: number; width: number }, out: Uint8ClampedArray): void {
  const { info, stored } = image;
  const frame = image.frames[frameIndex]!;
  const count = info.rows * info.columns;
  if (!isGreyscale(image)) {
    const planar = info.planarConfiguration === 1;
    for (let pixel = 0; pixel < count; pixel += 1) {
      out[pixel * 4] = frame[planar ? pixel : pixel * 3]!;
      out[pixel * 4 + 1] = frame[planar ? pixel + count : pixel * 3 + 1]!;
      out[pixel * 4 + 2] = frame[planar ? pixel + 2 * count : pixel * 3 + 2]!;
      out[pixel * 4 + 3] = 255;
    }
    return;
  }
  const inverted = info.photometric === 'MONOCHROME1';
  const lut = new Uint8ClampedArray(stored.max - stored.min + 1);
  for (let index = 0; index < lut.length; index += 1) {
    const level = greyLevel((stored.min + index) * info.rescaleSlope + info.rescaleIntercept, window);
    lut[index] = inverted ? 255 - level : level;
  }
  for (let pixel = 0; pixel < count; pixel += 1) {
    const grey = lut[frame[pixel]! - stored.min]!;
    const at = pixel * 4;
    out[at] = grey;
    out[at + 1] = grey;
    out[at + 2] = grey;
    out[at + 3] = 255;
  }
}
