import type { DicomImageInfo } from '../../shared/dicomImage';
import { clampZoom } from './viewerZoom';

/**
 * Where a DICOM image sits on the viewer's canvas. The view is described the same way on every
 * screen: zoom 100 fits the whole image, and `position` is the point of the image (as fractions of
 * its width and height) at the centre of the canvas; a presenter's view so means the same on a phone.
 */
export interface ViewPoint {
  x: number;
  y: number;
}

export interface Placement {
  left: number;
  top: number;
  width: number;
  height: number;
}

const fraction = (value: number) => Math.min(1, Math.max(0, value));

/** The image's size in its own proportions: pixels that are taller than wide (PixelSpacing) are drawn so. */
function naturalSize(image: Pick<DicomImageInfo, 'rows' | 'columns' | 'pixelSpacing'>): { width: number; height: number } {
  const [rowSpacing, columnSpacing] = image.pixelSpacing ?? [1, 1];
  return { width: image.columns, height: image.rows * (rowSpacing / columnSpacing) };
}

export function placeImage(
  canvas: { width: number; height: number },
  image: Pick<DicomImageInfo, 'rows' | 'columns' | 'pixelSpacing'>,
  zoom: number,
  position: ViewPoint,
): Placement {
  const natural = naturalSize(image);
  const scale = Math.min(canvas.width / natural.width, canvas.height / natural.height) * (clampZoom(zoom) / 100);
  const width = natural.width * scale;
  const height = natural.height * scale;
  return { left: canvas.width / 2 - fraction(position.x) * width, top: canvas.height / 2 - fraction(position.y) * height, width, height };
}

/** The view moved by a drag of (dx, dy) canvas pixels: the image follows the finger. */
export function panned(position: ViewPoint, dx: number, dy: number, placement: Placement): ViewPoint {
  return { x: fraction(position.x - dx / placement.width), y: fraction(position.y - dy / placement.height) };
}

/** The view after zooming from `placement` to `nextZoom`, keeping the image point under `focus` (canvas pixels from the centre) where it is. */
export function zoomedAround(position: ViewPoint, zoom: number, nextZoom: number, focus: ViewPoint, placement: Placement): ViewPoint {
  const ratio = clampZoom(nextZoom) / clampZoom(zoom);
  const next = { width: placement.width * ratio, height: placement.height * ratio };
  return {
    x: fraction(position.x + focus.x / placement.width - focus.x / next.width),
    y: fraction(position.y + focus.y / placement.height - focus.y / next.height),
  };
}
