import type { MenuItemConstructorOptions } from 'electron';

/**
 * The packaged app's menu: editing (so copy and paste work in the text
 * fields) and quitting, and no DevTools or reload, which Electron's default
 * menu offers to anyone.
 */
export function productionMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = {
    role: 'editMenu',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  if (platform === 'darwin') {
    return [
      { role: 'appMenu', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] },
      edit,
      { role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }] },
    ];
  }
  return [{ role: 'fileMenu', submenu: [{ role: 'quit' }] }, edit];
}
