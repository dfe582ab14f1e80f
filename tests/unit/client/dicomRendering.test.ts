import { describe, expect, it } from 'vitest';
import { decodeDicom, DicomDecodeError, modalityRange } from '../../../client/media/dicomImage';
import { panned, placeImage, zoomedAround } from '../../../client/media/dicomView';
import { autoWindow, defaultWindow, greyLevel, presetWindow, renderFrame } from '../../../client/media/dicomWindow';
import { gradientHu, IMPLICIT_LITTLE_ENDIAN, sampleCtAttributes, sampleCtSlice, SIZE, writePart10, type DicomAttribute } from '../../support/dicomFiles';

const bytesOf = (buffer: Buffer) => new Uint8Array(buffer);
const uint16 = (value: number) => Buffer.from([value & 0xff, value >> 8]);

/** The grey of pixel (x, y) of frame 0 under `window`. */
function greyAt(file: Buffer, x: number, y: number, window: { center: number; width: number }): number {
  const image = decodeDicom(bytesOf(file));
  const out = new Uint8ClampedArray(image.info.rows * image.info.columns * 4);
  renderFrame(image, 0, window, out);
  return out[(y * image.info.columns + x) * 4]!;
}

function withAttributes(changes: DicomAttribute[]): DicomAttribute[] {
  const replaced = new Set(changes.map(({ tag }) => tag.join()));
  return [...sampleCtAttributes().filter(({ tag }) => !replaced.has(tag.join())), ...changes];
}

describe('reading a DICOM slice in the browser', () => {
  it.each([['explicit'], ['implicit']])('decodes 16-bit CT pixels in %s VR, with their Hounsfield range', (syntax) => {
    const image = decodeDicom(bytesOf(sampleCtSlice({ slice: 3, transferSyntax: syntax === 'implicit' ? IMPLICIT_LITTLE_ENDIAN : undefined })));
    expect(image.info).toMatchObject({ rows: SIZE, columns: SIZE, frames: 1, modality: 'CT', rescaleIntercept: -1024, pixelSpacing: [0.8, 0.8] });
    expect(modalityRange(image)).toEqual({ min: gradientHu(0, 0, 3), max: gradientHu(SIZE - 1, SIZE - 1, 3) });
  });

  it('refuses what it cannot draw instead of drawing noise', () => {
    expect(() => decodeDicom(bytesOf(sampleCtSlice({ transferSyntax: '1.2.840.10008.1.2.4.91' })))).toThrow(DicomDecodeError);
    expect(() => decodeDicom(new Uint8Array(300))).toThrow(DicomDecodeError);
  });
});

