/** Messages of the attachment viewers (PdfViewer, ImageViewer, AttachmentViewer), to merge under `viewer`. */
const esMX = {
  viewer: {
    pdfDocument: 'Documento PDF',
    pdfToolbar: 'Controles del documento',
    imageToolbar: 'Controles de la imagen',
    imageStage: 'Imagen: {alt}',
    previousPage: 'Página anterior',
    nextPage: 'Página siguiente',
    page: 'Página {page} de {pages}',
    pageLabel: 'Página {page}',
    zoomIn: 'Acercar',
    zoomOut: 'Alejar',
    fitWidth: 'Ajustar al ancho',
    resetZoom: 'Restablecer zoom',
    zoomLevel: 'Zoom: {zoom} %',
    loading: 'Cargando documento…',
    loadingImage: 'Cargando imagen…',
    download: 'Descargar',
    downloadFile: 'Descargar {filename}',
    dragHint: 'Arrastre para desplazar la imagen; use Ctrl + rueda del ratón para acercar o alejar.',
    unsupported: 'Este tipo de archivo no se puede mostrar aquí. Descárguelo para abrirlo.',
    imageError: 'No se pudo cargar la imagen. Verifique su conexión o descárguela.',
    errors: {
      generic: 'No se pudo abrir el PDF. Verifique su conexión e inténtelo de nuevo, o descargue el archivo.',
      notFound: 'No se encontró el PDF: es posible que se haya eliminado.',
      forbidden: 'No tiene permiso para ver este PDF o su sesión expiró. Vuelva a iniciar sesión.',
      invalid: 'El archivo no es un PDF válido o está dañado.',
      password: 'El PDF está protegido con contraseña y no se puede mostrar aquí. Descárguelo para abrirlo.',
      render: 'No se pudo mostrar esta página del PDF.',
    },
    retry: 'Reintentar',
  },
};

type ViewerMessages = typeof esMX;

const en: ViewerMessages = {
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

export const viewerMessages = { 'es-MX': esMX, en };
