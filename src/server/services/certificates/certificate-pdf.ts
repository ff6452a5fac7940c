// A certificate as a one-page PDF (A4 landscape), drawn with pdf-lib. Names and titles in
// Latin-1 use the standard Helvetica (nothing embedded: about 3 KB a certificate); anything else
// (Łukasz, Ζωή, Юлия) embeds the glyphs it needs from DejaVu Sans, subset. ADR 0027.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export type CertificateContent = {
  id: string;
  kind: 'COMPLETION' | 'FACILITATION';
  holderName: string;
  programme: string;
  cohortName: string;
  startsOn: Date;
  endsOn: Date;
  readingMinutes: number;
  meetings: number;
  issuedAt: Date;
  /** The public page that verifies it. */
  verifyUrl: string;
};

const ACCENT = rgb(0.055, 0.4, 0.4);
const INK = rgb(0.12, 0.13, 0.15);
const MUTED = rgb(0.38, 0.4, 0.44);
const WIDTH = 842;
const HEIGHT = 595;

const FONT_DIR = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
let dejaVu: { regular: Uint8Array; bold: Uint8Array } | null | undefined;

/** DejaVu Sans, read once; null where the package's files are missing (names then fall back to Latin-1). */
function loadDejaVu() {
  if (dejaVu === undefined) {
    try {
      dejaVu = { regular: readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')), bold: readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')) };
    } catch {
      dejaVu = null;
    }
  }
  return dejaVu;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function describeHours(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The lines a certificate says, shared by the PDF and the verification page. */
export function certificateLines(content: Pick<CertificateContent, 'kind' | 'programme' | 'cohortName' | 'startsOn' | 'endsOn' | 'readingMinutes' | 'meetings'>) {
  const dates = `${dateFormat.format(content.startsOn)} – ${dateFormat.format(content.endsOn)}`;
  if (content.kind === 'FACILITATION') {
    return {
      title: 'Certificate of Facilitation',
      lead: 'This certifies that',
      action: 'led a discussion group of',
      detail: `${content.meetings} ${content.meetings === 1 ? 'meeting' : 'meetings'} led · ${dates}`,
    };
  }
  // What was done, where there is something to say: nothing rather than "0 min".
  const parts = [
    content.readingMinutes > 0 ? `${describeHours(content.readingMinutes)} of readings` : null,
    content.meetings > 0 ? `${content.meetings} discussion ${content.meetings === 1 ? 'meeting' : 'meetings'}` : null,
  ].filter((part): part is string => part !== null);
  return { title: 'Certificate of Completion', lead: 'This certifies that', action: 'completed', detail: parts.length ? `${parts.join(' and ')} · ${dates}` : dates };
}

function encodable(font: PDFFont, text: string): boolean {
  try {
    font.encodeText(text);
    return true;
  } catch {
    return false;
  }
}

function centred(page: PDFPage, text: string, y: number, font: PDFFont, size: number, color = INK) {
  let fontSize = size;
  // Long names and titles shrink to fit the page's width.
  while (fontSize > 10 && font.widthOfTextAtSize(text, fontSize) > WIDTH - 140) fontSize -= 1;
  const width = font.widthOfTextAtSize(text, fontSize);
  page.drawText(text, { x: (WIDTH - width) / 2, y, size: fontSize, font, color });
}

export async function renderCertificatePdf(content: CertificateContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const lines = certificateLines(content);
  const texts = [content.holderName, content.programme, content.cohortName, lines.detail];
  let regular = await pdf.embedFont(StandardFonts.Helvetica);
  let bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  if (!texts.every((text) => encodable(regular, text))) {
    const fonts = loadDejaVu();
    if (fonts) {
      pdf.registerFontkit(fontkit);
      regular = await pdf.embedFont(fonts.regular, { subset: true });
      bold = await pdf.embedFont(fonts.bold, { subset: true });
    }
  }
  // Whatever the font still cannot draw becomes "?", rather than no certificate at all.
  const safe = (text: string) => (encodable(regular, text) && encodable(bold, text) ? text : [...text].map((char) => (encodable(bold, char) ? char : '?')).join(''));

  pdf.setTitle(`${lines.title}: ${safe(content.holderName)}`);
  pdf.setSubject(`${safe(content.programme)} (${safe(content.cohortName)})`);
  pdf.setCreator('Fellowship');
  pdf.setCreationDate(content.issuedAt);
  pdf.setModificationDate(content.issuedAt);

  const page = pdf.addPage([WIDTH, HEIGHT]);
  page.drawRectangle({ x: 24, y: 24, width: WIDTH - 48, height: HEIGHT - 48, borderColor: ACCENT, borderWidth: 3 });
  page.drawRectangle({ x: 34, y: 34, width: WIDTH - 68, height: HEIGHT - 68, borderColor: ACCENT, borderWidth: 0.75 });

  centred(page, lines.title.toUpperCase(), 470, bold, 26, ACCENT);
  centred(page, lines.lead, 420, regular, 14, MUTED);
  centred(page, safe(content.holderName), 370, bold, 34);
  page.drawLine({ start: { x: 220, y: 358 }, end: { x: WIDTH - 220, y: 358 }, thickness: 0.75, color: MUTED });
  centred(page, lines.action, 325, regular, 14, MUTED);
  centred(page, safe(content.programme), 285, bold, 22);
  centred(page, safe(content.cohortName), 255, regular, 15);
  centred(page, safe(lines.detail), 220, regular, 13, MUTED);

  centred(page, `Issued ${dateFormat.format(content.issuedAt)}`, 120, regular, 11, MUTED);
  centred(page, `Verify at ${content.verifyUrl}`, 100, regular, 10, MUTED);
  centred(page, `Certificate ${content.id}`, 84, regular, 9, MUTED);
  return pdf.save({ useObjectStreams: true });
}
