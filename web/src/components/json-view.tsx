// Request bodies, configs and reports shown as indented JSON that the user can copy.
export function JsonView({ value, maxHeight = 320 }: { value: unknown; maxHeight?: number }) {
  const text = value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre className="json" style={{ maxHeight }}>
      {text}
    </pre>
  );
}
