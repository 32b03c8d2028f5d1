/**
 * Preload (sandboxed, bundled to out/preload/index.cjs): exposes the contract's named functions
 * as `window.api`. ipcRenderer itself stays here.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { Api } from '../../shared/ipc/contract';
import { buildApi } from './build-api';

const api = buildApi(ipcRenderer, (file) => webUtils.getPathForFile(file)) satisfies Api;

contextBridge.exposeInMainWorld('api', api);
