// Placeholder from the foundation; the app-shell work replaces it.
export {};
