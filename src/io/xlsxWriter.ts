/**
 * A small XLSX writer for printable tables: typed cells (numbers, dates, text), a few styles
 * (title, header, body, totals), merged title rows, a frozen header, A4 pages fitted to the
 * width, header rows repeated on every printed page. The bytes depend on the content only:
 * the zip carries a fixed time and the document properties the date given, so two runs over
 * the same data give the same file (an archived copy is proved by its checksum).
 *
 * Strings are inline strings: a text cell is never a formula. A string a spreadsheet would
 * read as one when edited (`=`, `+`, `-`, `@`…, see formulaGuard) gets Excel's hidden quote
 * prefix (the `quotePrefix` style), so it is shown exactly as written, with no mark.
 */
import { zipSync, strToU8 } from 'fflate';
import type { IsoDate } from '../domain/dates.js';
import { isFormulaLike } from './formulaGuard.js';

export type XlsxCell = string | number | { date: IsoDate } | null | undefined;

export type RowRole = 'plain' | 'title' | 'subtitle' | 'header' | 'body' | 'total';

export interface XlsxRow {
  cells: XlsxCell[];
  role?: RowRole;
  /** Merge the row's first cell across this many columns (title lines). */
  span?: number;
}

export interface XlsxSheet {
  name: string;
  rows: XlsxRow[];
  /** Extra merges: zero-based [row, firstCol, lastCol] within one row (header bands). */
  merges?: [number, number, number][];
  /** Rows frozen at the top (and repeated on every printed page: the last `repeatRows` of them). */
  freezeRows?: number;
  repeatRows?: [number, number];
  landscape?: boolean;
  /** Column widths in characters; default from the longest text. */
  widths?: number[];
}

export interface XlsxDocument {
  sheets: XlsxSheet[];
  title?: string;
  /** Stored in the document's keywords: what made it (for `report verify`). */
  keywords?: string;
  /** The document's date (docProps created/modified); default 2000-01-01. */
  date?: IsoDate;
}

const ROLES: RowRole[] = ['plain', 'title', 'subtitle', 'header', 'body', 'total'];
const KINDS = ['text', 'quoted', 'date'] as const;
type Kind = (typeof KINDS)[number];

/** Style index of a role and kind of cell: cellXfs are laid out role-major (see stylesXml). */
function styleOf(role: RowRole, kind: Kind): number {
  return 1 + ROLES.indexOf(role) * KINDS.length + KINDS.indexOf(kind);
}

function esc(text: string): string {
  // XML 1.0 forbids most control characters; drop them rather than write a broken file.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}

/** A column letter from a zero-based index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Excel's serial day number of an ISO date (1900 date system). */
export function excelSerial(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function cellXml(ref: string, value: XlsxCell, role: RowRole): string {
  if (value === null || value === undefined || value === '') return role === 'header' || role === 'body' || role === 'total' ? `<c r="${ref}" s="${styleOf(role, 'text')}"/>` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}" s="${styleOf(role, 'text')}"><v>${value}</v></c>` : `<c r="${ref}" s="${styleOf(role, 'text')}"/>`;
  if (typeof value === 'object') return `<c r="${ref}" s="${styleOf(role, 'date')}"><v>${excelSerial(value.date)}</v></c>`;
  const kind: Kind = isFormulaLike(value) ? 'quoted' : 'text';
  return `<c r="${ref}" s="${styleOf(role, kind)}" t="inlineStr"><is><t xml:space="preserve">${esc(value)}</t></is></c>`;
}

function widthsOf(sheet: XlsxSheet): number[] {
  if (sheet.widths) return sheet.widths;
  const w: number[] = [];
  for (const row of sheet.rows) {
    if (row.span) continue;
    row.cells.forEach((v, c) => {
      const text = v === null || v === undefined ? '' : typeof v === 'object' ? '00.00.0000' : String(v);
      w[c] = Math.max(w[c] ?? 4, Math.min(50, text.length + 2));
    });
  }
  return Array.from(w, (x) => x ?? 8);
}

function sheetXml(sheet: XlsxSheet): string {
  const widths = widthsOf(sheet);
  const lastCol = Math.max(1, widths.length) - 1;
  const merges = [...(sheet.merges ?? [])];
  const rows = sheet.rows.map((row, r) => {
    const role = row.role ?? 'plain';
    if (row.span && row.span > 1) merges.push([r, 0, Math.min(lastCol, row.span - 1)]);
    const cells = row.cells.map((v, c) => cellXml(`${columnName(c)}${r + 1}`, v, role)).join('');
    return `<row r="${r + 1}">${cells}</row>`;
  });
  const frozen = sheet.freezeRows
    ? `<sheetView workbookViewId="0"><pane ySplit="${sheet.freezeRows}" topLeftCell="A${sheet.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>`
    : '<sheetView workbookViewId="0"/>';
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const mergeXml = merges.length ? `<mergeCells count="${merges.length}">${merges.map(([r, a, b]) => `<mergeCell ref="${columnName(a)}${r + 1}:${columnName(b)}${r + 1}"/>`).join('')}</mergeCells>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<sheetViews>${frozen}</sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>` +
    mergeXml +
    '<printOptions horizontalCentered="1"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${sheet.landscape === false ? 'portrait' : 'landscape'}" fitToWidth="1" fitToHeight="0"/>` +
    '</worksheet>'
  );
}

