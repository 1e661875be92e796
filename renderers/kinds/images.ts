import type { ImagesPayload } from '../../runtime/display/payloads';
import { el } from '../dom';
import { arr, int, obj, optStr, PayloadError, str, version1 } from '../validate';
import type { Kind } from './Kind';

const MAX_IMAGES = 1000;

function decodeBase64(s: string, path: string): Uint8Array {
  let bin: string;
  try { bin = atob(s); } catch { throw new PayloadError(`${path}: not base64`); }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function validateImages(json: unknown): ImagesPayload {
  const p = obj(json, 'payload');
  version1(p);
  const w = int(p.width, 'width', 1, 4096), h = int(p.height, 'height', 1, 4096);
  const c = int(p.channels, 'channels', 1, 4);
  if (c === 2) throw new PayloadError('channels: expected 1, 3 or 4, got 2');
  int(p.total, 'total');
  optStr(p.title, 'title');
  arr(p.images, 'images', MAX_IMAGES).forEach((im, i) => {
    const o = obj(im, `images[${i}]`);
    const bytes = decodeBase64(str(o.pixels, `images[${i}].pixels`), `images[${i}].pixels`);
    if (bytes.length !== w * h * c) throw new PayloadError(`images[${i}].pixels: ${bytes.length} bytes for a ${w}×${h}×${c} image`);
    optStr(o.label, `images[${i}].label`); optStr(o.prediction, `images[${i}].prediction`);
  });
  return p as unknown as ImagesPayload;
}

/** One image on a canvas, scaled up crisp to at least 56 px wide. */
function imageCanvas(bytes: Uint8Array, w: number, h: number, c: number): HTMLCanvasElement {
  const canvas = el('canvas', { width: String(w), height: String(h) });
  const scale = Math.max(1, Math.ceil(56 / w));
  canvas.style.width = `${w * scale}px`;
  canvas.style.height = `${h * scale}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const img = ctx.createImageData(w, h);
  for (let i = 0; i < w * h; i++) {
    const o = i * 4, s = i * c;
    if (c === 1) { img.data[o] = img.data[o + 1] = img.data[o + 2] = bytes[s]; img.data[o + 3] = 255; }
    else { img.data[o] = bytes[s]; img.data[o + 1] = bytes[s + 1]; img.data[o + 2] = bytes[s + 2]; img.data[o + 3] = c === 4 ? bytes[s + 3] : 255; }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** An image grid with labels and predictions; a wrong prediction gets a red frame and says so. */
export const imagesKind: Kind<ImagesPayload> = {
  validate: validateImages,
  async draw(root, p) {
    if (p.title) root.append(el('div', { class: 'title' }, p.title));
    const grid = el('div', { class: 'grid' });
    let wrong = 0;
    for (const im of p.images) {
      const isWrong = im.label !== undefined && im.prediction !== undefined && im.label !== im.prediction;
      if (isWrong) wrong++;
      const caption = el('figcaption');
      if (im.label !== undefined) caption.append(im.label);
      if (im.prediction !== undefined) caption.append(im.label !== undefined ? ' → ' : '', el('span', { class: 'pred' }, im.prediction));
      const fig = el('figure', { class: isWrong ? 'wrong' : 'right', title: isWrong ? `wrong: predicted ${im.prediction}, true ${im.label}` : '' },
        imageCanvas(decodeBase64(im.pixels, 'pixels'), p.width, p.height, p.channels), caption);
      grid.append(fig);
    }
    root.append(grid);
    const notes = [`${p.images.length}${p.total > p.images.length ? ` of ${p.total}` : ''} images`];
    if (p.images.some((i) => i.prediction !== undefined && i.label !== undefined)) notes.push(`${wrong} wrong`);
    root.append(el('div', { class: 'note' }, notes.join(' · ')));
    return { dispose() {} };
  },
};
