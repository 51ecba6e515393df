/** svg-to-pdfkit ships no types: the one call the PDF renderer makes. */
declare module 'svg-to-pdfkit' {
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: { width?: number; height?: number; fontCallback?: (family: string, bold: boolean, italic: boolean) => string; assumePt?: boolean }): void;
  export default SVGtoPDF;
}
