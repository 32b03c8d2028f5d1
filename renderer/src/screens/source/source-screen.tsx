import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cellText } from '../../../../shared/domain/cell';
import { useApp } from '../../app/session';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { useLocale } from '../../components/use-locale';
import { formatBytes, formatNumber } from '../../format';

const ENCODINGS = ['utf-8', 'utf-8-bom', 'windows-1250', 'windows-1252'] as const;
const DELIMITERS = [',', ';', '\t', '|'] as const;
const PREVIEW_ROWS = 15;

export function SourceScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session, reread: readAgain, go, opening } = useApp();
  const info = session.info!;
  const [sheet, setSheet] = useState(info.sheet ?? '');
  const [headerRow, setHeaderRow] = useState(String(info.headerRow));
  const [encoding, setEncoding] = useState(info.encoding ?? 'utf-8');
  const [delimiter, setDelimiter] = useState(info.delimiter ?? ',');
  const isCsv = info.format === 'csv';

  const reread = () => {
    const hr = Number.parseInt(headerRow, 10);
    void readAgain({
      ...(isCsv ? { encoding, delimiter } : { sheet }),
      ...(Number.isFinite(hr) && hr >= 1 ? { headerRow: hr } : {}),
    });
  };
  const rows = info.preview.slice(0, PREVIEW_ROWS);

  return (
    <ScreenFrame
      id="source"
      title={t('source.title')}
      intro={t('source.intro')}
      footer={<button type="button" className="btn primary" onClick={() => go('mapping')}>{t('source.next')}</button>}
    >
      <dl className="facts">
        <div><dt>{t('source.file')}</dt><dd>{info.fileName}</dd></div>
        <div><dt>{t('source.format')}</dt><dd>{info.format.toUpperCase()}</dd></div>
        <div><dt>{t('source.size')}</dt><dd>{formatBytes(info.size, locale)}</dd></div>
        <div><dt>{t('source.rows')}</dt><dd>{info.dataRows === null ? t('source.unknownRows') : formatNumber(info.dataRows, locale)}</dd></div>
      </dl>
      {session.parkedRows > 0 && session.matched && (
        <Notice kind="info">{t('source.parkedWaiting', { count: session.parkedRows, profile: session.matched.name })}</Notice>
      )}
      <form className="panel form-row" onSubmit={(e) => { e.preventDefault(); reread(); }}>
        {!isCsv && (
          <label className="field">
            <span>{t('source.sheet')}</span>
            <select value={sheet} onChange={(e) => setSheet(e.target.value)}>
              {info.sheets.map((s) => (
                <option key={s.name} value={s.name}>{s.hasData ? s.name : t('source.sheetEmpty', { name: s.name })}</option>
              ))}
            </select>
          </label>
        )}
        <label className="field narrow">
          <span>{t('source.headerRow')}</span>
          <input type="number" min={1} value={headerRow} onChange={(e) => setHeaderRow(e.target.value)} aria-describedby="header-help" />
          <small id="header-help" className="muted">{t('source.headerRowHelp')}</small>
        </label>
        {isCsv && (
          <>
            <label className="field">
              <span>{t('source.encoding')}</span>
              <select value={encoding} onChange={(e) => setEncoding(e.target.value)} aria-describedby="enc-help">
                {[...new Set([...ENCODINGS, encoding])].map((enc) => (
                  <option key={enc} value={enc}>{(ENCODINGS as readonly string[]).includes(enc) ? t(`source.encodings.${enc}`) : enc}</option>
                ))}
              </select>
              <small id="enc-help" className="muted">{t('source.encodingHelp')}</small>
            </label>
            <label className="field">
              <span>{t('source.delimiter')}</span>
              <select value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
                {DELIMITERS.map((d) => <option key={d} value={d}>{t(`source.delimiters.${d}`)}</option>)}
              </select>
            </label>
          </>
        )}
        <button type="submit" className="btn" disabled={opening !== null}>{opening ? t('app.busy') : t('source.apply')}</button>
      </form>
      <section className="panel" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('source.preview')}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="preview-title">
          <table className="data-table preview-table">
            <caption className="sr-only">{t('source.previewCaption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('source.rowNo')}</th>
                {info.headers.map((h, i) => <th key={i} scope="col">{h}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.row}>
                  <th scope="row" className="rownum">{r.row}</th>
                  {info.headers.map((_h, i) => <td key={i}>{cellText(r.cells[i] ?? null)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </ScreenFrame>
  );
}
