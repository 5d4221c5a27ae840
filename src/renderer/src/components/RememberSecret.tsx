// The one choice about keeping a typed secret: memory only (the default: asked again after a restart),
// or remembered on this computer, encrypted by the OS (the desktop app's vault; headless has none).
export function RememberSecret({ id, checked, onChange }: { id: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="remember-secret" htmlFor={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> remember on this computer (encrypted by the OS; desktop app only)
    </label>
  );
}
