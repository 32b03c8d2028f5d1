import type { Messages } from './en';

/** Az irodai felhasználó útjához (15. hibajegy) hozzáadott magyar szöveg. */
export const huGuide: Pick<Messages, 'work'> = {
  work: {
    title: { open: 'Megnyit egy másik fájlt?', reread: 'Újraolvassa a fájlt ezekkel a beállításokkal?', 'start-over': 'Elölről kezdi?' },
    body: {
      open: 'A(z) {{file}} fájlon végzett munkáját még nem küldte el a MiniCRM-be:',
      reread: 'Ezekkel a beállításokkal a(z) {{file}} fájlon végzett munkája egy része már nem illik a fájlhoz:',
      'start-over': 'A(z) {{file}} fájlon végzett munkáját még nem küldte el a MiniCRM-be:',
    },
    edits: '{{count}} javított cella',
    edits_one: '{{count}} javított cella',
    skipped: '{{count}} kihagyott sor',
    skipped_one: '{{count}} kihagyott sor',
    mapping: 'a megfeleltetés módosításai (profilként nincsenek mentve)',
    after: {
      open: 'Egy másik fájl megnyitásával ezek elvesznek.',
      reread: 'Ezek elvesznek; a többi javítása megmarad.',
      'start-over': 'Az elölről kezdéssel ezek elvesznek.',
    },
    confirm: { open: 'Elvetem, megnyitom', reread: 'Elvetem, újraolvasom', 'start-over': 'Elvetem, elölről kezdem' },
    keep: 'Megtartom a munkámat',
  },
};
