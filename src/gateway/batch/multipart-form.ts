// A small multipart/form-data reader for file uploads (`/v1/files`): fields and one file per name,
// from a buffered body (the server's body limit bounds it).

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary of a multipart content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]).trim() : undefined;
}

/** Splits a multipart body into its parts. @throws Error when the body is not well formed. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw new Error('multipart boundary not found');
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    start += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) throw new Error('multipart part without headers');
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new Error('multipart part is not terminated');
    const data = body.subarray(headerEnd + 4, next - 2); // CRLF before the next delimiter
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      parts.push({
        name,
        filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
        data,
      });
    }
    start = next;
  }
  return parts;
}