function stylesXml(): string {
  // Fonts: 0 normal, 1 bold, 2 bold 14pt. Borders: 0 none, 1 thin. Fills: 0 none, 1 gray125 (required), 2 light grey.
  const role = (r: RowRole) => {
    switch (r) {
      case 'title':
        return { font: 2, border: 0, fill: 0, align: '<alignment horizontal="center"/>' };
      case 'subtitle':
        return { font: 0, border: 0, fill: 0, align: '<alignment horizontal="center"/>' };
      case 'header':
        return { font: 1, border: 1, fill: 2, align: '<alignment horizontal="center" vertical="center" wrapText="1"/>' };
      case 'body':
        return { font: 0, border: 1, fill: 0, align: '' };
      case 'total':
        return { font: 1, border: 1, fill: 0, align: '' };
      default:
        return { font: 0, border: 0, fill: 0, align: '' };
    }
  };
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  for (const r of ROLES) {
    for (const k of KINDS) {
      const s = role(r);
      const numFmt = k === 'date' ? 164 : 0;
      const quote = k === 'quoted' ? ' quotePrefix="1"' : '';
      xfs.push(
        `<xf numFmtId="${numFmt}" fontId="${s.font}" fillId="${s.fill}" borderId="${s.border}" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''} applyFont="1" applyBorder="1" applyFill="1"${quote}${s.align ? ' applyAlignment="1">' + s.align + '</xf>' : '/>'}`,
      );
    }
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts>' +
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/><charset val="204"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/><charset val="204"/></font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/><charset val="204"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFEEEEEE"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/** Excel's rules: at most 31 characters, none of `[]:*?/\`, no apostrophe at either end, not empty, unique. */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name, i) => {
    let clean = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31).replace(/^[\s']+|[\s']+$/g, '') || `Sheet${i + 1}`;
    for (let n = 2; used.has(clean.toLowerCase()); n++) clean = `${clean.slice(0, 31 - String(n).length - 1)}~${n}`;
    used.add(clean.toLowerCase());
    return clean;
  });
}

/** The bytes of an .xlsx file holding these sheets. */
export function xlsxBytes(doc: XlsxDocument): Uint8Array {
  const names = sheetNames(doc.sheets.map((s) => s.name));
  const stamp = `${doc.date ?? '2000-01-01'}T00:00:00Z`;
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      doc.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
    'docProps/core.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      (doc.title ? `<dc:title>${esc(doc.title)}</dc:title>` : '') +
      (doc.keywords ? `<cp:keywords>${esc(doc.keywords)}</cp:keywords>` : '') +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`,
    'docProps/app.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>registrar</Application></Properties>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>' +
      names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets>' +
      definedNames(doc.sheets, names) +
      '</workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      doc.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${doc.sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': stylesXml(),
  };
  doc.sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(s)));
  // A fixed local time: the zip's DOS timestamps are local fields, so this gives the same bytes in every zone.
  const mtime = new Date(2000, 0, 1, 0, 0, 0);
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime, level: 6 }]])));
}

function definedNames(sheets: readonly XlsxSheet[], names: readonly string[]): string {
  const titles = sheets.flatMap((s, i) =>
    s.repeatRows ? [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${esc(names[i].replace(/'/g, "''"))}'!$${s.repeatRows[0] + 1}:$${s.repeatRows[1] + 1}</definedName>`] : [],
  );
  return titles.length ? `<definedNames>${titles.join('')}</definedNames>` : '';
}
