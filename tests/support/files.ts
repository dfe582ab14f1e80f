import { deflateSync } from 'node:zlib';

/**
 * Small real files for upload tests. The PDF is built with correct cross-reference offsets so
 * pdf.js renders it; `paddingBytes` adds an unused stream to make it as large as a test needs.
 */
export function samplePdf(text: string, paddingBytes = 0, pages = 1): Buffer {
  // Objects: 1 catalog, 2 page tree, 3 font, 4 padding, then a page and its content per page.
  const pageIds = Array.from({ length: pages }, (_, index) => 5 + index * 2);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${paddingBytes} >>\nstream\n${'%'.repeat(paddingBytes)}\nendstream`,
  ];
  for (const [index, id] of pageIds.entries()) {
    const content = `BT /F1 24 Tf 72 720 Td (${text} - pagina ${index + 1}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${id + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  return assemblePdf(objects);
}

/**
 * A scanned report as hospitals send them: each Letter page one 150 dpi grayscale picture of
 * printed lines with scanner noise (about 0.35 MB a page, Flate-compressed).
 */
export function scannedPdf(text: string, pages: number): Buffer {
  const width = 1275;
  const height = 1650;
  // Objects: 1 catalog, 2 page tree, 3 font, then a page, its content and its picture per page.
  const pageIds = Array.from({ length: pages }, (_, index) => 4 + index * 3);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let seed = text.length + 1;
  const noise = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >> 16) & 0x0f;
  for (const [index, id] of pageIds.entries()) {
    const pixels = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) {
      // Lines of "print" 18 px high every 36 px, broken into word-like runs, inside the margins.
      const printed = y > 150 && y < height - 150 && y % 36 < 18;
      for (let x = 0; x < width; x++) {
        const inked = printed && x > 150 && x < width - 150 && (x * 7 + y * 3 + index) % 97 < 70 && (x >> 3) % 9 !== 0;
        pixels[y * width + x] = (inked ? 40 : 235) + noise();
      }
    }
    const picture = deflateSync(pixels).toString('latin1');
    const content = `q 612 0 0 792 0 0 cm /Scan Do Q BT /F1 18 Tf 72 756 Td (${text} - pagina ${index + 1}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${id + 1} 0 R /Resources << /Font << /F1 3 0 R >> /XObject << /Scan ${id + 2} 0 R >> >> >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    objects.push(
      `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${picture.length} >>\nstream\n${picture}\nendstream`,
    );
  }
  return assemblePdf(objects);
}

/** A PDF of the given objects (numbered from 1, the first the catalog), with its cross-reference table. */
function assemblePdf(objects: string[]): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG. */
export const samplePng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The first bytes of a JPEG (its magic number) followed by filler: enough for type detection. */
export const jpegLike = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