describe('windows', () => {
  it('maps values through the DICOM linear window: black below, white above, a ramp between', () => {
    expect(greyLevel(-100, { center: 40, width: 80 })).toBe(0);
    expect(greyLevel(0, { center: 40, width: 80 })).toBe(0);
    expect(greyLevel(40, { center: 40, width: 80 })).toBe(129);
    expect(greyLevel(80, { center: 40, width: 80 })).toBe(255);
  });

  it('draws the same pixel darker in the bone window than in the soft-tissue one, and inverts MONOCHROME1', () => {
    const file = sampleCtSlice({ slice: 3 });
    const hu = gradientHu(32, 32, 3);
    const softTissue = greyAt(file, 32, 32, { center: 40, width: 400 });
    const bone = greyAt(file, 32, 32, { center: 400, width: 1800 });
    expect(softTissue).toBe(greyLevel(hu, { center: 40, width: 400 }));
    expect(bone).toBe(greyLevel(hu, { center: 400, width: 1800 }));
    expect(bone).toBeLessThan(softTissue - 40);
    expect(greyAt(sampleCtSlice({ slice: 3, photometric: 'MONOCHROME1' }), 32, 32, { center: 40, width: 400 })).toBe(255 - softTissue);
  });

  it('opens with the file’s own window, names the CT presets, and falls back to the full range', () => {
    const image = decodeDicom(bytesOf(sampleCtSlice()));
    expect(defaultWindow(image)).toEqual({ center: 40, width: 400, preset: 'file-1' });
    expect(presetWindow('bone', image)).toEqual({ center: 400, width: 1800, preset: 'bone' });
    expect(presetWindow('lung', image)).toEqual({ center: -600, width: 1500, preset: 'lung' });
    const withoutWindow = decodeDicom(bytesOf(writePart10(sampleCtAttributes().filter(({ tag }) => tag[0] !== 0x0028 || (tag[1] !== 0x1050 && tag[1] !== 0x1051)))));
    const range = modalityRange(withoutWindow);
    expect(defaultWindow(withoutWindow)).toEqual(autoWindow(withoutWindow));
    expect(autoWindow(withoutWindow)).toEqual({ center: (range.min + range.max) / 2, width: range.max - range.min + 1, preset: 'auto' });
  });

  it('reads signed pixels with fewer stored bits, 8-bit greyscale and RGB in both planar layouts', () => {
    const signed = Buffer.alloc(SIZE * SIZE * 2);
    for (let pixel = 0; pixel < SIZE * SIZE; pixel += 1) signed.writeInt16LE(pixel % 2 === 0 ? -1000 : 1000, pixel * 2);
    // High bits beyond BitsStored carry other data in some files: a 12-bit -1000 with bit 13 set still reads -1000.
    signed.writeUInt16LE((signed.readUInt16LE(0) & 0x0fff) | 0x1000, 0);
    const signedFile = writePart10(
      withAttributes([
        { tag: [0x0028, 0x0103], vr: 'US', value: uint16(1) },
        { tag: [0x0028, 0x1052], vr: 'DS', value: '0' },
        { tag: [0x7fe0, 0x0010], vr: 'OW', value: signed },
      ]),
    );
    expect(modalityRange(decodeDicom(bytesOf(signedFile)))).toEqual({ min: -1000, max: 1000 });

    const eightBit = Buffer.alloc(SIZE * SIZE, 200);
    const eightBitFile = writePart10(
      withAttributes([
        { tag: [0x0028, 0x0100], vr: 'US', value: uint16(8) },
        { tag: [0x0028, 0x0101], vr: 'US', value: uint16(8) },
        { tag: [0x0028, 0x1052], vr: 'DS', value: '0' },
        { tag: [0x7fe0, 0x0010], vr: 'OB', value: eightBit },
      ]),
    );
    expect(greyAt(eightBitFile, 5, 5, { center: 128, width: 256 })).toBe(greyLevel(200, { center: 128, width: 256 }));

    const rgb = (planar: number) => {
      const pixels = Buffer.alloc(SIZE * SIZE * 3);
      for (let pixel = 0; pixel < SIZE * SIZE; pixel += 1) {
        const [r, g, b] = [10, 120, 250];
        if (planar === 0) pixels.set([r, g, b], pixel * 3);
        else [r, g, b].forEach((value, channel) => (pixels[channel * SIZE * SIZE + pixel] = value));
      }
      return writePart10(
        withAttributes([
          { tag: [0x0028, 0x0002], vr: 'US', value: uint16(3) },
          { tag: [0x0028, 0x0004], vr: 'CS', value: 'RGB' },
          { tag: [0x0028, 0x0006], vr: 'US', value: uint16(planar) },
          { tag: [0x0028, 0x0100], vr: 'US', value: uint16(8) },
          { tag: [0x0028, 0x0101], vr: 'US', value: uint16(8) },
          { tag: [0x7fe0, 0x0010], vr: 'OB', value: pixels },
        ]),
      );
    };
    for (const planar of [0, 1]) {
      const image = decodeDicom(bytesOf(rgb(planar)));
      const out = new Uint8ClampedArray(SIZE * SIZE * 4);
      renderFrame(image, 0, { center: 0, width: 1 }, out);
      expect([...out.subarray(4 * 100, 4 * 101)], `planar ${planar}`).toEqual([10, 120, 250, 255]);
    }
  });
});

describe('the view of a slice', () => {
  const info = { rows: 64, columns: 64, pixelSpacing: [0.8, 0.8] as [number, number] };
  const canvas = { width: 800, height: 400 };

  it('fits the image at zoom 100 with the chosen point in the middle, the same on any canvas', () => {
    expect(placeImage(canvas, info, 100, { x: 0.5, y: 0.5 })).toEqual({ left: 200, top: 0, width: 400, height: 400 });
    expect(placeImage({ width: 360, height: 448 }, info, 200, { x: 0.25, y: 0.5 })).toEqual({ left: 0, top: 224 - 360, width: 720, height: 720 });
    // Pixels twice as tall as wide are drawn twice as tall.
    expect(placeImage(canvas, { rows: 64, columns: 64, pixelSpacing: [1.6, 0.8] }, 100, { x: 0.5, y: 0.5 })).toMatchObject({ width: 200, height: 400 });
  });

  it('keeps the point under the pinch or the cursor where it is while zooming, and follows a drag', () => {
    const before = placeImage(canvas, info, 100, { x: 0.5, y: 0.5 });
    const focus = { x: 100, y: -50 };
    const point = { x: 0.5 + focus.x / before.width, y: 0.5 + focus.y / before.height };
    const position = zoomedAround({ x: 0.5, y: 0.5 }, 100, 200, focus, before);
    const after = placeImage(canvas, info, 200, position);
    expect(after.left + point.x * after.width).toBeCloseTo(canvas.width / 2 + focus.x);
    expect(after.top + point.y * after.height).toBeCloseTo(canvas.height / 2 + focus.y);
    expect(panned({ x: 0.5, y: 0.5 }, 40, -20, before)).toEqual({ x: 0.4, y: 0.55 });
    expect(panned({ x: 0.05, y: 0.5 }, 100, 0, before)).toEqual({ x: 0, y: 0.5 });
  });
});
