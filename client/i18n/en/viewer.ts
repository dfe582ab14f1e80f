import type { messages as spanish } from '../es-MX/viewer';

/** The English messages of the attachment viewers (PdfViewer, ImageViewer, AttachmentViewer), to merge under `viewer`. */
export const messages: typeof spanish = {
  viewer: {
    pdfDocument: 'PDF document',
    pdfToolbar: 'Document controls',
    imageToolbar: 'Image controls',
    imageStage: 'Image: {alt}',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    page: 'Page {page} of {pages}',
    pageLabel: 'Page {page}',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitWidth: 'Fit to width',
    resetZoom: 'Reset zoom',
    zoomLevel: 'Zoom: {zoom}%',
    loading: 'Loading document…',
    loadingImage: 'Loading image…',
    download: 'Download',
    downloadFile: 'Download {filename}',
    dragHint: 'Drag to pan the image; use Ctrl + mouse wheel to zoom in or out.',
    unsupported: 'This file type cannot be shown here. Download it to open it.',
    imageError: 'The image could not be loaded. Check your connection or download it.',
    errors: {
      generic: 'The PDF could not be opened. Check your connection and try again, or download the file.',
      notFound: 'The PDF was not found: it may have been deleted.',
      forbidden: 'You are not allowed to view this PDF, or your session expired. Sign in again.',
      invalid: 'The file is not a valid PDF or it is damaged.',
      password: 'The PDF is password-protected and cannot be shown here. Download it to open it.',
      render: 'This page of the PDF could not be shown.',
    },
    retry: 'Retry',
  },
};
