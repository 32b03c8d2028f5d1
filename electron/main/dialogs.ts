/** Native open/save dialogs in the user's language (the handlers only see the Dialogs port). */
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import type { Language } from '../../shared/ipc/types';
import type { Dialogs, SaveKind } from './ipc/handlers';

const TEXT = {
  en: { open: 'Open a spreadsheet', sheets: 'Spreadsheets', profile: 'Mapping profile', save: 'Save', all: 'All files', xml: 'MiniCRM XML feed', xlsx: 'Excel workbook', csv: 'CSV file', openProfile: 'Import a profile', folder: 'Folder of the exports' },
  hu: { open: 'Táblázat megnyitása', sheets: 'Táblázatok', profile: 'Hozzárendelési profil', save: 'Mentés', all: 'Minden fájl', xml: 'MiniCRM XML feed', xlsx: 'Excel munkafüzet', csv: 'CSV fájl', openProfile: 'Profil importálása', folder: 'Az exportok mappája' },
} as const;

function saveFilter(kind: SaveKind, t: (typeof TEXT)[Language]): FileFilter {
  if (kind === 'profile') return { name: t.profile, extensions: ['json'] };
  if (kind === 'xml') return { name: t.xml, extensions: ['xml'] };
  if (kind === 'xlsx') return { name: t.xlsx, extensions: ['xlsx'] };
  return { name: t.csv, extensions: ['csv'] };
}

export function electronDialogs(getWindow: () => BrowserWindow | null, getLanguage: () => Language): Dialogs {
  const open = async (title: string, filters: FileFilter[]) => {
    const win = getWindow();
    const opts = { title, properties: ['openFile' as const], filters };
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  return {
    openSource: () => {
      const t = TEXT[getLanguage()];
      return open(t.open, [{ name: t.sheets, extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xlsm', 'xls', 'ods'] }, { name: t.all, extensions: ['*'] }]);
    },
    openProfile: () => {
      const t = TEXT[getLanguage()];
      return open(t.openProfile, [{ name: t.profile, extensions: ['json'] }]);
    },
    openFolder: async () => {
      const win = getWindow();
      const opts = { title: TEXT[getLanguage()].folder, properties: ['openDirectory' as const] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    saveFile: async ({ defaultName, kind }) => {
      const t = TEXT[getLanguage()];
      const win = getWindow();
      const opts = { title: t.save, defaultPath: defaultName, filters: [saveFilter(kind, t)] };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}
