/** The stylesheet inside every output's shadow root: theme variables only, no fixed colours. */
export const STYLE = `
:host { display: block; }
.nnbook-root { color: var(--vscode-foreground, #333); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); padding: 4px 0; }
.nnbook-error { border: 1px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground, #e51400)); background: var(--vscode-inputValidation-errorBackground, transparent); border-radius: 3px; padding: 6px 10px; }
.nnbook-error-title { font-weight: 600; color: var(--vscode-errorForeground, #e51400); }
.nnbook-error-message { white-space: pre-wrap; margin-top: 2px; }
.nnbook-error-mime { opacity: 0.7; font-size: 0.9em; margin-top: 2px; }
.title { font-weight: 600; margin-bottom: 4px; }
.meta { opacity: 0.8; margin-bottom: 4px; font-family: var(--vscode-editor-font-family, monospace); font-size: 0.95em; }
.note { opacity: 0.7; font-size: 0.9em; margin-top: 2px; }
table { border-collapse: collapse; font-family: var(--vscode-editor-font-family, monospace); font-size: 0.95em; }
th, td { padding: 1px 8px; text-align: right; border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.35)); }
th { font-weight: 600; opacity: 0.85; }
td.label, th.label { text-align: left; }
tfoot td { font-weight: 600; border-bottom: none; }
.toolbar { display: flex; gap: 8px; align-items: center; margin: 2px 0 4px; font-size: 0.9em; }
button { color: var(--vscode-button-secondaryForeground, inherit); background: var(--vscode-button-secondaryBackground, transparent); border: 1px solid var(--vscode-button-border, var(--vscode-editorWidget-border, #888)); border-radius: 2px; padding: 1px 8px; cursor: pointer; font: inherit; }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); }
.progress { display: flex; gap: 10px; align-items: center; margin: 2px 0 6px; }
.progress-track { flex: 0 0 220px; height: 8px; border-radius: 4px; background: var(--vscode-progressBar-background, #0e70c0); opacity: 1; position: relative; overflow: hidden; }
.progress-track::before { content: ''; position: absolute; inset: 0; background: var(--vscode-editor-background, #fff); opacity: 0.75; }
.progress-fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--vscode-progressBar-background, #0e70c0); }
.progress-text { font-family: var(--vscode-editor-font-family, monospace); font-size: 0.92em; }
.grid { display: flex; flex-wrap: wrap; gap: 6px; }
figure { margin: 0; display: flex; flex-direction: column; align-items: center; padding: 2px; border: 2px solid transparent; border-radius: 3px; }
figure.wrong { border-color: var(--vscode-errorForeground, #e51400); }
figure canvas { image-rendering: pixelated; }
figcaption { font-size: 0.85em; font-family: var(--vscode-editor-font-family, monospace); max-width: 96px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
figure.wrong figcaption .pred { color: var(--vscode-errorForeground, #e51400); font-weight: 600; }
.vega-embed { display: inline-block; }
.vega-embed summary { color: var(--vscode-foreground); }
`;
