import { el } from './dom';
import { STYLE } from './style';

/**
 * A fresh shadow root under `element` for one output: our styles inside, the notebook's
 * outside. VS Code may render into the same element again (an output replaced while a
 * cell runs), so an existing root is emptied rather than attached twice.
 *
 * @example
 * const root = mountRoot(element, 'chart'); root.append(el('div', {}, 'hi'));
 */
export function mountRoot(element: HTMLElement, kind: string): HTMLElement {
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  element.classList.add('nnbook-output');
  element.dataset.nnbookKind = kind;
  const style = document.createElement('style');
  style.textContent = STYLE;
  const root = el('div', { class: `nnbook-root nnbook-${kind}` });
  shadow.append(style, root);
  return root;
}

/**
 * The box shown for an output that cannot be drawn: what it was and why, as text.
 *
 * @example
 * showError(element, 'application/vnd.nnbook.chart+json', new Error('series: expected an array'));
 */
export function showError(element: HTMLElement, mime: string, err: unknown): void {
  const root = mountRoot(element, 'error');
  const message = err instanceof Error ? err.message : String(err);
  root.append(el('div', { class: 'nnbook-error', role: 'alert' },
    el('div', { class: 'nnbook-error-title' }, 'nnbook cannot draw this output'),
    el('div', { class: 'nnbook-error-message' }, message),
    el('div', { class: 'nnbook-error-mime' }, mime)));
}
