/**
 * PDF of a report, made in-process with PDFKit and an embedded Cyrillic font (DejaVu Sans
 * Condensed from the `dejavu-fonts-ttf` package), so cron can mail it without a browser:
 * A4 landscape, the heading, the table with its header rows repeated on every page, footer
 * and totals in bold, the notes, the charts as vector graphics, the signature lines. The
 * document's dates are the report's date and nothing else varies, so two runs give the same
 * bytes.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { chartSvg } from './charts.js';
import type { Report, ReportColumn, ReportValue } from './model.js';
import { bandRuns, cellText, heading, sectionsOf } from './render.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf');

const MARGIN = 28;
const PAD = 2;

type Doc = PDFKit.PDFDocument;

/**
 * Column widths that fill the page's width: natural widths (the widest text, headers in bold)
 * at the largest font size that fits (9 → 6 pt), stretched or squeezed in proportion.
 */
function layout(doc: Doc, section: Report, available: number): { widths: number[]; size: number } {
  const cells = (c: ReportColumn) => [...section.rows, ...(section.footer ?? []), ...(section.totals ? [section.totals] : [])].map((r) => cellText(c, r[c.key]));
  for (let size = 9; size >= 6; size -= 0.5) {
    const widest = (texts: string[], font: string) => (doc.font(font).fontSize(size), Math.max(0, ...texts.map((s) => doc.widthOfString(s))));
    const widths = section.columns.map((c) => Math.min(available * 0.45, Math.max(widest([c.header], 'bold'), widest(cells(c), 'body')) + 2 * PAD + 2));
    const total = widths.reduce((a, b) => a + b, 0);
    if (total <= available || size === 6) return { widths: widths.map((w) => (w * available) / total), size };
  }
  throw new Error('unreachable');
}

class Writer {
  y = MARGIN;
  constructor(readonly doc: Doc) {}

  get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN;
  }

  ensure(height: number, onBreak?: () => void): void {
    if (this.y + height > this.bottom) {
      this.newPage();
      onBreak?.();
    }
  }

  line(text: string, options: { bold?: boolean; size?: number; align?: 'left' | 'center' } = {}): void {
    const { doc } = this;
    doc.font(options.bold ? 'bold' : 'body').fontSize(options.size ?? 10);
    const h = doc.heightOfString(text, { width: this.width });
    this.ensure(h);
    doc.text(text, MARGIN, this.y, { width: this.width, align: options.align ?? 'left', lineBreak: true });
    this.y += h + 2;
  }

  row(cells: string[], widths: number[], options: { size: number; bold?: boolean; fill?: boolean; aligns?: (string | undefined)[] }): number {
    const { doc } = this;
    doc.font(options.bold ? 'bold' : 'body').fontSize(options.size);
    const h = Math.max(options.size + 2 * PAD + 2, ...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * PAD }) + 2 * PAD));
    return h;
  }

  drawRow(cells: string[], widths: number[], h: number, options: { size: number; bold?: boolean; fill?: boolean; aligns?: (string | undefined)[] }): void {
    const { doc } = this;
    let x = MARGIN;
    doc.font(options.bold ? 'bold' : 'body').fontSize(options.size);
    cells.forEach((c, i) => {
      if (options.fill) doc.rect(x, this.y, widths[i], h).fillColor('#eeeeee').fill();
      doc.rect(x, this.y, widths[i], h).lineWidth(0.5).strokeColor('#000000').stroke();
      const align = options.aligns?.[i];
      doc.fillColor('#000000').text(c, x + PAD, this.y + PAD, { width: widths[i] - 2 * PAD, align: align === 'right' ? 'right' : align === 'center' ? 'center' : 'left', lineBreak: true });
      x += widths[i];
    });
    this.y += h;
  }

  table(section: Report): void {
    if (!section.columns.length) return;
    const { widths, size } = layout(this.doc, section, this.width);
    const aligns = section.columns.map((c) => c.align);
    const bands = bandRuns(section.columns);
    const bandWidths = (() => {
      let i = 0;
      return bands.map((b) => widths.slice(i, (i += b.span)).reduce((a, w) => a + w, 0));
    })();
    const header = () => {
      if (bands.length) {
        const h = this.row(bands.map((b) => b.text), bandWidths, { size, bold: true });
        this.drawRow(bands.map((b) => b.text), bandWidths, h, { size, bold: true, fill: true, aligns: bands.map(() => 'center') });
      }
      const heads = section.columns.map((c) => c.header);
      const h = this.row(heads, widths, { size, bold: true });
      this.drawRow(heads, widths, h, { size, bold: true, fill: true, aligns: heads.map(() => 'center') });
    };
    this.ensure(3 * (size + 8));
    header();
    const body = (r: Record<string, ReportValue>, bold: boolean) => {
      const cells = section.columns.map((c) => cellText(c, r[c.key]));
      const h = this.row(cells, widths, { size, bold });
      this.ensure(h, header);
      this.drawRow(cells, widths, h, { size, bold, aligns });
    };
    for (const r of section.rows) body(r, false);
    for (const r of [...(section.footer ?? []), ...(section.totals ? [section.totals] : [])]) body(r, true);
    this.y += 6;
  }

  chart(svg: string, width: number, height: number): void {
    this.ensure(height + 4);
    SVGtoPDF(this.doc, svg, MARGIN + (this.width - width) / 2, this.y, { width, height, fontCallback: (_f, bold) => (bold ? 'bold' : 'body') });
    this.y += height + 6;
  }

  signatures(lines: readonly string[]): void {
    if (!lines.length) return;
    this.ensure(lines.length * 22 + 10);
    this.y += 10;
    for (const s of lines) {
      this.doc.font('body').fontSize(10).text(`${s}  ______________________`, MARGIN, this.y, { width: this.width });
      this.y += 22;
    }
  }
}

/** The PDF bytes of a report. */
export async function renderPdf(report: Report): Promise<Buffer> {
  const date = new Date(`${report.meta.madeOn ?? '2000-01-01'}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    autoFirstPage: true,
    info: { Title: report.title, Creator: 'registrar', Producer: 'registrar', Keywords: report.source ?? '', CreationDate: date, ModDate: date },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const w = new Writer(doc);
  const title = (r: Report) => {
    for (const line of heading(r)) w.line(line, { bold: line === r.title || line === r.meta.org, size: line === r.title ? 14 : 10, align: 'center' });
    w.y += 6;
  };
  // Pages of their own (letters) each carry their full heading; else one heading for all.
  if (!report.pageBreaks) title(report);
  const sections = sectionsOf(report);
  sections.forEach((s, i) => {
    if (s !== report && report.pageBreaks) {
      if (i > 0) w.newPage();
      title(s);
    } else if (s !== report) {
      w.line(s.title, { bold: true, size: 12, align: 'center' });
      if (s.subtitle) w.line(s.subtitle, { size: 10, align: 'center' });
    }
    w.table(s);
    const last = s !== report && i === sections.length - 1;
    for (const note of [...(s.notes ?? []), ...(last ? report.notes ?? [] : [])]) w.line(note, { size: 10 });
    for (const c of s.charts ?? []) w.chart(chartSvg(c, 760, 250, 'body'), 700, 230);
    w.signatures([...(s.signatures ?? []), ...(last ? report.signatures ?? [] : [])]);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
