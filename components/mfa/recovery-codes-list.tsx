/** Fresh recovery codes, shown once: only their hashes are kept. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  return (
    <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">Save these recovery codes now. Each works once, and they will not be shown again.</p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}
