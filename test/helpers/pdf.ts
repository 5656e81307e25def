import { inflateSync } from 'node:zlib';

/** A PDF's pages as its bytes declare them: one MediaBox (width × height in points) per page object. */
export function pdfPages(bytes: Buffer): { width: number; height: number }[] {
  // the indirect objects; the page objects (not the /Pages tree) are written uncompressed by Chromium and PDFKit
  const objects = bytes.toString('latin1').split(/\bendobj\b/);
  const pages = objects.filter((o) => /\/Type\s*\/Page(?![a-zA-Z])/.test(o));
  // the root of the page tree (long documents have intermediate /Pages nodes, each with a /Parent)
  const root = objects.find((o) => /\/Type\s*\/Pages\b/.test(o) && !/\/Parent\b/.test(o)) ?? '';
  const inherited = /\/MediaBox\s*\[([^\]]+)\]/.exec(root)?.[1];
  const count = Number(/\/Count\s+(\d+)/.exec(root)?.[1]);
  if (count !== pages.length) throw new Error(`the page tree counts ${count} pages, ${pages.length} page objects found`);
  return pages.map((dict) => {
    const box = (/\/MediaBox\s*\[([^\]]+)\]/.exec(dict)?.[1] ?? inherited ?? '').trim().split(/\s+/).map(Number);
    if (box.length !== 4 || box.some((n) => !Number.isFinite(n))) throw new Error(`a page without a MediaBox: ${dict.slice(0, 200)}`);
    return { width: box[2] - box[0], height: box[3] - box[1] };
  });
}

/** A4 in PDF points: 210 × 297 mm at 72 per inch is 595.28 × 841.89; Chromium writes 594.96 × 841.92 (whole CSS pixels). */
export function isA4(p: { width: number; height: number }): boolean {
  return Math.abs(p.width - 595.28) < 1 && Math.abs(p.height - 841.89) < 1;
}

/** The names of the fonts a PDF embeds (its FontDescriptors' /FontName, subset prefix dropped: WenQuanYiMicroHei). */
export function pdfFontNames(bytes: Buffer): string[] {
  const names = [...bytes.toString('latin1').matchAll(/\/FontName\s*\/(?:[A-Z]{6}\+)?([^\s/<>[\]]+)/g)].map((m) => m[1]);
  return [...new Set(names)];
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function pdfObjects(bytes: Buffer): Map<string, PdfObject> {
  const out = new Map<string, PdfObject>();
  for (const m of bytes.toString('latin1').matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.indexOf('stream');
    if (at < 0) {
      out.set(m[1], { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const raw = Buffer.from(
      body
        .slice(at + 6)
        .replace(/^\r?\n/, '')
        .replace(/\r?\nendstream\s*$/, ''),
      'latin1',
    );
    out.set(m[1], { dict, stream: /FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return out;
}

/** A ToUnicode CMap: 2-byte code (hex) → text, from its bfchar and bfrange entries. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const e of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(e[1].toLowerCase(), utf16(e[2]));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const e of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const [lo, hi] = [parseInt(e[1], 16), parseInt(e[2], 16)];
      const dst = e[3].startsWith('[') ? [...e[3].matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1])) : null;
      for (let c = lo; c <= hi; c++) {
        const start = e[3].startsWith('<') ? parseInt(e[3].slice(1, -1), 16) : 0;
        map.set(c.toString(16).padStart(4, '0'), dst ? dst[c - lo] : String.fromCharCode(start + c - lo));
      }
    }
  return map;
}

/**
 * The text a PDF of Type0 (Identity-H) fonts shows, as PDFKit writes it: each page's text objects in order, one
 * line per BT … ET, decoded through each font's ToUnicode CMap.
 */
export function pdfText(bytes: Buffer): string {
  const objects = pdfObjects(bytes);
  const ref = (dict: string, key: string) => new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)?.[1];
  const lines: string[] = [];
  for (const page of [...objects.values()].filter((o) => /\/Type\s*\/Page(?![a-zA-Z])/.test(o.dict))) {
    const resources = objects.get(ref(page.dict, 'Resources') ?? '')?.dict ?? page.dict;
    const fonts = new Map<string, Map<string, string>>();
    for (const f of (/\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const cmap = objects.get(ref(objects.get(f[2])?.dict ?? '', 'ToUnicode') ?? '')?.stream;
      fonts.set(f[1], cmap ? toUnicode(cmap.toString('latin1')) : new Map());
    }
    const content = objects.get(ref(page.dict, 'Contents') ?? '')?.stream?.toString('latin1') ?? '';
    for (const bt of content.matchAll(/BT([\s\S]*?)ET/g)) {
      let font = new Map<string, string>();
      let line = '';
      for (const op of bt[1].matchAll(/\/(\w+)\s+[\d.]+\s+Tf|(\[[^\]]*\])\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (op[1]) font = fonts.get(op[1]) ?? new Map();
        const hexes = op[2] ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]) : op[3] !== undefined ? [op[3]] : [];
        for (const hex of hexes) for (const code of hex.toLowerCase().match(/.{4}/g) ?? []) line += font.get(code) ?? '';
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
