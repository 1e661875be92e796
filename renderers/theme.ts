/**
 * Colours and fonts from VS Code's theme CSS variables, read where the output is drawn
 * (they inherit into shadow roots), with light-theme fallbacks for a plain page.
 *
 * @example
 * const t = readTheme(host); t.fg // "#cccccc" in Dark Modern
 */
export interface Theme {
  fg: string;
  bg: string;
  border: string;
  error: string;
  font: string;
  monoFont: string;
  /** Categorical palette (VS Code's charts colours). */
  palette: string[];
  /** Diverging scale ends: negative, zero, positive. */
  diverging: [string, string, string];
  highContrast: boolean;
}

export function readTheme(at: Element): Theme {
  const cs = getComputedStyle(at);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const body = at.ownerDocument.body;
  const highContrast = !!body && (body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light'));
  const fg = v('--vscode-foreground', '#333333');
  const bg = v('--vscode-editor-background', '#ffffff');
  const blue = v('--vscode-charts-blue', '#1a85ff');
  const red = v('--vscode-charts-red', '#e51400');
  return {
    fg, bg,
    border: v('--vscode-contrastBorder', '') || v('--vscode-editorWidget-border', '') || v('--vscode-panel-border', '#c8c8c8'),
    error: v('--vscode-errorForeground', '#e51400'),
    font: v('--vscode-font-family', 'system-ui, sans-serif'),
    monoFont: v('--vscode-editor-font-family', 'monospace'),
    palette: [blue, v('--vscode-charts-orange', '#d18616'), v('--vscode-charts-green', '#388a34'), red,
      v('--vscode-charts-purple', '#652d90'), v('--vscode-charts-yellow', '#bf8803'), fg],
    diverging: [blue, bg, red],
    highContrast,
  };
}

/** A vega config that draws with the theme: transparent background, theme text and lines. */
export function vegaConfig(t: Theme): Record<string, unknown> {
  const text = { labelColor: t.fg, titleColor: t.fg, labelFont: t.font, titleFont: t.font };
  return {
    background: null,
    font: t.font,
    title: { color: t.fg, font: t.font, fontWeight: 'normal', anchor: 'start' },
    axis: { ...text, domainColor: t.border, tickColor: t.border, gridColor: t.fg, gridOpacity: t.highContrast ? 0.3 : 0.12 },
    legend: { ...text },
    header: { ...text },
    view: { stroke: t.highContrast ? t.border : null },
    range: { category: t.palette },
    line: { strokeWidth: t.highContrast ? 2.5 : 1.5 },
    text: { color: t.fg },
    mark: { color: t.palette[0] },
  };
}
