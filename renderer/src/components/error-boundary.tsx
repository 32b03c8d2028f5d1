import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface Props {
  children: ReactNode;
  onReset?: () => void;
}
interface State {
  error: Error | null;
}

/** A crash in one screen shows a calm message with a way back, never a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('UI error', error, info.componentStack);
  }

  private reset = (): void => {
    this.setState({ error: null });
    this.props.onReset?.();
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <section className="panel crash" role="alert">
            <h1>{t('crash.title')}</h1>
            <p>{t('crash.body')}</p>
            <details>
              <summary>{t('crash.details')}</summary>
              <pre>{error.message}</pre>
            </details>
            <button type="button" className="btn primary" onClick={this.reset}>
              {t('crash.restart')}
            </button>
          </section>
        )}
      </Translation>
    );
  }
}
