// The page's service worker, for any static host: it keeps a copy of the page's files, so that a second visit works
// with the network off, and it serves every file of the page with the headers of a cross-origin isolated page
// (COOP and COEP), so that ONNX Runtime Web may run on several threads where the host sends no such headers.
// Online, each file comes from the host (and its copy is renewed); offline, from the copy. FILES are fetched at install;
// the WebGPU build's files, which only a browser with WebGPU asks for, are kept when it first does.
"use strict";
const CACHE = 'petseg-page';
const FILES = ['./', 'index.html', 'web_worker.js', 'petseg.json', 'model.onnx', 'manifest.webmanifest', 'icon.svg',
               'ort.wasm.min.js', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];

self.addEventListener('install', e => {
  e.waitUntil(caches.open(CACHE).then(c => c.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', e => e.waitUntil(self.clients.claim()));

function isolated(response) {  // the response with the headers that make the page cross-origin isolated
  if (!response || response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, {status: response.status, statusText: response.statusText, headers});
}

async function fresh(request) {  // from the host, its copy renewed; else the copy
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const copy = await cache.match(request, {ignoreSearch: true});
    if (copy) return copy;
    throw offline;
  }
}

self.addEventListener('fetch', e => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== location.origin) return;  // the page asks no other server for anything
  e.respondWith(fresh(e.request).then(isolated));
});
