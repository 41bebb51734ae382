import { ipcRenderer } from 'electron';

/**
 * The bridge's renderer half, kept tiny: when the page asks to connect, ask
 * main for two message ports and hand them to the page. Everything else
 * travels over those ports, under the typed contracts in shared/.
 */
window.addEventListener('message', (event) => {
  if (event.source === window && (event.data as { type?: string })?.type === 'huledu:connect') {
    ipcRenderer.send('huledu:connect');
  }
});

ipcRenderer.on('huledu:ports', (event) => {
  window.postMessage({ type: 'huledu:ports' }, '*', event.ports);
});
