/**
 * The application menu as data (pure; main turns it into Menu.buildFromTemplate). Hungarian and
 * English labels; roles give each platform its native behaviour and shortcuts.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/ipc/types';

const LABELS = {
  en: {
    file: 'File', open: 'Open…', quit: 'Quit', edit: 'Edit', view: 'View', window: 'Window', help: 'Help',
    about: 'About MiniCRM XML Sync', reload: 'Reload', devtools: 'Developer tools', zoomIn: 'Zoom in',
    zoomOut: 'Zoom out', resetZoom: 'Actual size', fullscreen: 'Full screen', undo: 'Undo', redo: 'Redo',
    cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select all', minimize: 'Minimize', close: 'Close window',
  },
  hu: {
    file: 'Fájl', open: 'Megnyitás…', quit: 'Kilépés', edit: 'Szerkesztés', view: 'Nézet', window: 'Ablak', help: 'Súgó',
    about: 'A MiniCRM XML Sync névjegye', reload: 'Újratöltés', devtools: 'Fejlesztői eszközök', zoomIn: 'Nagyítás',
    zoomOut: 'Kicsinyítés', resetZoom: 'Eredeti méret', fullscreen: 'Teljes képernyő', undo: 'Visszavonás', redo: 'Újra',
    cut: 'Kivágás', copy: 'Másolás', paste: 'Beillesztés', selectAll: 'Az összes kijelölése', minimize: 'Kis méret',
    close: 'Ablak bezárása',
  },
} as const;

export interface MenuActions {
  open(): void;
  about(): void;
}

export function menuLabels(lang: Language) {
  return LABELS[lang];
}

export function buildMenuTemplate(
  lang: Language,
  opts: { isDev: boolean; isMac: boolean },
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const t = LABELS[lang];
  const view: MenuItemConstructorOptions[] = [
    ...(opts.isDev
      ? [{ label: t.reload, role: 'reload' }, { label: t.devtools, role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]
      : []),
    { label: t.resetZoom, role: 'resetZoom' },
    { label: t.zoomIn, role: 'zoomIn' },
    { label: t.zoomOut, role: 'zoomOut' },
    { type: 'separator' },
    { label: t.fullscreen, role: 'togglefullscreen' },
  ];
  return [
    ...(opts.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: t.file,
      submenu: [
        { label: t.open, accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
        { type: 'separator' },
        opts.isMac ? { label: t.close, role: 'close' } : { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
    { label: t.window, submenu: [{ label: t.minimize, role: 'minimize' }, { label: t.close, role: 'close' }] },
    { label: t.help, role: 'help', submenu: [{ label: t.about, click: () => actions.about() }] },
  ];
}
