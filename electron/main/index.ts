// Placeholder from the foundation; the app-shell work replaces it.
import { app, BrowserWindow } from 'electron';

void app.whenReady().then(() => {
  new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
});
