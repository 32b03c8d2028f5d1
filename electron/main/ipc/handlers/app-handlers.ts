import { existsSync } from 'node:fs';
import { UnusableInputError } from '../../../../shared/domain/errors';
import type { Handlers } from '../handle';
import { isSafeExternalUrl } from '../../security';
import type { HandlerDeps } from './deps';
import { effectiveLanguage } from './prefs';

type AppChannels = 'app:info' | 'app:open-external' | 'recent:list' | 'recent:remove' | 'dialog:open-source';

export function appHandlers(deps: HandlerDeps): Pick<Handlers, AppChannels> {
  return {
    'app:info': async () => ({ ...deps.app, language: effectiveLanguage(deps) }),
    'app:open-external': async ({ url }) => {
      if (!isSafeExternalUrl(url)) throw new UnusableInputError('link-not-https', 'Only https links can be opened.');
      await deps.shell.openExternal(url);
    },
    'recent:list': async () =>
      deps.db.recent.list().map((r) => ({ path: r.path, fileName: r.name, openedAt: r.openedAt, exists: existsSync(r.path) })),
    'recent:remove': async ({ path }) => deps.db.recent.remove(path),
    'dialog:open-source': () => deps.dialogs.openSource(),
  };
}
