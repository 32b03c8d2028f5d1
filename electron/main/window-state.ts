/**
 * Remembering the window's size and position. Saved bounds are only reused when the window would
 * still be visible on a connected display (a laptop undocked from its second monitor must not
 * open the app off-screen).
 */
export interface Bounds { x: number; y: number; width: number; height: number }
export interface WindowState { bounds: Bounds; maximized: boolean }

export const WINDOW_STATE_KEY = 'window.state';

export function parseWindowState(json: string | null | undefined): WindowState | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Partial<WindowState>;
    const b = v.bounds;
    if (!b || ![b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    if (b.width < 200 || b.height < 150) return null;
    return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: v.maximized === true };
  } catch {
    return null;
  }
}

/** The saved bounds if at least 100x50 px of the title area lies on some display's work area. */
export function visibleBounds(saved: WindowState | null, workAreas: readonly Bounds[]): WindowState | null {
  if (!saved) return null;
  const b = saved.bounds;
  const titleBar: Bounds = { x: b.x, y: b.y, width: b.width, height: 50 };
  const visible = workAreas.some((a) => {
    const w = Math.min(titleBar.x + titleBar.width, a.x + a.width) - Math.max(titleBar.x, a.x);
    const h = Math.min(titleBar.y + titleBar.height, a.y + a.height) - Math.max(titleBar.y, a.y);
    return w >= 100 && h >= 30;
  });
  return visible ? saved : null;
}
