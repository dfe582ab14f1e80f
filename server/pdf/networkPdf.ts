import PDFDocument from 'pdfkit';

export const NETWORK_NAME = 'Red Nacional de Centros de Referencia Oncológica OncoCREAN';
const NETWORK_LINE = 'Comité de tumores por telemedicina · OncoBoard';
/** DejaVu covers every Spanish letter and sign and embeds with a text map, so the PDF reads back as text. */
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const NAVY = '#1f3b57';
const TEAL = '#2a7f86';
const GREY = '#555f66';
const HEADER_HEIGHT = 64;

export interface NetworkPdfOptions {
  /** Document title in the header band and the PDF's metadata. */
  title: string;
  /** Said at the foot of every page beside its number. */
  footer: string;
  /** Printed across every page, e.g. "BORRADOR". */
  watermark?: string;
}

/**
 * A document of the network: its header band on every page, the document's footer and
 * "Página X de Y" written once all pages exist, Letter size as used in Mexico.
 */
export class NetworkPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(private readonly options: NetworkPdfOptions) {
    this.doc = new PDFDocument({
      size: 'LETTER',
      bufferPages: true,
      margins: { top: HEADER_HEIGHT + 30, bottom: 64, left: 64, right: 64 },
      lang: 'es-MX',
      info: { Title: options.title, Author: NETWORK_NAME, Creator: 'OncoBoard' },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.registerFont('regular', `${FONT_DIR}/DejaVuSans.ttf`);
    this.doc.registerFont('bold', `${FONT_DIR}/DejaVuSans-Bold.ttf`);
    this.doc.on('pageAdded', () => this.decoratePage());
    this.decoratePage();
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  heading(text: string): this {
    this.doc.moveDown(0.6).font('bold').fontSize(12).fillColor(NAVY).text(text, { width: this.width });
    this.doc.moveDown(0.3).font('regular').fontSize(10).fillColor('black');
    return this;
  }

  paragraph(text: string, options: { size?: number; indent?: number; color?: string } = {}): this {
    this.doc
      .font('regular')
      .fontSize(options.size ?? 10)
      .fillColor(options.color ?? 'black')
      .text(text, this.doc.page.margins.left + (options.indent ?? 0), this.doc.y, { width: this.width - (options.indent ?? 0), lineGap: 2 });
    return this;
  }

  /** A label and its value on one line, the label in bold. */
  field(label: string, value: string): this {
    this.doc.font('bold').fontSize(10).fillColor(GREY).text(`${label}: `, this.doc.page.margins.left, this.doc.y, { continued: true, width: this.width });
    this.doc.font('regular').fillColor('black').text(value, { lineGap: 2 });
    return this;
  }

  /** Height the text would take as a paragraph at this size, to keep a one-page document on one page. */
  heightOf(text: string, size: number): number {
    return this.doc.font('regular').fontSize(size).heightOfString(text, { width: this.width, lineGap: 2 });
  }

  get remainingHeight(): number {
    return this.doc.page.height - this.doc.page.margins.bottom - this.doc.y;
  }

  /** Numbers every page and returns the file. */
  finish(): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let index = start; index < start + count; index += 1) {
      this.doc.switchToPage(index);
      const page = this.doc.page;
      const bottom = page.margins.bottom;
      // Writing inside the bottom margin would otherwise start a new page.
      page.margins.bottom = 0;
      this.doc
        .moveTo(page.margins.left, page.height - 48)
        .lineTo(page.width - page.margins.right, page.height - 48)
        .lineWidth(0.5)
        .strokeColor('#c9d6de')
        .stroke();
      this.doc
        .font('regular')
        .fontSize(8)
        .fillColor(GREY)
        .text(this.options.footer, page.margins.left, page.height - 42, { width: this.width * 0.75, height: 10, lineBreak: false, ellipsis: true });
      this.doc.text(`Página ${index - start + 1} de ${count}`, page.margins.left, page.height - 42, { width: this.width, align: 'right', lineBreak: false });
      page.margins.bottom = bottom;
    }
    this.doc.end();
    return this.done;
  }

  private decoratePage(): void {
    const { doc } = this;
    const { width } = doc.page;
    doc.save().rect(0, 0, width, HEADER_HEIGHT).fill(NAVY).rect(0, HEADER_HEIGHT, width, 4).fill(TEAL).restore();
    doc
      .font('bold')
      .fontSize(11)
      .fillColor('white')
      .text(NETWORK_NAME, 64, 16, { width: width - 128, lineBreak: false, ellipsis: true });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#d8e6ef')
      .text(`${NETWORK_LINE} · ${this.options.title}`, 64, 36, { width: width - 128, lineBreak: false, ellipsis: true });
    if (this.options.watermark) {
      doc.save().rotate(-35, { origin: [width / 2, doc.page.height / 2] });
      doc.font('bold').fontSize(90).fillColor('#b00020').fillOpacity(0.08);
      doc.text(this.options.watermark, 0, doc.page.height / 2 - 50, { width, align: 'center', lineBreak: false });
      doc.restore();
    }
    doc.font('regular').fontSize(10).fillColor('black');
    doc.x = doc.page.margins.left;
    doc.y = doc.page.margins.top;
  }
}
