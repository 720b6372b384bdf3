// Each family's factory checks that it was handed a configuration of its own family.
import { StewardError } from '../../errors/index.js';
import { type ProviderConfig, type ProviderConfigInput, type UpstreamFamily, parseProviderConfig } from '../provider-config.js';

/** Validates the configuration and checks its family. @throws StewardError CONFIG_INVALID */
export function requireFamily(input: ProviderConfigInput, family: UpstreamFamily): ProviderConfig {
  const config = parseProviderConfig(input);
  if (config.family !== family) {
    throw new StewardError({
      code: 'CONFIG_INVALID',
      message: `provider ${config.name} has family ${config.family}, not ${family}`,
    });
  }
  return config;
}
