/**
 * Zoom of the viewers (PDF pages, pictures and DICOM series), in percent: 100 fits the page or
 * image in the viewer. The toolbar's buttons and the +/- keys go from step to step.
 */
export const MIN_ZOOM = 25;
export const MAX_ZOOM = 400;
const ZOOM_STEPS = [25, 50, 75, 100, 150, 200, 300, 400];

export const clampZoom = (value: number): number => (Number.isFinite(value) ? Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(value))) : 100);

/** The next step in, or out (`-1`), from `zoom`. */
export const zoomStep = (zoom: number, direction: 1 | -1 = 1): number =>
  direction === 1 ? (ZOOM_STEPS.find((step) => step > zoom) ?? MAX_ZOOM) : ([...ZOOM_STEPS].reverse().find((step) => step < zoom) ?? MIN_ZOOM);
