// The error an adapter throws when a request asks for something its family cannot do honestly.
import { StewardError } from '../../errors/index.js';

/** A StewardError `UNSUPPORTED_PARAMETER` naming the provider and the parameter. */
export function unsupportedParameter(provider: string, parameter: string, why: string): StewardError {
  return new StewardError({
    code: 'UNSUPPORTED_PARAMETER',
    message: `${provider} does not support ${parameter}: ${why}`,
    // `param` is what OpenAI's error shape reports: the request field, without the explanation after it.
    details: { provider, parameter, param: parameter.split(' ')[0] },
  });
}
