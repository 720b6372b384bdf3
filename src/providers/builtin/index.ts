// The builtin provider: Steward's own small transformer served through the provider interface,
// offline, with models found in configured folders.
export { type BuiltinProviderOptions, createBuiltinProvider } from './builtin-provider.js';
export { BuiltinModelCatalog, type CatalogEntry } from './builtin-model-catalog.js';
