import type { ReactNode } from 'react';

/** Common frame of every screen: title, a plain sentence about it, the body, and the next step. */
export function ScreenFrame({ id, title, intro, children, footer }: { id: string; title: string; intro: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <section className="screen" aria-labelledby={`${id}-title`} data-testid={`screen-${id}`}>
      <header className="screen-head">
        <h1 id={`${id}-title`}>{title}</h1>
        <p className="intro">{intro}</p>
      </header>
      <div className="screen-body">{children}</div>
      {footer && <footer className="screen-foot">{footer}</footer>}
    </section>
  );
}
