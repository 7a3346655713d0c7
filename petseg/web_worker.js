// The page's model, in a Web Worker so that the page never waits on it: petseg-inference's preprocessing (Pillow's
// bilinear resize, ImageNet normalisation) and ONNX Runtime Web. Messages: {type: 'init', settings, base, threads, only}
// (each file the page carries, or `only` the one of that precision, timed on a blank frame; the faster kept) and
// {type: 'run', rgba, width, height, size}, answered with {id, ...} (probabilities at size x size, milliseconds).
"use strict";
importScripts('ort.wasm.min.js');
let session, settings;

function coefficients(inSize, outSize) {  // Pillow's antialiased bilinear filter, in its fixed-point arithmetic
  const scale = inSize / outSize, fscale = Math.max(scale, 1), support = fscale, bits = 22, taps = [];
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale, lo = Math.max(Math.trunc(center - support + 0.5), 0);
    const hi = Math.min(Math.trunc(center + support + 0.5), inSize), w = [];
    let sum = 0;
    for (let i = lo; i < hi; i++) { const v = Math.max(1 - Math.abs((i - center + 0.5) / fscale), 0); w.push(v); sum += v; }
    taps.push({lo, k: w.map(v => { const f = v / sum * (1 << bits); return Math.trunc(f < 0 ? f - 0.5 : f + 0.5); })});
  }
  return taps;
}

function resize(rgba, w, h, size) {  // RGB of an RGBA image, squashed to size x size as Pillow's Image.resize(BILINEAR)
  const clip = v => Math.min(Math.max(v >> 22, 0), 255), half = 1 << 21;
  const cx = coefficients(w, size), cy = coefficients(h, size), tmp = new Uint8Array(h * size * 3), out = new Uint8Array(size * size * 3);
  for (let y = 0; y < h; y++)  // horizontally first, into 8-bit rows, as Pillow does
    for (let x = 0; x < size; x++) {
      const {lo, k} = cx[x];
      for (let c = 0; c < 3; c++) {
        let acc = half;
        for (let i = 0; i < k.length; i++) acc += rgba[4 * (y * w + lo + i) + c] * k[i];
        tmp[3 * (y * size + x) + c] = clip(acc);
      }
    }
  for (let y = 0; y < size; y++) {
    const {lo, k} = cy[y];
    for (let x = 0; x < size; x++)
      for (let c = 0; c < 3; c++) {
        let acc = half;
        for (let i = 0; i < k.length; i++) acc += tmp[3 * ((lo + i) * size + x) + c] * k[i];
        out[3 * (y * size + x) + c] = clip(acc);
      }
  }
  return out;
}

function inputTensor(rgba, w, h, s) {  // RGB, squashed to s x s, ImageNet normalisation: petseg-inference's preprocessing
  const rgb = resize(rgba, w, h, s), x = new Float32Array(3 * s * s);
  for (let i = 0; i < s * s; i++)
    for (let k = 0; k < 3; k++) x[k * s * s + i] = (rgb[3 * i + k] / 255 - settings.mean[k]) / settings.std[k];
  return new ort.Tensor('float32', x, [1, 3, s, s]);
}

async function run({rgba, width, height, size}) {  // the pet's probability at each of size x size pixels; ms: the model's, total: with the resize
  const t0 = performance.now(), x = inputTensor(rgba, width, height, size), t1 = performance.now();
  const out = await session.run({[session.inputNames[0]]: x});
  const t2 = performance.now(), logits = out[session.outputNames[0]].data, probs = new Float32Array(logits.length);
  for (let i = 0; i < logits.length; i++) probs[i] = 1 / (1 + Math.exp(-logits[i]));
  return {probs, ms: t2 - t1, total: performance.now() - t0};
}

async function warmupMs(s, size) {  // the median of three runs on a blank frame at the live size, after one that warms up
  const x = {[s.inputNames[0]]: new ort.Tensor('float32', new Float32Array(3 * size * size), [1, 3, size, size])}, ms = [];
  await s.run(x);
  for (let i = 0; i < 3; i++) { const t0 = performance.now(); await s.run(x); ms.push(performance.now() - t0); }
  return ms.sort((a, b) => a - b)[1];
}

async function init({base, threads, only}) {  // each file the page carries (or `only` that one), timed; the faster kept
  ort.env.wasm.wasmPaths = base;  // ONNX Runtime's own files, beside the page
  ort.env.wasm.numThreads = threads;  // more than one needs a cross-origin isolated page (the service worker gives it)
  const all = settings.model_files, timed = {};
  const files = only && all[only] ? {[only]: all[only]} : all;  // both passed the export's parity check
  for (const [precision, file] of Object.entries(files)) {
    const s = await ort.InferenceSession.create(base + file, {executionProviders: ['wasm']});
    timed[precision] = {session: s, ms: await warmupMs(s, settings.live_size || settings.size)};
  }
  const precision = Object.keys(timed).reduce((a, b) => timed[b].ms < timed[a].ms ? b : a);
  for (const [p, t] of Object.entries(timed)) if (p !== precision) await t.session.release();
  session = timed[precision].session;
  return {threads: ort.env.wasm.numThreads, backend: 'wasm', precision,
          warmup_ms: Object.fromEntries(Object.entries(timed).map(([p, t]) => [p, Math.round(t.ms * 10) / 10]))};
}

self.onmessage = async ({data: msg}) => {
  try {
    if (msg.type === 'init') { settings = msg.settings; postMessage({id: msg.id, ...await init(msg)}); }
    else { const r = await run(msg); postMessage({id: msg.id, ...r}, [r.probs.buffer]); }
  } catch (e) { postMessage({id: msg.id, error: String(e && e.message || e)}); }
};
