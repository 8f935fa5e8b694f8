// Generates the one-page training certificate of the .NET benchmark with pdfkit and the same
// .ttf fonts, as a reference for speed and size. Input: a JSON file written by the .NET side.
'use strict';
const fs = require('fs');
const PDFDocument = require('pdfkit');
const fontkit = require('fontkit');

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const mm = (v) => (v * 72) / 25.4;

function certificate(fonts) {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, compress: true });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('title', fonts.title);
  doc.registerFont('kaiti', fonts.kaiti);
  doc.registerFont('body', fonts.body);
  doc.registerFont('heiti', fonts.heiti);
  const red = [184, 26, 26];
  const w = doc.page.width, h = doc.page.height;
  doc.lineWidth(3).strokeColor(red).rect(mm(10), mm(10), w - mm(20), h - mm(20)).stroke();
  doc.lineWidth(0.8).rect(mm(13), mm(13), w - mm(26), h - mm(26)).stroke();
  const left = mm(32), width = w - mm(64);
  doc.font('body').fontSize(10.5).fillColor('black').text(input.number, left, mm(30), { width, align: 'right' });
  doc.font('title').fontSize(34).fillColor(red).text(input.title, left, mm(38), { width, align: 'center', characterSpacing: 18 });
  doc.font('kaiti').fontSize(17).fillColor('black').text(input.body, left, mm(60), { width, align: 'justify', indent: 34, lineGap: 13 });
  let y = mm(95);
  const widths = [1.3, 2.7, 1.3, 2.7].map((x) => (x / 8) * width);
  for (let r = 0; r < input.details.length; r += 2) {
    let x = left;
    for (let c = 0; c < 2; c++) {
      const [label, value] = input.details[r + c];
      doc.rect(x, y, widths[0], 22).fillAndStroke([237, 237, 237], 'black');
      doc.fillColor('black').font('heiti').fontSize(11.5).text(label, x + 4.6, y + 5, { width: widths[0] - 9 });
      x += widths[0];
      doc.rect(x, y, widths[1], 22).stroke();
      doc.font('body').fontSize(11.5).text(value, x + 4.6, y + 5, { width: widths[1] - 9 });
      x += widths[1];
    }
    y += 22;
  }
  doc.font('kaiti').fontSize(15).text(input.issuer, w - mm(90), h - mm(50), { width: mm(55), align: 'center' });
  doc.text(input.date, w - mm(90), h - mm(42), { width: mm(55), align: 'center' });
  const size = mm(24), modules = input.qr.length, m = size / modules, qx = left, qy = h - mm(22) - size - 12;
  doc.fillColor('black');
  input.qr.forEach((row, r) => {
    for (let c = 0; c < modules; c++) if (row[c] === '1') doc.rect(qx + c * m, qy + r * m, m, m);
  });
  doc.fill();
  doc.font('body').fontSize(8).text('验证码 ' + input.code, qx, qy + size + 2);
  doc.end();
  return done;
}

async function measure(label, fontsFor, seconds) {
  let count = 0, bytes = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    const pdf = await certificate(fontsFor());
    bytes = pdf.length;
    count++;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { label, documents: count, seconds: elapsed, perSecond: count / elapsed, bytes };
}

(async () => {
  const paths = input.fonts;
  // Fonts by path: pdfkit reads and parses every font for every document.
  const byPath = () => paths;
  const parsed = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, fontkit.create(fs.readFileSync(p))]));
  // Parsed once: the fontkit objects are shared by all documents.
  const shared = () => parsed;
  await certificate(shared());
  // The same with one face (Noto Serif SC) for every role, as in the usual single-font comparison.
  const single = Object.fromEntries(Object.keys(paths).map((k) => [k, paths.body]));
  const singleParsed = fontkit.create(fs.readFileSync(paths.body));
  const singleShared = Object.fromEntries(Object.keys(paths).map((k) => [k, singleParsed]));
  const results = [
    await measure('pdfkit, 4 faces, font files per document', byPath, input.seconds),
    await measure('pdfkit, 4 faces, parsed fonts shared', shared, input.seconds),
    await measure('pdfkit, 1 face, font file per document', () => single, input.seconds),
    await measure('pdfkit, 1 face, parsed font shared', () => singleShared, input.seconds),
  ];
  process.stdout.write(JSON.stringify(results));
})();
