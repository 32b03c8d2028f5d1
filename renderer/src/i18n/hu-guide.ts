import type { Messages } from './en';

/** Az irodai felhasználó útjához (15. hibajegy) hozzáadott magyar szöveg. */
export const huGuide: Pick<Messages, 'work' | 'details' | 'progress' | 'mappingDiff' | 'setup'> = {
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
  details: {
    summary: 'Részletek (az informatikusnak)',
    http: 'HTTP-válasz: {{status}}',
    answer: 'A szerver válasza: {{answer}}',
    minicrmAnswer: 'A MiniCRM válasza: {{answer}}',
    code: 'Kód: {{code}}',
    uploadedTo: 'Feltöltve ide: {{target}}',
    file: 'Fájl: {{path}} ({{size}})',
  },
  progress: {
    rows: '{{rows}} sor', rows_one: '{{rows}} sor',
    rowsOf: '{{rows}} / {{total}} sor', rowsOf_one: '{{rows}} / {{total}} sor',
    rowsOfAbout: '{{rows}} / kb. {{total}} sor', rowsOfAbout_one: '{{rows}} / kb. {{total}} sor',
    left: 'még kb. {{time}}',
  },
  mappingDiff: {
    title: 'Ez a megfeleltetés eltér attól, amellyel a(z) {{file}} fájlt {{date}} elküldtük:',
    removed: '{{count}} mezőt már nem töltünk ki: {{fields}}. A MiniCRM megtartja, ami bennük van.',
    removed_one: '{{count}} mezőt már nem töltünk ki: {{fields}}. A MiniCRM megtartja, ami benne van.',
    changed: '{{count}} mező más oszlopból vagy más értékkel töltődik: {{fields}}.',
    changed_one: '{{count}} mező más oszlopból vagy más értékkel töltődik: {{fields}}.',
    added: '{{count}} mezőt most először töltünk ki: {{fields}}.',
    added_one: '{{count}} mezőt most először töltünk ki: {{fields}}.',
    useDelivered: 'Az akkori megfeleltetés használata',
    openMapping: 'A megfeleltetés megnyitása',
  },
  setup: {
    title: 'Az első küldés előtt',
    intro: 'Három dolog kell egyszer, a Beállítások képernyőn:',
    steps: { account: 'A MiniCRM-fiók (rendszerazonosító és API-kulcs)', upload: 'A feltöltési hely, ahonnan a MiniCRM letölti a fájlt', test: 'Egy sikeres kapcsolatteszt' },
    doneStep: 'Kész:',
    openStep: 'Még hátra van:',
    testHelp: 'Nyomja meg a „Kapcsolat tesztelése” gombot a Beállítások képernyő minden részén.',
    testFailed: 'A legutóbbi kapcsolatteszt nem sikerült; nézze meg a Beállítások képernyőn.',
    openTests: 'Beállítások megnyitása a teszthez',
    ready: 'Minden készen áll a küldéshez.',
  },
};
