// GraphQL enums from the domain's closed sets (`as const` arrays), so a new state or status shows
// up in the schema the moment the domain adds it.
export function enumSdl(name: string, values: readonly string[], description: string): string {
  return `${JSON.stringify(description)}\nenum ${name} {\n${values.map((v) => `  ${v}`).join('\n')}\n}\n`;
}
