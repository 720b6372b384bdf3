// Splits a base64 `data:` URL into its media type and payload, for families that take images inline.

/** A decoded `data:<mediaType>;base64,<data>` URL. */
export interface DataUrl {
  mediaType: string;
  data: string;
}

const DATA_URL = /^data:([^;,]+)((?:;[^;,=]+=[^;,]+)*);base64,(.*)$/s;

/** The parts of a base64 data URL, or undefined when `url` is not one. */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  return { mediaType: match[1].toLowerCase(), data: match[3] };
}
