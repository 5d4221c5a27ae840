// Draws the app and tray icons (a ring with a status dot) as PNGs without any image library, so the
// resources can be regenerated anywhere: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5, size), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const icon = (ring, dot) => (x, y, size) => {
  const c = size / 2;
  const d = Math.hypot(x - c, y - c) / c;
  const dd = Math.hypot(x - size * 0.72, y - size * 0.72) / c;
  if (dot && dd < 0.26) return [...dot, 255];
  if (d > 0.62 && d < 0.9) return [...ring, 255];
  if (d < 0.3) return [...ring, 255];
  return [0, 0, 0, 0];
};

const BLUE = [36, 88, 198];
mkdirSync('resources', { recursive: true });
writeFileSync('resources/icon.png', png(256, icon(BLUE, null)));
writeFileSync('resources/tray-ok.png', png(32, icon(BLUE, [31, 160, 70])));
writeFileSync('resources/tray-warning.png', png(32, icon(BLUE, [240, 170, 0])));
writeFileSync('resources/tray-critical.png', png(32, icon(BLUE, [220, 40, 30])));
console.log('icons written to resources/');
