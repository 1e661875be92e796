import type { Tf } from '../backend/tfTypes';

/**
 * Calls `onLost` when the WebGL backend's context is lost (GPU reset, driver crash, too
 * many contexts): every tensor on the GPU is gone then, so the kernel must restart.
 * tfjs keeps its canvas private; it is reached through the backend's gpgpu context.
 */
export function watchContextLoss(tf: Tf, onLost: () => void): boolean {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: EventTarget } } };
  const canvas = backend.gpgpu?.gl?.canvas;
  if (!canvas || typeof canvas.addEventListener !== 'function') return false;
  canvas.addEventListener('webglcontextlost', (ev) => {
    ev.preventDefault();
    onLost();
  });
  return true;
}
