// Steward's configuration: settings from the environment and steward.yaml, validated at start.
export { ConfigSchema, type StewardConfig } from './config-schema.js';
export { loadConfig, describeConfig, maskSecret, type LoadConfigOptions } from './load-config.js';
export { SETTINGS, type SettingDescriptor } from './settings.js';
