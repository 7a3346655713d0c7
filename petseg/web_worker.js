// The page's model, in a Web Worker so that the page never waits on it: petseg-inference's preprocessing (Pillow's
// bilinear resize, ImageNet normalisation) and ONNX Runtime Web. Messages: {type: 'init', settings, base, threads, only,
// backend, size} (each file the page carries, or `only` the one of that precision, timed on a blank size x size frame on
// `backend`, 'wasm' or 'webgpu'; the faster kept) and {type: 'run', rgba, width, height, size}, answered with {id, ...} (probabilities at
// size x size, milliseconds). A worker runs one backend: ONNX Runtime Web's WebGPU build is a larger download.
"use strict";
const BUILDS = {wasm: 'ort.wasm.min.js', webgpu: 'ort.webgpu.min.js'};  // ONNX Runtime Web's script for each backend
let session, settings;

function coefficients(inSize, outSize) {  // Pillow's antialiased bilinear filter, in its fixed-point arithmetic: {lo, n, k} per output
  const scale = inSize / outSize, fscale = Math.max(scale, 1), support = fscale, bits = 22;
  const width = Math.ceil(support) * 2 + 1, lo = new Int32Array(outSize), n = new Int32Array(outSize), k = new Int32Array(outSize * width);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale, a = Math.max(Math.trunc(center - support + 0.5), 0);
    const b = Math.min(Math.trunc(center + support + 0.5), inSize), w = [];
    let sum = 0;
    for (let i = a; i < b; i++) { const v = Math.max(1 - Math.abs((i - center + 0.5) / fscale), 0); w.push(v); sum += v; }
    lo[o] = a; n[o] = w.length;
    w.forEach((v, j) => { const f = v / sum * (1 << bits); k[o * width + j] = Math.trunc(f < 0 ? f - 0.5 : f + 0.5); });
  }
  return {lo, n, k, width};
}

function resize(rgba, w, h, size) {  // RGB of an RGBA image, squashed to size x size as Pillow's Image.resize(BILINEAR)
  const clip = v => Math.min(Math.max(v >> 22, 0), 255), half = 1 << 21;
  const cx = coefficients(w, size), cy = coefficients(h, size), tmp = new Uint8Array(h * size * 3), out = new Uint8Array(size * size * 3);
  for (let y = 0; y < h; y++)  // horizontally first, into 8-bit rows, as Pillow does
    for (let x = 0; x < size; x++) {
      const n = cx.n[x], k0 = x * cx.width, p0 = 4 * (y * w + cx.lo[x]), t = 3 * (y * size + x);
      let r = half, g = half, b = half;
      for (let i = 0; i < n; i++) { const kk = cx.k[k0 + i], p = p0 + 4 * i; r += rgba[p] * kk; g += rgba[p + 1] * kk; b += rgba[p + 2] * kk; }
      tmp[t] = clip(r); tmp[t + 1] = clip(g); tmp[t + 2] = clip(b);
    }
  for (let y = 0; y < size; y++) {
    const n = cy.n[y], k0 = y * cy.width, row0 = cy.lo[y];
    for (let x = 0; x < size; x++) {
      let r = half, g = half, b = half;
      for (let i = 0; i < n; i++) { const kk = cy.k[k0 + i], p = 3 * ((row0 + i) * size + x); r += tmp[p] * kk; g += tmp[p + 1] * kk; b += tmp[p + 2] * kk; }
      const o = 3 * (y * size + x); out[o] = clip(r); out[o + 1] = clip(g); out[o + 2] = clip(b);
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

async function warmupMs(s, size) {  // the median of three runs on a blank size x size frame, after one that warms up
  const x = {[s.inputNames[0]]: new ort.Tensor('float32', new Float32Array(3 * size * size), [1, 3, size, size])}, ms = [];
  await s.run(x);
  for (let i = 0; i < 3; i++) { const t0 = performance.now(); await s.run(x); ms.push(performance.now() - t0); }
  return ms.sort((a, b) => a - b)[1];
}

async function init({base, threads, only, backend, size}) {  // each file the page carries (or `only` that one), timed; the faster kept
  importScripts(base + BUILDS[backend]);
  ort.env.wasm.wasmPaths = base;  // ONNX Runtime's own files, beside the page
  ort.env.wasm.numThreads = threads;  // more than one needs a cross-origin isolated page (the service worker gives it)
  const all = settings.model_files, timed = {};
  const files = only && all[only] ? {[only]: all[only]} : all;  // both passed the export's parity check
  for (const [precision, file] of Object.entries(files)) {
    const s = await ort.InferenceSession.create(base + file, {executionProviders: [backend]});
    timed[precision] = {session: s, ms: await warmupMs(s, size)};
  }
  const precision = Object.keys(timed).reduce((a, b) => timed[b].ms < timed[a].ms ? b : a);
  for (const [p, t] of Object.entries(timed)) if (p !== precision) await t.session.release();
  session = timed[precision].session;
  return {threads: ort.env.wasm.numThreads, backend, precision,
          warmup_ms: Object.fromEntries(Object.entries(timed).map(([p, t]) => [`${backend} ${p}`, Math.round(t.ms * 10) / 10]))};
}

self.onmessage = async ({data: msg}) => {
  try {
    if (msg.type === 'init') { settings = msg.settings; postMessage({id: msg.id, ...await init(msg)}); }
    else { const r = await run(msg); postMessage({id: msg.id, ...r}, [r.probs.buffer]); }
  } catch (e) { postMessage({id: msg.id, error: String(e && e.message || e)}); }
};
