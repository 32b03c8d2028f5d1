export declare const NATIVE_DIR: string;
export declare const BINDING_FILE: string;
export declare const PACKAGED_DIR: string;
export declare function nativeDirName(electronVersion: string, platform: string, arch: string): string;
export declare function cachedBindingPath(root: string, electronVersion: string, platform: string, arch: string): string;
export declare function packageBindingPath(root: string, platform: string, arch: string): string;
export declare function runtimeBindingPath(opts: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
}): string;
