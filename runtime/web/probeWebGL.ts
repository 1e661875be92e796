/** What a worker can learn about WebGL without tfjs: whether WebGL 2 works, and on what. */
export interface WebGLProbe {
  /** WebGL 2 on an OffscreenCanvas works in this worker. */
  available: boolean;
  /** The unmasked renderer string, e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) …))". */
  renderer: string;
  /** A software rasteriser (SwiftShader, llvmpipe, …): WebGL works, but slower than WASM for small models. */
  software: boolean;
  /** Why WebGL is unavailable, when it is. */
  problem?: string;
}

/** Renderer strings of software rasterisers (Chromium's SwiftShader, Mesa's llvmpipe/softpipe, Windows' WARP). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic|warp/i;

/**
 * Creates a throw-away WebGL 2 context on an OffscreenCanvas and reads its renderer.
 * `WEBGL_debug_renderer_info` gives the unmasked name; without it, RENDERER (which
 * Chromium now also unmasks) is used.
 */
export function probeWebGL(): WebGLProbe {
  if (typeof OffscreenCanvas === 'undefined') return { available: false, renderer: '', software: false, problem: 'no OffscreenCanvas in this worker' };
  let gl: WebGL2RenderingContext | null = null;
  try {
    gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  } catch (err) {
    return { available: false, renderer: '', software: false, problem: `webgl2 context failed: ${(err as Error)?.message ?? err}` };
  }
  if (!gl) return { available: false, renderer: '', software: false, problem: 'no webgl2 context (GPU blocklisted or disabled)' };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext(); // free it now; tfjs makes its own
  return { available: true, renderer, software: SOFTWARE_RENDERER.test(renderer) };
}
